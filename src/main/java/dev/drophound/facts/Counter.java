package dev.drophound.facts;

import java.util.Objects;

/**
 * A monotonically increasing kernel counter as printed at one moment.
 *
 * @param bits the width of the kernel field (32 or 64); a 32-bit counter that goes down may have wrapped,
 *             a 64-bit one has been reset
 */
public record Counter(SeriesKey key, long value, int bits, Span span) {

    public Counter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(span, "span");
        if (bits != 32 && bits != 64) {
            throw new IllegalArgumentException("bits must be 32 or 64: " + bits);
        }
    }

    public String name() {
        return key.name();
    }
}
