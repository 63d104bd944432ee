package dev.drophound.facts;

import java.time.Instant;

/**
 * When a kernel or daemon log line says it happened: seconds since boot ({@code [90556.444309]}) and/or a wall
 * clock ({@code Nov 16 09:18:03}, ISO dates); either may be null.
 */
public record LogTime(Double uptimeSeconds, Instant wallClock, String asPrinted) {
}
