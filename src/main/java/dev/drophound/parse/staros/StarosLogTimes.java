package dev.drophound.parse.staros;

import dev.drophound.facts.LogTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times StarOS prints, for the log and session-recovery parsers: the date line a support text puts under each
 * {@code ******** show ... *******} banner ({@code Tuesday October 24 11:23:45 EDT 2023}), evlogd's own stamp
 * ({@code 2023-Nov-16+09:18:03.205}), RFC 3339 syslog stamps, the ctime of the debug-shell iftask log
 * ({@code Wed Nov 15 17:20:30 2023}) and the year-less stamp of a relayed card syslog line ({@code Nov 16 14:18:03}).
 *
 * <p>A date line carries its zone: the wall clock is exact (UTC) for the zones below and null for another one. Log
 * stamps without a zone (evlogd, ctime, relayed syslog) are read as if UTC, as the kernel-log parser reads
 * {@code dmesg -T}: the node's and the card's clocks may differ (the seed's relayed line is five hours ahead of
 * evlogd's), so only times from the same clock compare exactly; {@code asPrinted} keeps the text.
 */
final class StarosLogTimes {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    /** Zones a date line may name; others (CST: China or US Central?) leave the wall clock unknown. */
    private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("GMT", ZoneOffset.UTC), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("PST", ZoneOffset.ofHours(-8)));
    /** {@code Tuesday October 24 11:23:45 EDT 2023}, also with short names ({@code Tue Oct 24 ...}). */
    private static final Pattern DATE_LINE = Pattern.compile(
            "^\\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\\s+([A-Z][a-z]{2})[a-z]*\\s+(\\d{1,2}),?\\s+"
                    + "(\\d{1,2}):(\\d{2}):(\\d{2})\\s+([A-Z]{2,5})\\s+(\\d{4})\\s*$");
    /** evlogd: {@code 2023-Nov-16+09:18:03.205}. */
    static final String EVLOGD = "\\d{4}-[A-Z][a-z]{2}-\\d{1,2}\\+\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?";
    private static final Pattern EVLOGD_PARTS = Pattern.compile(
            "(\\d{4})-([A-Z][a-z]{2})-(\\d{1,2})\\+(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    /** ctime: {@code Wed Nov 15 17:20:30 2023}. */
    static final String CTIME = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\d{4}";
    private static final Pattern CTIME_PARTS = Pattern.compile(
            "[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");
    /** Syslog without year: {@code Nov 16 14:18:03}. */
    static final String SYSLOG = "[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}";
    private static final Pattern SYSLOG_PARTS = Pattern.compile("([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})");

    private StarosLogTimes() {
    }

    /** True for the date line under a banner. */
    static boolean isDateLine(String line) {
        return DATE_LINE.matcher(line).matches();
    }

    /** The date line under a banner as a time (wall clock null for an unknown zone), or null if it is not one. */
    static LogTime dateLine(String line) {
        Matcher m = DATE_LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        ZoneOffset zone = ZONES.get(m.group(6));
        LocalDateTime local = local(m.group(7), m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), null);
        return new LogTime(null, zone == null || local == null ? null : local.toInstant(zone), line.strip());
    }

    /** evlogd's {@code 2023-Nov-16+09:18:03.205}, read as UTC. */
    static LogTime evlogd(String printed) {
        Matcher m = EVLOGD_PARTS.matcher(printed);
        LocalDateTime t = m.matches()
                ? local(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)) : null;
        return new LogTime(null, t == null ? null : t.toInstant(ZoneOffset.UTC), printed);
    }

    /** An RFC 3339 stamp ({@code 2023-10-23T00:14:33.813+00:00}): exact. */
    static LogTime rfc3339(String printed) {
        String t = printed.matches(".*[+-]\\d{4}$")
                ? printed.substring(0, printed.length() - 2) + ":" + printed.substring(printed.length() - 2) : printed;
        Instant at;
        try {
            at = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            at = null;
        }
        return new LogTime(null, at, printed);
    }

    /** ctime {@code Wed Nov 15 17:20:30 2023}, read as UTC. */
    static LogTime ctime(String printed) {
        Matcher m = CTIME_PARTS.matcher(printed);
        LocalDateTime t = m.matches()
                ? local(m.group(6), m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), null) : null;
        return new LogTime(null, t == null ? null : t.toInstant(ZoneOffset.UTC), printed);
    }

    /**
     * A year-less syslog stamp ({@code Nov 16 14:18:03}) read as UTC in the year that puts it nearest to
     * {@code near} (the record's own time: a card clock a few hours off may cross New Year); null wall clock
     * without {@code near}.
     */
    static LogTime syslog(String printed, Instant near) {
        Matcher m = SYSLOG_PARTS.matcher(printed);
        if (near == null || !m.matches()) {
            return new LogTime(null, null, printed);
        }
        int year = near.atOffset(ZoneOffset.UTC).getYear();
        Instant best = null;
        for (int y = year - 1; y <= year + 1; y++) {
            LocalDateTime t = local(Integer.toString(y), m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), null);
            Instant at = t == null ? null : t.toInstant(ZoneOffset.UTC);
            if (at != null && (best == null
                    || Math.abs(at.getEpochSecond() - near.getEpochSecond())
                    < Math.abs(best.getEpochSecond() - near.getEpochSecond()))) {
                best = at;
            }
        }
        return new LogTime(null, best, printed);
    }

    private static LocalDateTime local(String year, String month, String day, String hour, String minute,
            String second, String fraction) {
        int mon = MONTHS.indexOf(month.substring(0, 3).toLowerCase(Locale.ROOT));
        if (mon < 0) {
            return null;
        }
        int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        try {
            return LocalDateTime.of(Integer.parseInt(year), mon + 1, Integer.parseInt(day), Integer.parseInt(hour),
                    Integer.parseInt(minute), Integer.parseInt(second), nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
