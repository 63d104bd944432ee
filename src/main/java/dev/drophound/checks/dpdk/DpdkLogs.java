package dev.drophound.checks.dpdk;

import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.facts.Span;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The DPDK events of a Case, one list per log (source) in line order: what happened before and after a line is
 * what tells a benign {@code RING: Cannot reserve memory} from a failure, and a new port from an MTU change.
 */
final class DpdkLogs {

    /** Untimed OVS records further apart than this many lines belong to different quoted excerpts. */
    static final int EXCERPT_GAP = 3;

    private final Map<String, List<DpdkEvent>> bySource = new LinkedHashMap<>();

    private DpdkLogs() {
    }

    static DpdkLogs of(Case c) {
        DpdkLogs logs = new DpdkLogs();
        Map<String, List<DpdkEvent>> raw = new LinkedHashMap<>();
        for (DpdkEvent e : c.facts(DpdkEvent.class)) {
            raw.computeIfAbsent(e.span().source(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<DpdkEvent>> en : raw.entrySet()) {
            List<DpdkEvent> l = en.getValue();
            l.sort(Comparator.comparingInt(e -> e.span().firstLine()));
            // OVS records quoted without time in a document (seed 002's code blocks) are separate examples: lines
            // apart are not one log
            int part = 0;
            for (int i = 0; i < l.size(); i++) {
                DpdkEvent e = l.get(i);
                if (i > 0 && e.time() == null && e.module() != null
                        && e.span().firstLine() - l.get(i - 1).span().lastLine() > EXCERPT_GAP) {
                    part++;
                }
                logs.bySource.computeIfAbsent(part == 0 ? en.getKey() : en.getKey() + "#" + part,
                        k -> new ArrayList<>()).add(e);
            }
        }
        logs.dropCopies();
        return logs;
    }

    /**
     * ovs-vswitchd writes the same lines to its log file and its console (the stderr file of fixture 06, a syslog
     * copy): two sources that share most of their events are one log, read once. The {@code .log} file is kept (it
     * has milliseconds); the console's extra {@code EAL: FATAL:} copies add nothing.
     */
    private void dropCopies() {
        List<String> sources = new ArrayList<>(bySource.keySet());
        java.util.Set<String> dropped = new java.util.HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            for (int j = i + 1; j < sources.size(); j++) {
                String a = sources.get(i);
                String b = sources.get(j);
                if (dropped.contains(a) || dropped.contains(b)) {
                    continue;
                }
                java.util.Set<String> ka = keys(bySource.get(a));
                java.util.Set<String> kb = keys(bySource.get(b));
                long shared = ka.stream().filter(kb::contains).count();
                // the smaller one mostly inside the larger: the console adds its own FATAL lines, a syslog copy
                // may have lost some
                if (shared >= 3 && shared >= 0.8 * Math.min(ka.size(), kb.size())) {
                    boolean keepB = b.endsWith(".log") && !a.endsWith(".log")
                            || a.endsWith(".log") == b.endsWith(".log") && kb.size() > ka.size();
                    dropped.add(keepB ? a : b);
                }
            }
        }
        dropped.forEach(bySource::remove);
    }

    private static java.util.Set<String> keys(List<DpdkEvent> events) {
        java.util.Set<String> out = new java.util.HashSet<>();
        events.forEach(e -> out.add(e.kind() + "|" + e.text()));
        return out;
    }

    boolean isEmpty() {
        return bySource.isEmpty();
    }

    Map<String, List<DpdkEvent>> bySource() {
        return bySource;
    }

    List<DpdkEvent> all() {
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    boolean any(Kind kind) {
        return all().stream().anyMatch(e -> e.kind() == kind);
    }

    /** The last event before {@code index} in {@code log} that matches, looking back at most to {@code from}. */
    static Optional<DpdkEvent> before(List<DpdkEvent> log, int index, int from, Predicate<DpdkEvent> p) {
        for (int i = index - 1; i >= Math.max(0, from); i--) {
            if (p.test(log.get(i))) {
                return Optional.of(log.get(i));
            }
        }
        return Optional.empty();
    }

    /** The first event after {@code index} in {@code log} that matches. */
    static Optional<DpdkEvent> after(List<DpdkEvent> log, int index, Predicate<DpdkEvent> p) {
        for (int i = index + 1; i < log.size(); i++) {
            if (p.test(log.get(i))) {
                return Optional.of(log.get(i));
            }
        }
        return Optional.empty();
    }

    /** Index of the start of the run {@code index} belongs to: the last start-up line (EAL ARGS, version) before it. */
    static int runStart(List<DpdkEvent> log, int index) {
        for (int i = index; i >= 0; i--) {
            Kind k = log.get(i).kind();
            if (k == Kind.EAL_ARGS || k == Kind.DPDK_VERSION) {
                // a version line right before EAL ARGS belongs to the same start
                return i;
            }
        }
        return 0;
    }

    /** Spans of several events of one log joined, for one evidence block. */
    static Span join(List<DpdkEvent> events) {
        Span s = events.get(0).span();
        for (DpdkEvent e : events.subList(1, events.size())) {
            if (e.span().source().equals(s.source())) {
                s = s.join(e.span());
            }
        }
        return s;
    }

    /** The program that wrote the log: ovs-vswitchd, testpmd, or "the DPDK application". */
    static String program(List<DpdkEvent> log) {
        for (DpdkEvent e : log) {
            if (e.program() != null) {
                return e.program();
            }
            if (e.module() != null) {
                return "ovs-vswitchd";
            }
        }
        return "the DPDK application";
    }

    static boolean isOvs(List<DpdkEvent> log) {
        return log.stream().anyMatch(e -> e.module() != null || e.kind() == Kind.OVS_VERSION
                || e.program() != null && e.program().startsWith("ovs-vswitchd"));
    }
}
