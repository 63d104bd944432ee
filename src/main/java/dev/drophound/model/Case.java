package dev.drophound.model;

import dev.drophound.facts.Counter;
import dev.drophound.facts.Fact;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.facts.SeriesKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * All facts about one host, each in its sample and subject, and the counter series built from them.
 * Checks ask the Case; they never read files.
 */
public final class Case {

    private final List<Observed<Fact>> observations;
    private final Map<SeriesKey, List<Series>> series;

    private Case(List<Observed<Fact>> observations) {
        this.observations = List.copyOf(observations);
        this.series = buildSeries(this.observations);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<Observed<Fact>> observations = new ArrayList<>();

        public Builder add(Fact fact, Sample sample, String subject) {
            observations.add(new Observed<>(fact, sample, subject));
            return this;
        }

        public Case build() {
            return new Case(observations);
        }
    }

    public List<Observed<Fact>> observations() {
        return observations;
    }

    public boolean isEmpty() {
        return observations.isEmpty();
    }

    /** Every fact of a type, in the order read. */
    public <T extends Fact> List<Observed<T>> all(Class<T> type) {
        List<Observed<T>> out = new ArrayList<>();
        for (Observed<Fact> o : observations) {
            if (type.isInstance(o.fact())) {
                out.add(new Observed<>(type.cast(o.fact()), o.sample(), o.subject()));
            }
        }
        return out;
    }

    public <T extends Fact> List<T> facts(Class<T> type) {
        return all(type).stream().map(Observed::fact).toList();
    }

    /**
     * The most recent fact of a type per identity (e.g. the latest {@code net.core.rmem_max}): settings change
     * during a capture (seed 001 raises rmem_max between two {@code sysctl} outputs), the last word counts.
     */
    public <T extends Fact> Map<String, Observed<T>> latest(Class<T> type, Function<T, String> identity) {
        Map<String, Observed<T>> out = new LinkedHashMap<>();
        for (Observed<T> o : all(type)) {
            String id = identity.apply(o.fact());
            Observed<T> seen = out.get(id);
            if (seen == null || o.sample().order() >= seen.sample().order()) {
                out.put(id, o);
            }
        }
        return out;
    }

    /** Every series of this counter (one per subject that printed it). */
    public List<Series> series(SeriesKey key) {
        return series.getOrDefault(key, List.of());
    }

    /** Every series whose key matches. */
    public List<Series> series(Predicate<SeriesKey> filter) {
        List<Series> out = new ArrayList<>();
        series.forEach((k, v) -> {
            if (filter.test(k)) {
                out.addAll(v);
            }
        });
        return out;
    }

    /**
     * The series to judge a counter by when several formats printed it: the one with most samples, then the
     * longest known interval, then the first read.
     */
    public Optional<Series> best(SeriesKey key) {
        return best(series(key));
    }

    public static Optional<Series> best(List<Series> candidates) {
        return candidates.stream().max(Comparator
                .comparingInt((Series s) -> s.points().size())
                .thenComparing(s -> {
                    Duration d = s.change().interval();
                    return d == null ? Duration.ZERO : d;
                })
                .thenComparingInt(Case::directness)
                .thenComparing(Comparator.comparingInt((Series s) -> candidates.indexOf(s)).reversed()));
    }

    /**
     * Among equally good series, quote the kernel's own file (/proc/net/snmp, sysfs) before a tool that reprints
     * it (nstat, netstat -s, ifconfig): its line is what an operator can check with cat.
     */
    private static int directness(Series s) {
        // the subject names the file (proc-net-snmp) or, inside a paste, the command (cat /proc/net/snmp)
        String what = s.subject() + " " + s.last().span().source();
        return what.contains("proc") || what.contains("sys/class") || what.contains("sys-class") ? 1 : 0;
    }

    /** True when some counter was sampled at least twice: checks can then judge growth, not history. */
    public boolean hasDeltas() {
        return series.values().stream().flatMap(List::stream).anyMatch(s -> s.points().size() >= 2);
    }

    /** The longest interval between first and last sample of any series, if known. */
    public Optional<Duration> window() {
        return series.values().stream().flatMap(List::stream)
                .map(s -> s.change().interval()).filter(d -> d != null)
                .max(Comparator.naturalOrder());
    }

    private static Map<SeriesKey, List<Series>> buildSeries(List<Observed<Fact>> observations) {
        // subject -> key -> points
        Map<String, Map<SeriesKey, List<Point>>> points = new LinkedHashMap<>();
        Map<SeriesKey, Integer> bits = new LinkedHashMap<>();
        for (Observed<Fact> o : observations) {
            Map<SeriesKey, List<Point>> bySubject = points.computeIfAbsent(o.subject(), k -> new LinkedHashMap<>());
            for (Counter c : o.fact().counters()) {
                bySubject.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(new Point(o.sample(), c.value(), c.span()));
                bits.putIfAbsent(c.key(), c.bits());
            }
        }
        fillOmittedZeros(observations, points);
        Map<SeriesKey, List<Series>> out = new LinkedHashMap<>();
        points.forEach((subject, byKey) -> byKey.forEach((key, list) -> {
            list.sort(Comparator.comparingLong(p -> p.sample().order()));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(new Series(key, subject, bits.get(key), list));
        }));
        return out;
    }

    /**
     * {@code netstat -s} leaves out zero TcpExt counters: a counter present in one sample and absent in another
     * sample of the same subject was 0 there, not unknown.
     */
    private static void fillOmittedZeros(List<Observed<Fact>> observations,
            Map<String, Map<SeriesKey, List<Point>>> points) {
        for (Observed<Fact> o : observations) {
            if (!(o.fact() instanceof ProtocolCounters pc) || !pc.zeroOmitted()) {
                continue;
            }
            Map<SeriesKey, List<Point>> bySubject = points.get(o.subject());
            Set<SeriesKey> present = new HashSet<>();
            pc.counters().forEach(c -> present.add(c.key()));
            bySubject.forEach((key, list) -> {
                if (key.kind().equals("snmp") && key.entity().equals(pc.group()) && !present.contains(key)
                        && list.stream().noneMatch(p -> p.sample().equals(o.sample()))) {
                    list.add(new Point(o.sample(), 0, pc.span()));
                }
            });
        }
    }
}
