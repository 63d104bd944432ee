package dev.drophound.checks.mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a memory level over three or more samples, judged so that one outlier cannot fool it:
 * the slope is Theil-Sen's (the median of the slopes between every pair of samples), steadiness is the share of
 * steps that went up, and r² is that of the least-squares line (for the operator who knows it).
 *
 * <p>Shapes: {@link Shape#GROWING} (up at the end, mostly by steps up), {@link Shape#RELEASED} (grew, then came back
 * near where it started: freed, not leaked), {@link Shape#BREATHING} (up and down, no net direction), {@link Shape#FLAT}.
 *
 * @param x seconds since the first sample when the samples are timed, else the sample index
 */
record Trend(double[] x, double[] y, boolean timed) {

    enum Shape { GROWING, RELEASED, BREATHING, FLAT, SHRINKING }

    /** A step up this small relative to the level is noise (page-size rounding, per-CPU caches). */
    static final double STEADY_SHARE = 0.6;

    static Trend of(List<double[]> points, boolean timed) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Trend(x, y, timed);
    }

    int size() {
        return y.length;
    }

    double first() {
        return y[0];
    }

    double last() {
        return y[y.length - 1];
    }

    int argMax() {
        int m = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[m]) {
                m = i;
            }
        }
        return m;
    }

    double max() {
        return y[argMax()];
    }

    /** Theil-Sen slope over samples [from, to]: per second when timed, else per sample. */
    double slope(int from, int to) {
        List<Double> slopes = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            for (int j = i + 1; j <= to; j++) {
                if (x[j] != x[i]) {
                    slopes.add((y[j] - y[i]) / (x[j] - x[i]));
                }
            }
        }
        if (slopes.isEmpty()) {
            return 0;
        }
        double[] s = slopes.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    double slope() {
        return slope(0, y.length - 1);
    }

    /** Share of steps in [from, to] that went up (ties count as not up). */
    double upShare(int from, int to) {
        int up = 0;
        for (int i = from + 1; i <= to; i++) {
            if (y[i] > y[i - 1]) {
                up++;
            }
        }
        return to > from ? (double) up / (to - from) : 0;
    }

    /** r² of the least-squares line over [from, to]. */
    double r2(int from, int to) {
        int n = to - from + 1;
        if (n < 3) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (int i = from; i <= to; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = from; i <= to; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
    }

    /**
     * The shape, given the smallest change that matters for this quantity.
     *
     * @param significant bytes (or objects) below which a change is noise
     */
    Shape shape(double significant) {
        double rise = max() - first();
        if (y.length < 2 || Math.abs(last() - first()) < significant && rise < significant) {
            return Shape.FLAT;
        }
        if (rise >= significant && last() - first() <= 0.25 * rise && argMax() < y.length - 1) {
            return Shape.RELEASED;
        }
        if (last() - first() >= significant && upShare(0, y.length - 1) >= STEADY_SHARE && slope() > 0) {
            return Shape.GROWING;
        }
        if (first() - last() >= significant && slope() < 0) {
            return Shape.SHRINKING;
        }
        return last() - first() >= significant && slope() > 0 && upShare(0, y.length - 1) >= 0.4
                ? Shape.GROWING : Shape.BREATHING;
    }

    /** The rising part for a shape RELEASED: from the last low before the peak to the peak. */
    int riseStart() {
        int peak = argMax();
        int low = 0;
        for (int i = 0; i < peak; i++) {
            if (y[i] <= y[low]) {
                low = i;
            }
        }
        return low;
    }
}
