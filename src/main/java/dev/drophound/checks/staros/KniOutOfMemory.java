package dev.drophound.checks.staros;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.LogTime;
import dev.drophound.facts.StarosEvent;
import dev.drophound.facts.StarosEvent.Kind;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 1 of seed 000: the symptom. KNI out-of-memory lines per port and socket over time, the backup pool running dry
 * (then packets are dropped), the {@code total=} counter read as the signed 32-bit value it is, and GTP-C path failures
 * set against the same window.
 */
public final class KniOutOfMemory implements Check {

    public static final String ID = "staros.kni-oom";
    /** GTP-C failures this close to a KNI error are "in the same window". */
    static final Duration WINDOW = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "StarOS KNI: Out of memory (iftask)";
    }

    @Override
    public Stage stage() {
        return Stage.STAROS;
    }

    /** The instant of an event: its own wall clock, else the card's. */
    static Instant when(StarosEvent e) {
        LogTime t = e.time() != null && e.time().wallClock() != null ? e.time() : e.localTime();
        return t == null ? null : t.wallClock();
    }

    static String printed(StarosEvent e) {
        LogTime t = e.time() != null ? e.time() : e.localTime();
        return t == null ? "untimed" : t.asPrinted();
    }

    /** Growth of a signed 32-bit counter between two readings, through any wrap. */
    static long growth32(long before, long after) {
        return Math.floorMod(after - before, 1L << 32);
    }

    @Override
    public CheckResult run(Case c) {
        List<StarosEvent> all = c.facts(StarosEvent.class);
        List<StarosEvent> kni = all.stream().filter(e -> e.kind() != Kind.GTPC_PATH_FAILURE).toList();
        List<StarosEvent> gtpc = all.stream().filter(e -> e.kind() == Kind.GTPC_PATH_FAILURE).toList();
        if (kni.isEmpty() && gtpc.isEmpty()) {
            return CheckResult.missing("the StarOS syslog or iftask log (KNI: Out of memory, GTP-C path failure)");
        }
        List<Finding> out = new ArrayList<>();
        Map<String, List<StarosEvent>> byPort = new LinkedHashMap<>();
        for (StarosEvent e : kni) {
            byPort.computeIfAbsent((e.port() == null ? "?" : e.port()) + "/" + (e.socket() == null ? "?" : e.socket()),
                    k -> new ArrayList<>()).add(e);
        }
        for (List<StarosEvent> list : byPort.values()) {
            List<StarosEvent> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing((StarosEvent e) -> when(e), Comparator.nullsLast(Comparator.naturalOrder())));
            StarosEvent first = sorted.get(0);
            StarosEvent last = sorted.get(sorted.size() - 1);
            long backup = sorted.stream().filter(e -> e.kind() == Kind.KNI_OOM_BACKUP).count();
            StringBuilder s = new StringBuilder("iftask logged \"KNI: Out of memory\" ").append(sorted.size())
                    .append(sorted.size() == 1 ? " time" : " times").append(" for KNI port ").append(first.port())
                    .append(" (socket ").append(first.socket()).append(")");
            List<String> cards = sorted.stream().map(StarosEvent::card).filter(x -> x != null).distinct().toList();
            if (!cards.isEmpty()) {
                s.append(" on card ").append(String.join(", ", cards));
            }
            s.append(sorted.size() > 1 ? ", from " + printed(first) + " to " + printed(last) : ", at " + printed(first));
            s.append(": the KNI mbuf pool ran dry and iftask fell back to its backup pool");
            if (backup > 0) {
                s.append("; the backup pool ran dry too (").append(backup).append(backup == 1 ? " line" : " lines")
                        .append("), so packets between the kernel and iftask were dropped");
            }
            s.append('.');
            StarosEvent withTotal = sorted.stream().filter(e -> e.total() != null).reduce((a, b) -> b).orElse(null);
            if (withTotal != null && withTotal.total() < 0) {
                s.append(" total=").append(withTotal.total()).append(" is a signed 32-bit counter that wrapped: ")
                        .append(Words.count(withTotal.total() + (1L << 32))).append(" (plus any multiple of 2^32)");
            }
            List<StarosEvent> totals = sorted.stream().filter(e -> e.total() != null).toList();
            if (totals.size() >= 2) {
                StarosEvent a = totals.get(0);
                StarosEvent z = totals.get(totals.size() - 1);
                long grew = growth32(a.total(), z.total());
                s.append(withTotal != null && withTotal.total() < 0 ? "; it" : " total").append(" grew by ")
                        .append(Words.count(grew)).append(" between ").append(printed(a)).append(" and ")
                        .append(printed(z));
                Instant ta = when(a);
                Instant tz = when(z);
                if (ta != null && tz != null && tz.isAfter(ta)) {
                    s.append(" (").append(Words.rate(grew / (double) Duration.between(ta, tz).toSeconds()))
                            .append(", if both clocks agree)");
                }
            }
            if (withTotal != null && (withTotal.total() < 0 || totals.size() >= 2)) {
                s.append('.');
            }
            Finding.Builder b = Finding.builder(ID, Stage.STAROS, "KNI: Out of memory on " + first.port())
                    .severity(backup > 0 ? Severity.CRITICAL : Severity.WARNING).summary(s.toString());
            sorted.stream().limit(3).forEach(e -> b.evidence(e.span()));
            if (sorted.size() > 3) {
                b.evidence(last.span());
            }
            b.explanation("iftask's KNI module hands packets between the kernel and user space in mbufs from a KNI pool; "
                    + "when it cannot get one it logs this (rate-limited), uses a backup pool, and drops when that is "
                    + "empty too. Bursts from the kernel side (SFTP/SCP, large CF-SF transfers) trigger it; buffers not "
                    + "released below StarOS (the host's NIC/VF driver) keep it going.");
            b.confidence(Confidence.HIGH, "iftask's own log lines");
            out.add(b.build());
        }
        if (!gtpc.isEmpty()) {
            out.add(gtpcFinding(gtpc, kni));
        }
        return CheckResult.of(out);
    }

    private Finding gtpcFinding(List<StarosEvent> gtpc, List<StarosEvent> kni) {
        List<String> peers = gtpc.stream().map(StarosEvent::peer).filter(p -> p != null).distinct().toList();
        StringBuilder s = new StringBuilder("GTP-C path failure").append(gtpc.size() == 1 ? "" : "s").append(" for ")
                .append(peers.isEmpty() ? "peers" : (peers.size() == 1 ? "peer " : "peers ") + String.join(", ", peers))
                .append(" (").append(gtpc.size()).append(gtpc.size() == 1 ? " line" : " lines").append(", ")
                .append(printed(gtpc.get(0))).append(")");
        Duration nearest = null;
        for (StarosEvent g : gtpc) {
            for (StarosEvent k : kni) {
                if (when(g) != null && when(k) != null) {
                    Duration d = Duration.between(when(g), when(k)).abs();
                    nearest = nearest == null || d.compareTo(nearest) < 0 ? d : nearest;
                }
            }
        }
        Severity sev = Severity.WARNING;
        if (kni.isEmpty()) {
            s.append(": peers stopped answering; with packet loss on the DI network this is the application-level "
                    + "symptom.");
        } else if (nearest == null) {
            s.append(": without comparable timestamps they cannot be lined up with the KNI errors.");
        } else if (nearest.compareTo(WINDOW) <= 0) {
            s.append(": in the same window as the KNI out-of-memory errors (").append(Words.duration(nearest))
                    .append(" apart): the peer's answers were lost with the packets.");
        } else {
            sev = Severity.INFO;
            s.append(": ").append(Words.duration(nearest)).append(" away from the nearest KNI error in the evidence, "
                    + "so not the same window: collect both from the same period to line them up.");
        }
        Finding.Builder b = Finding.builder(ID, Stage.STAROS, "GTP-C path failures").severity(sev).summary(s.toString());
        gtpc.stream().limit(3).forEach(e -> b.evidence(e.span()));
        b.confidence(Confidence.MEDIUM, "timestamps from different clocks and formats");
        return b.build();
    }
}
