package dev.drophound.checks;

import java.time.Duration;
import java.util.Locale;

/** Numbers and times as an operator reads them: 1,999; 10 s; 200/s; 0.94%. */
public final class Words {
    private Words() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String signed(long n) {
        return (n >= 0 ? "+" : "") + count(n);
    }

    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
    }

    public static String rate(double perSecond) {
        if (perSecond >= 100) {
            return count(Math.round(perSecond)) + "/s";
        }
        if (perSecond >= 1) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.2f/s", perSecond);
    }

    public static String percent(double fraction) {
        double p = fraction * 100;
        if (p >= 99.5 && p < 100) {
            return String.format(Locale.ROOT, "%.2f%%", Math.min(p, 99.99)); // not "100%" when some got through
        }
        if (p >= 10) {
            return String.format(Locale.ROOT, "%.0f%%", p);
        }
        if (p >= 0.1) {
            return String.format(Locale.ROOT, "%.1f%%", p);
        }
        if (p >= 0.01) {
            return String.format(Locale.ROOT, "%.2f%%", p);
        }
        return p > 0 ? "<0.01%" : "0%";
    }

    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return trim(b / 1024.0) + " KiB";
        }
        if (b < 1024L * 1024 * 1024) {
            return trim(b / (1024.0 * 1024)) + " MiB";
        }
        return trim(b / (1024.0 * 1024 * 1024)) + " GiB";
    }

    private static String trim(double v) {
        return v >= 10 || v == Math.floor(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
