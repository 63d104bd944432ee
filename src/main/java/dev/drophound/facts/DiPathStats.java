package dev.drophound.facts;

import java.util.List;
import java.util.Objects;

/**
 * One Src/Dst row of {@code show cloud monitor controlplane} ({@code 02 06  75 75 0.0%  1500 1265 15.7%  18000 17546
 * 2.5%}: Xmit, Recv, Miss% per window) or {@code show cloud monitor dataplane} ({@code Miss, Hit, Pct} per window).
 *
 * @param plane   {@code controlplane} or {@code dataplane}
 * @param windows in printed order: 15 s, 5 min, 60 min
 * @param at      the date line under the banner, else null
 */
public record DiPathStats(String plane, int src, int dst, List<Window> windows, LogTime at, Span span)
        implements Fact {

    public DiPathStats {
        Objects.requireNonNull(plane, "plane");
        windows = List.copyOf(windows);
        Objects.requireNonNull(span, "span");
    }

    /**
     * One interval's figures. Controlplane prints sent (Xmit) and received (Recv); dataplane prints missed and hit
     * (received); the other two are derived (sent = missed + hit, missed = sent - received).
     *
     * @param name        {@code 15s}, {@code 5min}, {@code 60min}
     * @param missPercent the printed percentage
     */
    public record Window(String name, long sent, long received, long missed, double missPercent) {
    }

    /** The window of that name, or null. */
    public Window window(String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
    }
}
