package dev.drophound.model;

import dev.drophound.facts.SeriesKey;
import java.util.List;

/**
 * The values of one counter in the samples of one subject, oldest first.
 *
 * <p>This is the one place counter wrap and reset are handled: a 32-bit counter that goes down by less than
 * half its range has wrapped; any other decrease is a reset, and growth is counted from the reset on.
 */
public record Series(SeriesKey key, String subject, int bits, List<Point> points) {

    public Series {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a series needs a point");
        }
    }

    public Point first() {
        return points.get(0);
    }

    public Point last() {
        return points.get(points.size() - 1);
    }

    public Change change() {
        if (points.size() == 1) {
            return new Change(first().value(), first(), first(), null, Change.Kind.CUMULATIVE, 1);
        }
        long total = 0;
        Change.Kind kind = Change.Kind.DELTA;
        for (int i = 1; i < points.size(); i++) {
            long before = normalise(points.get(i - 1).value());
            long after = normalise(points.get(i).value());
            if (after >= before) {
                total += after - before;
            } else if (bits == 32 && (after + (1L << 32) - before) < (1L << 31)) {
                total += after + (1L << 32) - before;
                if (kind == Change.Kind.DELTA) {
                    kind = Change.Kind.WRAPPED;
                }
            } else {
                total += after;
                kind = Change.Kind.RESET;
            }
        }
        return new Change(total, first(), last(), first().sample().until(last().sample()), kind, points.size());
    }

    /** 32-bit counters printed as signed ({@code total=-130952296}) are read back as unsigned. */
    private long normalise(long v) {
        return bits == 32 ? v & 0xFFFF_FFFFL : v;
    }
}
