package dev.drophound.facts;

import java.util.Objects;

/**
 * One row of {@code show cloud monitor di-network detail}: under {@code Card 2 Heartbeat Results:}, the line
 * {@code 6  Bad  14.67%  3.50%} = heartbeats from card 2 to card 6, health, loss over 5 and 60 minutes (percent).
 *
 * @param at the date line under the banner, else null
 */
public record DiHeartbeat(int fromCard, int toCard, String health, Double loss5min, Double loss60min, LogTime at,
        Span span) implements Fact {

    public DiHeartbeat {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(span, "span");
    }
}
