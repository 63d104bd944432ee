package dev.drophound.checks.mem;

import dev.drophound.facts.MemoryGauges;
import dev.drophound.facts.Span;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import dev.drophound.model.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One memory level over the samples, oldest first. When several captures print the same level (a numbered
 * slabinfo series and a slabtop before/after pair), the one with the most samples is taken: levels from different
 * captures are not comparable point by point.
 */
record MemSeries(String kind, String entity, String name, List<Point> points, boolean timed) {

    record Point(Sample sample, long value, Span span) {
    }

    /** The quoted line(s) of a point that hold this level ({@code SUnreclaim:}, the cache's slabinfo row). */
    Span evidence(Point p) {
        String key = entity.isEmpty() ? name : entity;
        List<Span.Line> lines = p.span().lines().stream().filter(l -> {
            String t = l.text().stripLeading();
            return t.startsWith(key + ":") || t.startsWith(key + " ") || t.endsWith(" " + key);
        }).limit(2).toList();
        return lines.isEmpty() ? p.span() : new Span(p.span().source(), lines);
    }

    /** Every series of one kind, by entity then name. */
    static Map<String, Map<String, MemSeries>> of(Case c, String kind) {
        // (entity, format + subject) -> observations
        Map<String, Map<String, List<Observed<MemoryGauges>>>> groups = new LinkedHashMap<>();
        for (Observed<MemoryGauges> o : c.all(MemoryGauges.class)) {
            if (o.fact().kind().equals(kind)) {
                groups.computeIfAbsent(o.fact().entity(), e -> new LinkedHashMap<>())
                        .computeIfAbsent(o.fact().format() + '\u0000' + o.subject(), k -> new ArrayList<>()).add(o);
            }
        }
        Map<String, Map<String, MemSeries>> out = new LinkedHashMap<>();
        groups.forEach((entity, bySource) -> {
            List<Observed<MemoryGauges>> best = bySource.values().stream()
                    .max(Comparator.comparingInt((List<Observed<MemoryGauges>> l) -> l.size())).orElseThrow();
            best = new ArrayList<>(best);
            best.sort(Comparator.comparingLong(o -> o.sample().order()));
            Map<String, MemSeries> byName = new LinkedHashMap<>();
            for (String name : best.get(best.size() - 1).fact().values().keySet()) {
                List<Point> points = new ArrayList<>();
                for (Observed<MemoryGauges> o : best) {
                    Long v = o.fact().values().get(name);
                    if (v != null) {
                        points.add(new Point(o.sample(), v, o.fact().span()));
                    }
                }
                byName.put(name, new MemSeries(kind, entity, name, points, timed(points)));
            }
            out.put(entity, byName);
        });
        return out;
    }

    static Optional<MemSeries> of(Case c, String kind, String entity, String name) {
        return Optional.ofNullable(of(c, kind).getOrDefault(entity, Map.of()).get(name));
    }

    private static boolean timed(List<Point> points) {
        if (points.size() < 2) {
            return false;
        }
        Sample first = points.get(0).sample();
        for (int i = 1; i < points.size(); i++) {
            Duration d = first.until(points.get(i).sample());
            if (d == null) {
                return false;
            }
        }
        return true;
    }

    Trend trend() {
        List<double[]> xy = new ArrayList<>();
        Sample first = points.get(0).sample();
        for (int i = 0; i < points.size(); i++) {
            double x = !timed ? i : i == 0 ? 0 : first.until(points.get(i).sample()).toMillis() / 1000.0;
            xy.add(new double[] {x, points.get(i).value()});
        }
        return Trend.of(xy, timed);
    }

    /** Time from the first to the last sample, if the samples say when they were taken. */
    Optional<Duration> duration() {
        return timed ? Optional.ofNullable(points.get(0).sample().until(points.get(points.size() - 1).sample()))
                : Optional.empty();
    }

    long first() {
        return points.get(0).value();
    }

    long last() {
        return points.get(points.size() - 1).value();
    }

    Point lastPoint() {
        return points.get(points.size() - 1);
    }
}
