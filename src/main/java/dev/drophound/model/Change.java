package dev.drophound.model;

import java.time.Duration;

/**
 * How much a counter grew between the first and last sample of a series, with wrap and reset handled.
 *
 * @param increase  the growth; for {@link Kind#CUMULATIVE} the value itself (since boot or the last reset)
 * @param interval  time between first and last, null if the evidence does not say
 * @param kind      how the growth was computed
 */
public record Change(long increase, Point first, Point last, Duration interval, Kind kind, int samples) {

    public enum Kind {
        /** Only one sample: the value counts since boot or since the counter was last reset. */
        CUMULATIVE,
        /** last - first over two or more samples. */
        DELTA,
        /** A 32-bit counter went round between two samples; counted through the wrap. */
        WRAPPED,
        /** The counter went down (reboot, driver reload, namespace re-created): counted from the reset on. */
        RESET
    }

    public boolean isDelta() {
        return kind != Kind.CUMULATIVE;
    }

    /** Growth per second, or null when the interval is unknown or zero. */
    public Double perSecond() {
        if (!isDelta() || interval == null || interval.isZero()) {
            return null;
        }
        return increase / (interval.toNanos() / 1e9);
    }
}
