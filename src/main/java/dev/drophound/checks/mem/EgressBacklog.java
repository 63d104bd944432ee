package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.QdiscStats;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packets waiting in egress queues are kernel memory (skbs and their data, counted as unreclaimable slab). When what
 * arrives is faster than the egress link and the queue may hold a lot (a qdisc {@code limit}, a driver's congestion
 * threshold: seed 004's DPAA case), memory runs out without any leak. Backlog from {@code tc -s qdisc}, the largest
 * per device (a classful root also counts its children's).
 */
public final class EgressBacklog implements Check {

    public static final String ID = "mem.egress-backlog";
    /** A queue holding this much is a memory consumer worth naming. */
    static final long LARGE = 16L * 1024 * 1024;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Packets held in egress queues (qdisc backlog)";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    /** The largest backlog per device at the latest sample. */
    static Map<String, QdiscStats> largest(Case c) {
        Map<String, QdiscStats> by = new LinkedHashMap<>();
        for (Observed<QdiscStats> o : c.latest(QdiscStats.class, QdiscStats::entity).values()) {
            QdiscStats q = o.fact();
            if (q.backlogBytes() != null && (!by.containsKey(q.device())
                    || by.get(q.device()).backlogBytes() < q.backlogBytes())) {
                by.put(q.device(), q);
            }
        }
        return by;
    }

    static long total(Case c) {
        return largest(c).values().stream().mapToLong(QdiscStats::backlogBytes).sum();
    }

    @Override
    public CheckResult run(Case c) {
        Map<String, QdiscStats> by = largest(c);
        if (by.isEmpty()) {
            return CheckResult.missing("tc -s qdisc (backlog)");
        }
        List<QdiscStats> big = new ArrayList<>(by.values().stream().filter(q -> q.backlogBytes() >= LARGE).toList());
        if (big.isEmpty()) {
            long sum = by.values().stream().mapToLong(QdiscStats::backlogBytes).sum();
            return CheckResult.of(List.of(Finding.builder(ID, Stage.MEMORY, "Egress queues: little held")
                    .severity(Severity.OK)
                    .summary("Egress queues hold " + Words.bytes(sum) + " in all (" + by.size() + " device"
                            + (by.size() == 1 ? "" : "s") + "): not a memory concern.")
                    .confidence(Confidence.HIGH, "qdisc backlog read").build()));
        }
        big.sort(Comparator.comparingLong(QdiscStats::backlogBytes).reversed());
        List<Finding> out = new ArrayList<>();
        for (QdiscStats q : big) {
            Finding.Builder b = Finding.builder(ID, Stage.MEMORY, "Egress queue holds " + Words.bytes(q.backlogBytes())
                    + " on " + q.device())
                    .severity(Severity.WARNING)
                    .summary("The " + q.kind() + " qdisc " + q.handle() + " on " + q.device() + " holds "
                            + Words.bytes(q.backlogBytes()) + " of packets (" + Words.count(q.backlogPackets() == null ? 0
                            : q.backlogPackets()) + " packets) waiting to be sent: kernel memory (skbs, counted as "
                            + "unreclaimable slab) held because packets arrive faster than the link sends them"
                            + (q.dropped() > 0 ? "; it has also dropped " + Words.count(q.dropped()) + " at its limit" : "")
                            + ".")
                    .confidence(Confidence.HIGH, "the qdisc's own backlog");
            b.evidence(q.span());
            b.explanation("A queue absorbs bursts; one allowed to grow to hundreds of megabytes turns a slow or "
                    + "congested link into a memory problem (and adds seconds of latency). The same happens below the "
                    + "qdisc when a driver buffers packets up to a congestion threshold (DPAA's "
                    + "CONFIG_FSL_DPAA_CS_THRESHOLD_1G/_10G), or when a port without a link partner never completes "
                    + "transmissions, so its skbs are never freed.");
            b.fix(new Remediation("tc qdisc replace dev " + q.device() + " root fq_codel",
                    "a queue that drops by delay keeps a few milliseconds of packets instead of megabytes; or keep the "
                            + "qdisc and lower its limit", null, "packets beyond the queue are dropped instead of held"));
            out.add(b.build());
        }
        return CheckResult.of(out);
    }
}
