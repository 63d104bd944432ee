package dev.drophound.checks.staros;

import dev.drophound.facts.DiHeartbeat;
import dev.drophound.facts.DiPathStats;
import dev.drophound.facts.SessionRecoveryRow;
import dev.drophound.facts.Span;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the DI-network monitors say (seed 000, step 2): which card pairs lose heartbeats or probes, the card common to
 * the degraded pairs (the hub), its role from session recovery, and whether loss runs both ways (controlplane) or
 * only into the hub (dataplane).
 */
final class DiNetwork {

    /** A pair counts as degraded from this loss (percent) over 5 or 60 minutes, or when its health says Bad. */
    static final double LOSS = 1.0;

    final List<DiHeartbeat> heartbeats;
    final List<DiPathStats> control;
    final List<DiPathStats> data;
    final List<SessionRecoveryRow> recovery;

    private DiNetwork(Case c) {
        heartbeats = c.facts(DiHeartbeat.class);
        control = c.facts(DiPathStats.class).stream().filter(p -> p.plane().equals("controlplane")).toList();
        data = c.facts(DiPathStats.class).stream().filter(p -> p.plane().equals("dataplane")).toList();
        recovery = c.facts(SessionRecoveryRow.class);
    }

    static DiNetwork of(Case c) {
        return new DiNetwork(c);
    }

    boolean isEmpty() {
        return heartbeats.isEmpty() && control.isEmpty() && data.isEmpty();
    }

    static boolean bad(DiHeartbeat h) {
        return h.health().equalsIgnoreCase("Bad") || h.loss5min() != null && h.loss5min() >= LOSS
                || h.loss60min() != null && h.loss60min() >= LOSS;
    }

    static boolean lossy(DiPathStats p) {
        return p.windows().stream().anyMatch(w -> w.missPercent() >= LOSS);
    }

    List<DiHeartbeat> badHeartbeats() {
        return heartbeats.stream().filter(DiNetwork::bad).toList();
    }

    /**
     * The card in the most degraded pairs, if it is in at least half of them (and in two or more): every bad link
     * touching one card points at that card's host, not at the network as a whole.
     */
    Optional<Integer> hub() {
        Map<Integer, Integer> count = new LinkedHashMap<>();
        int pairs = 0;
        for (DiHeartbeat h : badHeartbeats()) {
            count.merge(h.fromCard(), 1, Integer::sum);
            count.merge(h.toCard(), 1, Integer::sum);
            pairs++;
        }
        for (DiPathStats p : control) {
            if (lossy(p)) {
                count.merge(p.src(), 1, Integer::sum);
                count.merge(p.dst(), 1, Integer::sum);
                pairs++;
            }
        }
        for (DiPathStats p : data) {
            if (lossy(p)) {
                count.merge(p.src(), 1, Integer::sum);
                count.merge(p.dst(), 1, Integer::sum);
                pairs++;
            }
        }
        int total = pairs;
        return count.entrySet().stream().max(Map.Entry.comparingByValue())
                .filter(e -> e.getValue() >= 2 && e.getValue() * 2 >= total).map(Map.Entry::getKey);
    }

    /** "the Demux card", "a session manager card", or null when session recovery is not in the evidence. */
    String role(int card) {
        for (SessionRecoveryRow r : recovery) {
            if (r.card() == card) {
                if (r.demux() != null && r.demux() > 0 || r.status() != null && r.status().contains("Demux")) {
                    return "the Demux card";
                }
                if ("Standby".equalsIgnoreCase(r.state())) {
                    return "the standby card";
                }
                return "a session manager card";
            }
        }
        return null;
    }

    Optional<SessionRecoveryRow> row(int card) {
        return recovery.stream().filter(r -> r.card() == card).findFirst();
    }

    /** Cards that report heartbeats to the hub, and of those the ones that say Bad. */
    record Toward(List<DiHeartbeat> all, List<DiHeartbeat> bad, double worst60) {
    }

    Toward toward(int hub) {
        List<DiHeartbeat> all = heartbeats.stream().filter(h -> h.toCard() == hub).toList();
        List<DiHeartbeat> bad = all.stream().filter(h -> h.health().equalsIgnoreCase("Bad")).toList();
        double worst = all.stream().filter(h -> h.loss60min() != null).mapToDouble(DiHeartbeat::loss60min).max()
                .orElse(0);
        return new Toward(all, bad, worst);
    }

    /** Misses (over the longest window printed) into the hub and out of it, on one plane. */
    record Direction(long into, long out, long intoPairs, long outPairs) {
        boolean oneWayIn() {
            return into > 0 && out * 20 <= into;
        }
    }

    static Direction direction(List<DiPathStats> plane, int hub) {
        long into = 0;
        long out = 0;
        long inPairs = 0;
        long outPairs = 0;
        for (DiPathStats p : plane) {
            DiPathStats.Window w = p.windows().get(p.windows().size() - 1);
            if (p.dst() == hub) {
                into += w.missed();
                inPairs += w.missed() > 0 ? 1 : 0;
            } else if (p.src() == hub) {
                out += w.missed();
                outPairs += w.missed() > 0 ? 1 : 0;
            }
        }
        return new Direction(into, out, inPairs, outPairs);
    }

    /** The worst pairs of a plane, for evidence. */
    static List<Span> worst(List<DiPathStats> plane, int n) {
        List<DiPathStats> sorted = new ArrayList<>(plane);
        sorted.sort(Comparator.comparingDouble((DiPathStats p) -> p.windows().stream()
                .mapToDouble(DiPathStats.Window::missPercent).max().orElse(0)).reversed());
        return sorted.stream().limit(n).map(DiPathStats::span).toList();
    }
}
