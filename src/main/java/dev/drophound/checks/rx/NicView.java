package dev.drophound.checks.rx;

import dev.drophound.checks.Growth;
import dev.drophound.facts.DriverInfo;
import dev.drophound.facts.DriverStatistics;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.InterfaceCounters;
import dev.drophound.facts.RingParameters;
import dev.drophound.facts.SeriesKey;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import dev.drophound.model.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Interface and driver counters per interface, as the NIC checks need them: the growth of a kernel interface
 * counter (best of all formats that printed it) and the driver counters of a given meaning.
 */
final class NicView {

    private final Case c;

    NicView(Case c) {
        this.c = c;
    }

    /** Interfaces named by any interface or driver fact, in the order seen. */
    Set<String> interfaces() {
        Set<String> out = new LinkedHashSet<>();
        c.facts(InterfaceCounters.class).forEach(f -> out.add(f.iface()));
        c.facts(DriverStatistics.class).forEach(f -> out.add(f.iface()));
        return out;
    }

    /** Growth of a kernel interface counter ({@link IfStat} name), best series across formats. */
    Optional<Growth> iface(String iface, String name) {
        return c.best(InterfaceCounters.key(iface, name)).map(s -> Growth.of(s, name + " of " + iface));
    }

    Optional<String> driver(String iface) {
        return c.latest(DriverInfo.class, DriverInfo::iface).values().stream()
                .map(Observed::fact).filter(d -> iface.equals(d.iface()) && d.driver() != null)
                .map(DriverInfo::driver).findFirst();
    }

    Optional<RingParameters> ring(String iface) {
        Observed<RingParameters> o = c.latest(RingParameters.class, RingParameters::iface).get(iface);
        return Optional.ofNullable(o).map(Observed::fact);
    }

    /** A driver counter of some kind, with its growth; per-queue ones already summed when no total exists. */
    record DriverGrowth(String name, DriverCounters.Meaning meaning, Growth growth, int queues, String topQueue) {
    }

    /**
     * The driver counters of an interface that mean one of {@code kinds}. Per-queue counters are only used
     * when the driver prints no total of the same name, and then they are summed (the busiest queue named).
     */
    List<DriverGrowth> driverCounters(String iface, Set<DriverCounters.Kind> kinds) {
        String driver = driver(iface).orElse(null);
        Map<String, List<Series>> bestByName = new LinkedHashMap<>();
        for (Series s : c.series((SeriesKey k) -> k.kind().equals("ethtool") && k.entity().equals(iface))) {
            bestByName.computeIfAbsent(s.key().name(), k -> new ArrayList<>()).add(s);
        }
        List<DriverGrowth> totals = new ArrayList<>();
        Map<String, List<Growth>> perQueue = new LinkedHashMap<>();
        Map<String, DriverCounters.Meaning> perQueueMeaning = new LinkedHashMap<>();
        bestByName.forEach((name, list) -> {
            Optional<DriverCounters.Meaning> m = DriverCounters.classify(driver, name);
            if (m.isEmpty() || !kinds.contains(m.get().kind())) {
                return;
            }
            Series best = Case.best(list).orElseThrow();
            Growth g = Growth.of(best, name + " of " + iface);
            if (m.get().perQueue()) {
                perQueue.computeIfAbsent(m.get().base(), k -> new ArrayList<>()).add(g);
                perQueueMeaning.putIfAbsent(m.get().base(), m.get());
            } else {
                totals.add(new DriverGrowth(name, m.get(), g, 0, null));
            }
        });
        Set<String> totalNames = new LinkedHashSet<>();
        totals.forEach(t -> totalNames.add(t.meaning().base()));
        List<DriverGrowth> out = new ArrayList<>(totals);
        perQueue.forEach((base, list) -> {
            if (totalNames.contains(base)) {
                return;
            }
            Growth top = list.stream().max(Comparator.comparingLong(Growth::increase)).orElseThrow();
            long sum = list.stream().mapToLong(Growth::increase).sum();
            out.add(new DriverGrowth(base + " (sum of " + list.size() + " queues)", perQueueMeaning.get(base),
                    new Growth(top.series(), new dev.drophound.model.Change(sum, top.change().first(), top.change().last(),
                            top.change().interval(), top.change().kind(), top.change().samples()), base + " of " + iface),
                    list.size(), top.series().key().name()));
        });
        return out;
    }

    /** Packets the interface received in the same window (rx_packets), if known. */
    Long received(String iface) {
        return iface(iface, IfStat.RX_PACKETS).map(Growth::increase).orElse(null);
    }

    List<String> interfacesWithDriverStats() {
        List<String> out = new ArrayList<>();
        c.facts(DriverStatistics.class).forEach(f -> {
            if (!out.contains(f.iface())) {
                out.add(f.iface());
            }
        });
        return out;
    }
}
