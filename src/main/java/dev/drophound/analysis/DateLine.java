package dev.drophound.analysis;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the time a {@code date} command printed, so that samples in a pasted document get real times:
 * {@code Sun Nov 22 02:41:43 UTC 2026} (coreutils default, C locale), ISO 8601 ({@code date -Iseconds}),
 * {@code 2026-11-22 02:41:43} and epoch seconds ({@code date +%s}). Zones other than UTC/GMT or a numeric
 * offset are read as UTC: only differences between samples matter.
 */
final class DateLine {

    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm:ss zzz", Locale.ROOT),
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSSSSSSSS zzz yyyy", Locale.ROOT));

    static Optional<Instant> parse(String line) {
        String s = line.strip().replaceAll("\\s+", " ");
        if (s.matches("\\d{9,10}(\\.\\d+)?")) {
            return Optional.of(Instant.ofEpochMilli(Math.round(Double.parseDouble(s) * 1000)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        String utc = s.replaceAll(" [A-Z]{3,5} (\\d{4})$", " UTC $1");
        for (DateTimeFormatter f : ZONED) {
            try {
                return Optional.of(ZonedDateTime.parse(utc, f).toInstant());
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        return Optional.empty();
    }

    private DateLine() {
    }
}
