package dev.drophound.checks.rx;

import dev.drophound.checks.CounterTableCheck;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.findings.Severity;
import java.util.List;
import java.util.Optional;

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
    protected Severity decorate(Case c, Entry e, Growth g, Severity severity, Finding.Builder b) {
        if (e.name().equals("OutDiscards") && g.isDelta()) {
            // a connected UDP socket's send() that fails with ECONNREFUSED (after an ICMP port unreachable came
            // back) is counted as an output discard although nothing was dropped on the wire (fixture 02)
            String icmp = e.group().equals("Ip6") ? "Icmp6" : "Icmp";
            Optional<Growth> unreach = Lookup.sameSubject(c, g.series(), ProtocolCounters.key(icmp, "InDestUnreachs"),
                    icmp + " InDestUnreachs");
            if (unreach.isEmpty()) {
                unreach = Lookup.snmp(c, icmp, "InDestUnreachs");
            }
            Optional<Growth> qdisc = Lookup.snmp(c, e.group().equals("Ip6") ? "Udp6" : "Udp", "SndbufErrors");
            boolean noQdiscSign = qdisc.map(q -> q.isDelta() && q.increase() == 0).orElse(true);
            if (unreach.isPresent() && unreach.get().isDelta() && unreach.get().increase() >= g.increase() && noQdiscSign) {
                unreach.get().spans().forEach(b::evidence);
                b.explanation("In the same window " + icmp + " InDestUnreachs grew by " + Words.count(unreach.get().increase())
                        + ": destination-unreachable messages came back, and a connected UDP socket's next send() "
                        + "then fails with ECONNREFUSED, which the kernel counts as an output discard. Nothing was "
                        + "dropped on the wire; look at who sends to a closed port (NoPorts on the receiver).");
                return Severity.INFO;
            }
        }
        b.next("qdisc drops are invisible in ip -s link and /proc/net/dev: capture tc -s qdisc");
        return severity;
    }
}
