package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Judge;
import dev.drophound.facts.QdiscStats;
import dev.drophound.facts.SeriesKey;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packets dropped by a queueing discipline on transmit ({@code tc -s qdisc}). These appear nowhere in
 * {@code ip -s link} or {@code /proc/net/dev}; a UDP sender is not told (SndbufErrors, unless IP_RECVERR).
 * A drop in a child qdisc is counted again on its parents: the leaf is reported, the parent named.
 */
public final class QdiscDrops implements Check {

    public static final String ID = "egress.qdisc-drops";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Egress qdisc drops (tc -s qdisc)";
    }

    @Override
    public Stage stage() {
        return Stage.EGRESS;
    }

    @Override
    public CheckResult run(Case c) {
        Map<String, Observed<QdiscStats>> latest = c.latest(QdiscStats.class, QdiscStats::entity);
        if (latest.isEmpty()) {
            return CheckResult.missing("tc -s qdisc");
        }
        List<Finding> out = new ArrayList<>();
        for (Observed<QdiscStats> o : latest.values()) {
            QdiscStats q = o.fact();
            Optional<Growth> found = c.best(new SeriesKey("qdisc", q.entity(), "dropped")).map(s -> Growth.of(s, "dropped"));
            if (found.isEmpty() || !found.get().positive()) {
                continue;
            }
            List<QdiscStats> children = latest.values().stream().map(Observed::fact)
                    .filter(x -> x.device().equals(q.device()) && isChildOf(x, q)).toList();
            boolean childDropsToo = children.stream().anyMatch(ch -> c.best(new SeriesKey("qdisc", ch.entity(), "dropped"))
                    .map(s -> s.change().increase() > 0).orElse(false));
            if (childDropsToo) {
                continue; // the leaf carries the finding
            }
            Growth g = found.get();
            Growth sent = c.best(new SeriesKey("qdisc", q.entity(), "sent_packets")).map(s -> Growth.of(s, "sent")).orElse(null);
            Optional<QdiscStats> parent = latest.values().stream().map(Observed::fact)
                    .filter(p -> p.device().equals(q.device()) && isChildOf(q, p)).findFirst();
            String shaper = parent.filter(p -> p.kind().equals("tbf") || p.kind().equals("htb") || p.kind().equals("hfsc"))
                    .map(p -> " under the " + p.kind() + " shaper " + p.handle()).orElse("");
            Finding.Builder b = Finding.builder(ID, Stage.EGRESS, "Qdisc " + q.kind() + " " + q.handle() + " on " + q.device() + " drops")
                    .severity(g.isDelta() ? Judge.loss(g, sent == null ? null : sent.increase() + g.increase()) : Severity.INFO)
                    .summary("The " + q.kind() + " qdisc " + q.handle() + " on " + q.device() + shaper + " dropped "
                            + g.amount() + " " + g.cite()
                            + (sent != null ? " while sending " + dev.drophound.checks.Words.count(sent.increase()) + " packets" : "")
                            + ". Interface counters (ip -s link, /proc/net/dev) do not show these drops"
                            + (parent.isPresent() ? "; the parent " + parent.get().kind() + " " + parent.get().handle()
                            + " counts them again" : "") + ".")
                    .loss(g.loss())
                    .confidence(g.confidence(), g.confidenceReason())
                    .explanation("The queue was full: traffic arrived faster than the qdisc let it out"
                            + (shaper.isEmpty() ? "" : " (the shaper's rate limits it)")
                            + ". UDP senders are not told unless they set IP_RECVERR; the kernel counts the drops as "
                            + "Udp SndbufErrors and Ip OutDiscards.")
                    .fix(new Remediation("tc -s -d qdisc show dev " + q.device(),
                            shaper.isEmpty() ? "raise the queue limit (e.g. tc qdisc change dev " + q.device() + " "
                                    + (q.parent() == null || q.parent().equals("root") ? "root" : "parent " + q.parent())
                                    + " handle " + q.handle() + " " + q.kind() + " limit 1000) or send less"
                                    : "the shaper's rate is below the offered load: raise the rate, or accept the drops "
                                    + "as intended rate limiting",
                            "wherever the qdisc is configured: the tc script, systemd-networkd [QDisc] sections, "
                                    + "NetworkManager tc.qdiscs",
                            "a longer queue adds latency (bufferbloat)"));
            g.spans().forEach(b::evidence);
            out.add(b.build());
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.EGRESS, "Qdiscs: no drops").severity(Severity.OK)
                    .summary("No qdisc dropped packets (" + latest.size() + " qdiscs).")
                    .confidence(Confidence.HIGH, "tc -s qdisc read").build());
        }
        return CheckResult.of(out);
    }

    /** child's parent is "1:1" (class of 1:) or "1:" itself, parent's handle "1:". */
    static boolean isChildOf(QdiscStats child, QdiscStats parent) {
        if (child.parent() == null || child.parent().equals("root") || parent.handle() == null) {
            return false;
        }
        String major = parent.handle().endsWith(":") ? parent.handle() : parent.handle() + ":";
        return !child.entity().equals(parent.entity()) && child.parent().startsWith(major);
    }
}
