package dev.drophound.checks.rx;

import dev.drophound.checks.CounterTableCheck;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.checks.Growth;
import java.util.List;

/**
 * Drops on the way out as the SNMP counters see them: UDP send-buffer errors and IP output discards. On Linux
 * a qdisc drop of a UDP datagram shows up here (the sender is not told unless it sets IP_RECVERR), and so does
 * a send() that failed with ECONNREFUSED after an ICMP port unreachable.
 */
public final class SendPathDrops extends CounterTableCheck {

    public static final String ID = "egress.send-errors";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Send-side errors (SndbufErrors, OutDiscards)";
    }

    @Override
    public Stage stage() {
        return Stage.EGRESS;
    }

    @Override
    protected String missing() {
        return "Udp SndbufErrors / Ip OutDiscards (/proc/net/snmp, netstat -s)";
    }

    @Override
    protected List<Entry> entries() {
        String sndbuf = "a send failed for lack of socket send buffer or because the qdisc dropped the datagram "
                + "(ENOBUFS, hidden from UDP senders unless they set IP_RECVERR).";
        String out = "outgoing packets discarded: a qdisc drop, no memory, or a send() that failed (a connected UDP "
                + "socket's ECONNREFUSED after ICMP port unreachable counts here too).";
        return List.of(
                new Entry("Udp", "SndbufErrors", "UDP send buffer errors (IPv4)", sndbuf, "OutDatagrams", List.of()),
                new Entry("Udp6", "SndbufErrors", "UDP send buffer errors (IPv6)", sndbuf, "OutDatagrams", List.of()),
                new Entry("Ip", "OutDiscards", "IPv4 output discards", out, "OutRequests", List.of()),
                new Entry("Ip6", "OutDiscards", "IPv6 output discards", out, "OutRequests", List.of()));
    }

    @Override
    protected void decorate(Case c, Entry e, Growth g, Finding.Builder b) {
        b.next("qdisc drops are invisible in ip -s link and /proc/net/dev: capture tc -s qdisc");
    }
}
