package dev.drophound.parse.staros;

import dev.drophound.evidence.Block;
import dev.drophound.facts.LogTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the StarOS cloud monitor and iftask outputs share as a support paste holds them (seed 000): the banner
 * {@code ******** show iftask stats ******* } (normally cut off by the Sectioner, tolerated in a block), the date
 * line StarOS prints under it ({@code Tuesday October 24 11:22:06 EDT 2023}), and lines holding only {@code …}
 * where the author elided rows.
 */
final class MonitorText {
    private MonitorText() {
    }

    private static final Pattern DATE = Pattern.compile(
            "^\\s*((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) [A-Z][a-z]+ +\\d{1,2}"
                    + " \\d{2}:\\d{2}:\\d{2}) ([A-Z]{2,5}) (\\d{4})\\s*$");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("EEEE MMMM d HH:mm:ss yyyy", Locale.ENGLISH);
    /** Zones read; any other abbreviation keeps the printed text only (CST alone is US or China). */
    private static final Map<String, ZoneOffset> ZONES = Map.of("EDT", ZoneOffset.ofHours(-4), "EST",
            ZoneOffset.ofHours(-5), "UTC", ZoneOffset.UTC, "GMT", ZoneOffset.UTC);
    private static final Pattern BANNER = Pattern.compile("^\\s*\\*{3,}\\s*show\\s.*?\\*{3,}\\s*$");

    /** The date line under a banner, or null when the line is not one. */
    static LogTime date(String line) {
        Matcher m = DATE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String printed = line.strip();
        ZoneOffset zone = ZONES.get(m.group(2));
        if (zone == null) {
            return new LogTime(null, null, printed);
        }
        try {
            LocalDateTime t = LocalDateTime.parse(m.group(1).replaceAll(" +", " ") + " " + m.group(3), WALL);
            return new LogTime(null, t.toInstant(zone), printed);
        } catch (DateTimeParseException e) {
            return new LogTime(null, null, printed); // a day name that does not fit the date: keep what was printed
        }
    }

    /** A line holding only the elision mark {@code …} (U+2026), which pasted outputs use for left-out rows. */
    static boolean elided(String line) {
        return line.strip().equals("\u2026");
    }

    /** A {@code ******** show ... *******} banner left in the block. */
    static boolean banner(String line) {
        return BANNER.matcher(line).matches();
    }

    /**
     * Blank, elided or a banner: used while inside the output, left alone after prose (so that a document's text
     * after the output stays prose, not lines the parser skipped).
     */
    static boolean fillerOnly(String line) {
        return line.isBlank() || elided(line) || banner(line);
    }

    /** Blank, elided, banner or date: lines that carry no table but belong to the paste. */
    static boolean filler(String line) {
        return line.isBlank() || elided(line) || banner(line) || date(line) != null;
    }

    /** Indexes of the first {@code n} lines that are not {@link #filler}: what content scores look at. */
    static List<Integer> firstLines(Block block, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < block.size() && out.size() < n && i < 200; i++) {
            if (!filler(block.line(i))) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whitespace-separated tokens of a line. */
    static String[] tokens(String line) {
        String s = line.strip();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    /** A percentage as printed ({@code 14.67%}), or null. */
    static Double percent(String token) {
        if (!token.endsWith("%") || !token.matches("\\d+(?:\\.\\d+)?%")) {
            return null;
        }
        return Double.valueOf(token.substring(0, token.length() - 1));
    }
}
