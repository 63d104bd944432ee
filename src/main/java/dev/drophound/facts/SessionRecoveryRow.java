package dev.drophound.facts;

import java.util.Objects;

/**
 * One card of {@code show session recovery status verbose}: {@code 6/0 Active 0 0 0 0 10 Good (Demux)}.
 *
 * @param cpu    {@code 6/0}
 * @param card   the card number ({@code 6})
 * @param demux  active demux managers on it (&gt; 0 makes it a Demux card)
 * @param status as printed ({@code Good}, {@code Good (Demux)})
 * @param at     the date line under the banner, else null
 */
public record SessionRecoveryRow(String cpu, int card, String state, Integer sessmgrActive, Integer sessmgrStandby,
        Integer aaamgrActive, Integer aaamgrStandby, Integer demux, String status, LogTime at, Span span)
        implements Fact {

    public SessionRecoveryRow {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(span, "span");
    }
}
