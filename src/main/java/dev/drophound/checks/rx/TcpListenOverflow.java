package dev.drophound.checks.rx;

import dev.drophound.checks.CounterTableCheck;
import dev.drophound.checks.Fixes;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Stage;
import java.util.List;

/** Connection attempts dropped because a listening socket's accept queue was full (ListenOverflows/ListenDrops). */
public final class TcpListenOverflow extends CounterTableCheck {

    public static final String ID = "tcp.listen-overflow";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "TCP listen (accept) queue overflows";
    }

    @Override
    public Stage stage() {
        return Stage.PROTOCOL;
    }

    @Override
    protected String missing() {
        return "TcpExt ListenOverflows/ListenDrops (/proc/net/netstat, netstat -s)";
    }

    @Override
    protected List<Entry> entries() {
        List<Remediation> fixes = List.of(
                Fixes.sysctl("net.core.somaxconn", 4096, "caps the backlog an application may pass to listen(); "
                        + "the application must also ask for it (its backlog setting)", "a little memory per pending connection"),
                new Remediation("ss -ltn", "a listener with Recv-Q at its Send-Q (the backlog) is the one overflowing; "
                        + "the application must accept() faster or use a larger backlog", null, null));
        return List.of(
                new Entry("TcpExt", "ListenOverflows", "TCP accept queue overflow",
                        "completed connections found the listener's accept queue full: the application does not "
                                + "accept() fast enough or its backlog is small.", null, fixes),
                new Entry("TcpExt", "ListenDrops", "TCP SYNs to listeners dropped",
                        "SYNs or connections to listening sockets dropped (accept queue full, no memory, ...); "
                                + "includes ListenOverflows.", null, fixes));
    }
}
