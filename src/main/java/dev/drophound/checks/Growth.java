package dev.drophound.checks;

import dev.drophound.facts.Span;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Loss;
import dev.drophound.model.Change;
import dev.drophound.model.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * A counter's change read the way the receive-path checks need it: how much it grew, in what time, and how
 * to say so with the line it rests on. With one sample, the value is history ("since boot or since the last
 * counter reset") and is judged with low confidence.
 */
public record Growth(Series series, Change change, String label) {

    public static Growth of(Series series, String label) {
        return new Growth(series, series.change(), label);
    }

    public long increase() {
        return change.increase();
    }

    public boolean isDelta() {
        return change.isDelta();
    }

    /** Grew during the window (two or more samples) or is non-zero (one sample). */
    public boolean positive() {
        return change.increase() > 0;
    }

    public Double perSecond() {
        return change.perSecond();
    }

    /** "+3,149 in 10 s (315/s)", "+3,149 between the samples", "710,184 since boot or the last counter reset". */
    public String amount() {
        return switch (change.kind()) {
            case CUMULATIVE -> Words.count(change.increase()) + " since boot or the last counter reset";
            case DELTA, WRAPPED, RESET -> {
                StringBuilder sb = new StringBuilder(Words.signed(change.increase()));
                if (change.interval() != null) {
                    sb.append(" in ").append(Words.duration(change.interval()));
                    Double r = change.perSecond();
                    if (r != null && change.increase() > 0) {
                        sb.append(" (").append(Words.rate(r)).append(')');
                    }
                } else {
                    sb.append(change.samples() > 2 ? " over " + change.samples() + " samples" : " between the two samples");
                }
                if (change.kind() == Change.Kind.WRAPPED) {
                    sb.append(", counted through a 32-bit wrap");
                } else if (change.kind() == Change.Kind.RESET) {
                    sb.append(", counted from a reset (the counter went down: reboot, driver reload or re-created namespace)");
                }
                yield sb.toString();
            }
        };
    }

    /** Just the number: "+3,149" for growth, "3,149" for a count since boot. */
    public String number() {
        return change.isDelta() ? Words.signed(change.increase()) : Words.count(change.increase());
    }

    /** The period a {@link #number()} covers: " in 10 s", " between the two samples", " since boot or ...". */
    public String period() {
        String amount = amount();
        String n = change.isDelta() ? Words.signed(change.increase()) : Words.count(change.increase());
        return amount.startsWith(n) ? amount.substring(n.length()) : "";
    }

    /** "(RcvbufErrors, proc-net-snmp.after.txt line 8)": the counter and the line of its latest value. */
    public String cite() {
        return "(" + label + ", " + series.last().span().where() + ")";
    }

    /** The lines to quote: the first and the last value. */
    public List<Span> spans() {
        List<Span> out = new ArrayList<>();
        out.add(series.first().span());
        if (series.points().size() > 1) {
            out.add(series.last().span());
        }
        return out;
    }

    public Loss loss() {
        Double window = change.interval() == null ? null : change.interval().toMillis() / 1000.0;
        return new Loss(change.increase(), change.perSecond(), window, !change.isDelta(), label);
    }

    /** Confidence in a loss judged from this growth, and why. */
    public Confidence confidence() {
        return change.isDelta() ? Confidence.HIGH : Confidence.LOW;
    }

    public String confidenceReason() {
        if (!change.isDelta()) {
            return "one sample only: the count is since boot or the last counter reset and may be old; "
                    + "take a second sample to see whether it is still growing";
        }
        if (change.kind() == Change.Kind.RESET) {
            return "the counter was reset between samples; growth is counted from the reset, so it may be more";
        }
        return change.interval() == null
                ? "grew between two samples; their interval is unknown, so there is no rate"
                : "grew between samples " + Words.duration(change.interval()) + " apart" + basis();
    }

    /** Where the interval came from, when it is not the file names or a live capture. */
    private String basis() {
        dev.drophound.model.Sample last = change.last().sample();
        if (last.offset() != null || last.timeBasis() == null || last.timeBasis().equals(dev.drophound.model.Sample.CAPTURE_TIME)) {
            return "";
        }
        return " (times from " + last.timeBasis() + ")";
    }

    /** "history" text for a counter that did not grow in the window but was non-zero before. */
    public String history() {
        return Words.count(series.first().value()) + " before the window (since boot or the last reset)";
    }
}
