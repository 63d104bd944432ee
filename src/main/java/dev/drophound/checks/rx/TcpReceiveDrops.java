package dev.drophound.checks.rx;

import dev.drophound.checks.CounterTableCheck;
import dev.drophound.checks.Fixes;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Stage;
import java.util.List;

/**
 * TCP segments dropped at the receiving socket: the receive queue was full (TCPRcvQDrop), the socket backlog
 * overflowed while the application held the socket (TCPBacklogDrop), or queues were pruned under memory
 * pressure (PruneCalled, RcvPruned, OfoPruned). TCP retransmits them, so they cost throughput, not data.
 */
public final class TcpReceiveDrops extends CounterTableCheck {

    public static final String ID = "tcp.receive-queue-drops";

    private static final Remediation TCP_RMEM = Fixes.sysctl("net.ipv4.tcp_rmem", "4096 131072 33554432",
            "raises the largest receive buffer TCP auto-tuning may grow a socket to (third value), so a fast reader "
                    + "on a long path is not capped", "memory only for sockets that need it; bounded by net.ipv4.tcp_mem");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "TCP receive queue and backlog drops";
    }

    @Override
    public Stage stage() {
        return Stage.PROTOCOL;
    }

    @Override
    protected String missing() {
        return "TcpExt counters (/proc/net/netstat, netstat -s, nstat -az)";
    }

    @Override
    protected List<Entry> entries() {
        return List.of(
                new Entry("TcpExt", "TCPRcvQDrop", "TCP receive queue full",
                        "segments dropped because the socket's receive queue was full even after pruning: the "
                                + "application reads too slowly for its buffer.", null, List.of(TCP_RMEM)),
                new Entry("TcpExt", "TCPBacklogDrop", "TCP socket backlog full",
                        "segments dropped because the socket backlog overflowed while the application held the socket "
                                + "(long processing under the socket lock).", null, List.of()),
                new Entry("TcpExt", "PruneCalled", "TCP receive queue pruned",
                        "the receive queue went over its memory budget and was collapsed/pruned (a sign of "
                                + "memory pressure or a slow reader; drops follow as RcvPruned/OfoPruned).", null, List.of()),
                new Entry("TcpExt", "RcvPruned", "TCP segments pruned from receive queues",
                        "segments thrown away from a receive queue after pruning failed to free enough memory.",
                        null, List.of(TCP_RMEM)),
                new Entry("TcpExt", "OfoPruned", "TCP out-of-order queue pruned",
                        "out-of-order segments dropped to free socket memory.", null, List.of()),
                new Entry("TcpExt", "TCPZeroWindowDrop", "TCP segments dropped on a zero window",
                        "segments arrived while the advertised window was zero (the reader is not reading).", null,
                        List.of()));
    }
}
