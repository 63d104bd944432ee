package dev.drophound.parse.kernlog;

import dev.drophound.evidence.Block;
import dev.drophound.facts.LogTime;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a kernel log with its prefixes taken off: what the kernel printed ({@code text}), when
 * ({@code time}, null when the line has no time) and whether any log prefix was there ({@code prefixed}).
 *
 * <p>Prefixes, outermost first, each optional: an RFC 3339 / ISO date ({@code dmesg --time-format iso}
 * {@code 2026-11-22T02:49:05,689643+00:00}, rsyslog's RFC 3339 template, VMware's {@code vmware.log}
 * {@code 2023-12-04T10:49:30.127Z In(05) vcpu-5 - Guest: }); a syslog or journal date, host and tag
 * ({@code Mar  8 11:35:04 host kernel: }, {@code ... host earlyoom[812]: }); {@code dmesg -x}'s
 * {@code kern  :info  : }; the printk level of {@code dmesg -r} ({@code <6>}); {@code dmesg -T}'s
 * {@code [Thu Dec  7 00:05:14 2017] }; the seconds since boot {@code [ 2205.039425] } (also without its opening
 * bracket, as one line of seed 003 was pasted). rsyslog's {@code #012} (an escaped newline inside one record) is
 * read as a space.
 *
 * <p>Wall clocks: an ISO date with an offset is exact; {@code dmesg -T} prints local time without a zone and is
 * read as UTC (only the order and the gaps between lines matter); a syslog date has no year, so it stays
 * {@code asPrinted} with no instant.
 */
record LogLine(int index, String text, LogTime time, boolean prefixed) {

    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\s+");
    /** What follows an ISO date in VMware's vmware.log: {@code In(05) vcpu-5 - Guest: }. */
    private static final Pattern VMWARE = Pattern.compile("^[A-Z][a-z]\\(\\d+\\)\\s+\\S+\\s+-\\s+(?:Guest:\\s+)?");
    /** Host and tag after an ISO date: only the tags this parser reads, so that dmesg's own text is never cut. */
    private static final Pattern ISO_HOST_TAG = Pattern.compile("^\\S+\\s+(?:kernel|earlyoom)(?:\\[\\d+\\])?:\\s?");
    private static final Pattern SYSLOG_DATE = Pattern.compile("^([A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2})\\s+");
    /** Host and tag after a syslog date ({@code host kernel: }, {@code host earlyoom[812]: }). */
    private static final Pattern HOST_TAG = Pattern.compile("^\\S+\\s+[\\w.@/()-]+(?:\\[\\d+\\])?:\\s?");
    private static final Pattern FACILITY = Pattern.compile(
            "^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\\s*:"
                    + "\\s*(?:emerg|alert|crit|err|warn|notice|info|debug)\\s*:\\s?");
    private static final Pattern LEVEL = Pattern.compile("^<\\d{1,3}>");
    private static final Pattern CTIME = Pattern.compile(
            "^\\[([A-Za-z]{2,3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{2}):(\\d{2}):(\\d{2})\\s+(\\d{4}))\\]\\s?");
    private static final Pattern UPTIME = Pattern.compile("^\\[?\\s*(\\d{1,10}\\.\\d{3,9})\\]\\s?");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");

    /** Every line of the block, prefixes taken off. */
    static List<LogLine> readAll(Block block) {
        List<LogLine> out = new ArrayList<>(block.size());
        for (int i = 0; i < block.size(); i++) {
            out.add(read(i, block.line(i)));
        }
        return out;
    }

    static LogLine read(int index, String line) {
        String rest = line.replace("#012", " ");
        String printed = null;
        Double uptime = null;
        java.time.Instant wall = null;
        boolean prefixed = false;
        Matcher m = ISO.matcher(rest);
        Matcher h;
        if (m.find()) {
            printed = m.group(1);
            wall = isoInstant(m.group(1));
            rest = rest.substring(m.end());
            prefixed = true;
            if ((h = VMWARE.matcher(rest)).find() || (h = ISO_HOST_TAG.matcher(rest)).find()) {
                rest = rest.substring(h.end());
            }
        } else if ((m = SYSLOG_DATE.matcher(rest)).find() && (h = HOST_TAG.matcher(rest.substring(m.end()))).find()) {
            printed = m.group(1);
            rest = rest.substring(m.end() + h.end());
            prefixed = true;
        }
        if ((m = FACILITY.matcher(rest)).find()) {
            rest = rest.substring(m.end());
            prefixed = true;
        }
        if ((m = LEVEL.matcher(rest)).find()) {
            rest = rest.substring(m.end());
            prefixed = true;
        }
        if ((m = CTIME.matcher(rest)).find()) {
            printed = join(printed, m.group(1));
            wall = ctimeInstant(m);
            rest = rest.substring(m.end());
            prefixed = true;
        }
        if ((m = UPTIME.matcher(rest)).find() && (rest.startsWith("[") || line.strip().equals(rest.strip()))) {
            printed = join(printed, m.group(1));
            uptime = Double.parseDouble(m.group(1));
            rest = rest.substring(m.end());
            prefixed = true;
        }
        LogTime time = printed == null ? null : new LogTime(uptime, wall, printed);
        return new LogLine(index, rest.strip(), time, prefixed);
    }

    /** The text with the component's own prefix off: {@code kmemleak: unreferenced object ...}. */
    String without(String component) {
        return text.startsWith(component) ? text.substring(component.length()).strip() : text;
    }

    boolean isBlank() {
        return text.isEmpty();
    }

    private static String join(String a, String b) {
        return a == null ? b : a + " " + b;
    }

    private static java.time.Instant isoInstant(String s) {
        String t = s.replace(',', '.').replace(' ', 'T');
        if (t.matches(".*[+-]\\d{4}$")) {
            t = t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2);
        }
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static java.time.Instant ctimeInstant(Matcher m) {
        int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
        if (month < 0) {
            return null; // a localised month name (dmesg -T follows the locale): keep it as printed
        }
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(7)), month + 1, Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
