package dev.drophound.checks.mem;

import dev.drophound.facts.ProcessMemory;
import dev.drophound.facts.ProcessName;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Restarts of programs across process snapshots ({@code ps aux} at each sample, or the live run's /proc/PID/comm
 * scans): between two snapshots, a command whose pid went away while a new pid of the same command appeared was
 * restarted. Memory that grows in the intervals where one program restarted, and not in the others, grows in that
 * program's setup path (seed 003: a crash-looping DPDK program leaked two netdevs per start).
 */
final class Restarts {

    /** A program whose restarts line up with a level's growth. */
    record Attribution(String command, int restarts, long growthAtRestarts, long growthElsewhere, long perRestart) {
    }

    private final List<Long> orders;
    /** order -> command -> pids */
    private final Map<Long, Map<String, Set<Integer>>> snapshots;

    private Restarts(Map<Long, Map<String, Set<Integer>>> snapshots) {
        this.snapshots = snapshots;
        this.orders = new ArrayList<>(snapshots.keySet());
    }

    static Restarts of(Case c) {
        Map<Long, Map<String, Set<Integer>>> snaps = new TreeMap<>();
        for (Observed<ProcessMemory> o : c.all(ProcessMemory.class)) {
            if (o.fact().command() != null) {
                snaps.computeIfAbsent(o.sample().order(), k -> new TreeMap<>())
                        .computeIfAbsent(o.fact().command(), k -> new HashSet<>()).add(o.fact().pid());
            }
        }
        if (snaps.size() < 2) {
            snaps.clear();
            for (Observed<ProcessName> o : c.all(ProcessName.class)) {
                snaps.computeIfAbsent(o.sample().order(), k -> new TreeMap<>())
                        .computeIfAbsent(o.fact().command(), k -> new HashSet<>()).add(o.fact().pid());
            }
        }
        return new Restarts(snaps);
    }

    /** Commands restarted between the snapshot at or before {@code from} and the one at or before {@code to}. */
    Set<String> restartedBetween(long from, long to) {
        Optional<Long> a = at(from);
        Optional<Long> b = at(to);
        Set<String> out = new HashSet<>();
        if (a.isEmpty() || b.isEmpty() || a.get().equals(b.get())) {
            return out;
        }
        Map<String, Set<Integer>> before = snapshots.get(a.get());
        Map<String, Set<Integer>> after = snapshots.get(b.get());
        for (Map.Entry<String, Set<Integer>> e : after.entrySet()) {
            Set<Integer> old = before.get(e.getKey());
            // the same number of instances, none of them the old ones: restarted (not a pool growing or shrinking)
            if (old != null && old.size() == e.getValue().size() && old.size() <= 3
                    && e.getValue().stream().noneMatch(old::contains) && !e.getKey().contains("/")) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private Optional<Long> at(long order) {
        Long best = null;
        for (Long o : orders) {
            if (o <= order) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The program whose restarts explain the growth of a series: at least two restarts, at least 80% of the growth in
     * intervals where it restarted, and at least one interval without a restart (a command that changes pid at every
     * sample, like the {@code ps} that took the snapshot, explains nothing).
     */
    Optional<Attribution> attribute(MemSeries s) {
        if (snapshots.size() < 3 || s.points().size() < 3) {
            return Optional.empty();
        }
        Map<String, long[]> by = new TreeMap<>(); // command -> {restarts, growth at restarts, intervals restarted}
        long total = 0;
        List<Set<String>> restarted = new ArrayList<>();
        List<Long> growths = new ArrayList<>();
        for (int i = 1; i < s.points().size(); i++) {
            long g = Math.max(0, s.points().get(i).value() - s.points().get(i - 1).value());
            total += g;
            Set<String> r = restartedBetween(s.points().get(i - 1).sample().order(), s.points().get(i).sample().order());
            restarted.add(r);
            growths.add(g);
            for (String cmd : r) {
                long[] v = by.computeIfAbsent(cmd, k -> new long[3]);
                v[0]++;
                v[1] += g;
            }
        }
        Attribution best = null;
        for (Map.Entry<String, long[]> e : by.entrySet()) {
            long restarts = e.getValue()[0];
            long at = e.getValue()[1];
            if (restarts >= 2 && restarts < restarted.size() && total > 0 && at >= 0.8 * total
                    && (best == null || at > best.growthAtRestarts())) {
                best = new Attribution(e.getKey(), (int) restarts, at, total - at, at / restarts);
            }
        }
        return Optional.ofNullable(best);
    }
}
