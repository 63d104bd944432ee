package dev.drophound.facts;

import java.util.Map;
import java.util.Objects;

/**
 * One table of {@code show iftask stats}: a card's ({@code CARD 6 STATS}, column {@code SF6}) or the total
 * ({@code TOTAL STATS}), counter name to value since iftask started and to its packets-per-second column.
 *
 * @param card     the card number as printed ({@code 6}), or {@code TOTAL}
 * @param values   counter to value, in printed order ({@code kni_drops}, {@code __ALL_DROPS__}, {@code __DISCARDS__})
 * @param pps      counter to its _PPS column
 * @param lines    counter to the span of its line, for quoting
 * @param at       the date line under the banner (the sample's time), else null
 */
public record IftaskStats(String card, String column, Map<String, Long> values, Map<String, Long> pps,
        Map<String, Span> lines, LogTime at, Span span) implements Fact {

    public IftaskStats {
        Objects.requireNonNull(card, "card");
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        pps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pps));
        lines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lines));
        Objects.requireNonNull(span, "span");
    }
}
