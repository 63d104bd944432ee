package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Growth;
import dev.drophound.facts.IfStat;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An interface's TX dropped: the driver could not send (queue stopped, carrier down). On a veth pair a
 * backlog drop on the receiving end is counted here on the sending end as well.
 */
public final class InterfaceTxDropped implements Check {

    public static final String ID = "egress.tx-dropped";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Interface TX dropped";
    }

    @Override
    public Stage stage() {
        return Stage.EGRESS;
    }

    @Override
    public CheckResult run(Case c) {
        NicView nic = new NicView(c);
        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (String iface : nic.interfaces()) {
            Optional<Growth> found = nic.iface(iface, IfStat.TX_DROPPED);
            if (found.isEmpty()) {
                continue;
            }
            Growth g = found.get();
            if (!g.positive()) {
                fine.add(iface);
                continue;
            }
            long backlog = InterfaceRxDropped.backlogDropsInWindow(c);
            boolean peerBacklog = g.isDelta() && backlog > 0;
            Finding.Builder b = Finding.builder(ID, Stage.EGRESS, "TX dropped on " + iface)
                    .severity(g.isDelta() && !peerBacklog ? Severity.WARNING : Severity.INFO)
                    .summary(iface + " TX dropped " + g.amount() + " " + g.cite()
                            + (peerBacklog ? ". In the same window the per-CPU backlog dropped " + dev.drophound.checks.Words.count(backlog)
                            + " packets: if " + iface + " is a veth, these are its peer's backlog drops, counted on both ends" : "")
                            + ".")
                    .loss(g.loss())
                    .confidence(g.confidence(), g.confidenceReason())
                    .explanation("The driver dropped packets it was asked to send: no carrier (link or peer down), a "
                            + "stopped queue, or, on veth, the peer's per-CPU backlog was full (then the same drop is "
                            + "also RX dropped on the peer: count it once). Qdisc drops are not counted here.")
                    .fix(new Remediation("ip -s -s link show dev " + iface + "; ip link show dev " + iface,
                            "NO-CARRIER or state DOWN means the link or the veth peer is down", null, null));
            g.spans().forEach(b::evidence);
            out.add(b.build());
        }
        if (out.isEmpty() && fine.isEmpty()) {
            return CheckResult.missing("ip -s link, /proc/net/dev, ifconfig or netstat -i (TX dropped)");
        }
        if (!fine.isEmpty()) {
            out.add(Finding.builder(ID, Stage.EGRESS, "Interface TX dropped: none").severity(Severity.OK)
                    .summary("No TX drops on " + String.join(", ", fine) + ".")
                    .confidence(Confidence.HIGH, "interface counters read").build());
        }
        return CheckResult.of(out);
    }
}
