package dev.drophound.checks;

import dev.drophound.findings.Severity;

/**
 * How a loss counter's growth maps to a severity, the same for every check:
 *
 * <ul>
 *   <li>two or more samples: no growth is {@code ok} ({@code info} when it had counted before: history);
 *       growth is a {@code warning}, {@code critical} at 100 packets/s or more, or when 1% or more of what
 *       the stage received in the same window was lost;</li>
 *   <li>one sample: the count is since boot. {@code warning} (with low confidence) when it is at least 0.1% of
 *       what the stage received since boot, else {@code info}: old, small counts are not a current problem.</li>
 * </ul>
 */
public final class Judge {
    private Judge() {
    }

    public static final double CRITICAL_RATE = 100.0;
    public static final double CRITICAL_SHARE = 0.01;
    public static final double CUMULATIVE_SHARE = 0.001;

    /**
     * @param received what the stage received over the same window (or since boot for one sample), or null
     *                 when unknown
     */
    public static Severity loss(Growth g, Long received) {
        return loss(g.isDelta(), g.increase(), g.perSecond(), received, g.series().first().value());
    }

    /**
     * The same rule for a loss summed over several counters (all CPUs, all queues).
     *
     * @param before the value at the first sample, to tell "never counted" (ok) from "history" (info)
     */
    public static Severity loss(boolean delta, long lost, Double perSecond, Long received, long before) {
        if (delta) {
            if (lost == 0) {
                return before > 0 ? Severity.INFO : Severity.OK;
            }
            if (perSecond != null && perSecond >= CRITICAL_RATE) {
                return Severity.CRITICAL;
            }
            if (received != null && share(lost, received) >= CRITICAL_SHARE) {
                return Severity.CRITICAL;
            }
            return Severity.WARNING;
        }
        if (lost == 0) {
            return Severity.OK;
        }
        if (received != null && share(lost, received) >= CUMULATIVE_SHARE) {
            return Severity.WARNING;
        }
        return Severity.INFO;
    }

    /** lost / (lost + received); received may already include the lost ones, the difference is small. */
    public static double share(long lost, long received) {
        long total = Math.max(received, lost);
        return total == 0 ? 0 : (double) lost / total;
    }
}
