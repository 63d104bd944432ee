package dev.drophound.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A moment at which evidence was captured, as far as the evidence tells.
 *
 * @param order     position in time among the samples of one subject (and roughly across subjects:
 *                  before-like samples sort first, after-like last)
 * @param label     how the report names it: {@code before}, {@code after-10s}, {@code #3}, {@code stdin}
 * @param at        absolute time if known ({@code date} output, live capture, file modification time)
 * @param offset    time since the subject's first sample if the name says it ({@code after-10s})
 * @param timeBasis where {@code at} came from, for the report ("file modification times", "date output")
 */
public record Sample(long order, String label, Instant at, Duration offset, String timeBasis) {

    public Sample {
        Objects.requireNonNull(label, "label");
    }

    /** timeBasis of times read from file modification times. */
    public static final String MODIFICATION_TIME = "file modification times";
    /** timeBasis of times read from {@code date} output in a document. */
    public static final String DATE_OUTPUT = "date output";
    /** timeBasis of times taken while capturing live. */
    public static final String CAPTURE_TIME = "capture time";

    /** Time from this sample to a later one, if both say when they were taken in the same way. */
    public Duration until(Sample later) {
        if (later.offset != null) {
            // an interval in the name (after-10s) is what the person who captured it meant
            Duration d = later.offset.minus(offset == null ? Duration.ZERO : offset);
            return d.isNegative() ? null : d;
        }
        if (at != null && later.at != null && Objects.equals(timeBasis, later.timeBasis)) {
            Duration d = Duration.between(at, later.at);
            if (MODIFICATION_TIME.equals(timeBasis) && d.compareTo(Duration.ofSeconds(1)) < 0) {
                return null; // files copied in one go: their times say nothing about the capture
            }
            return d.isNegative() ? null : d;
        }
        return null;
    }
}
