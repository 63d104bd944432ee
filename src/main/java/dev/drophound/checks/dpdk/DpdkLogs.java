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

    private final Map<String, List<DpdkEvent>> bySource = new LinkedHashMap<>();

    private DpdkLogs() {
    }

    static DpdkLogs of(Case c) {
        DpdkLogs logs = new DpdkLogs();
        for (DpdkEvent e : c.facts(DpdkEvent.class)) {
            logs.bySource.computeIfAbsent(e.span().source(), k -> new ArrayList<>()).add(e);
        }
        logs.bySource.values().forEach(l -> l.sort(Comparator.comparingInt(e -> e.span().firstLine())));
        return logs;
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
