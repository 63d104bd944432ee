package dev.drophound.parse.dpdk;

import dev.drophound.facts.LogTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of an ovs-vswitchd log with its prefixes taken off.
 *
 * <p>OVS's own record is {@code <time>|<seq>|<module>[(<thread>)]|<LEVEL>|<message>}: in the log file
 * {@code 2018-03-14T10:20:30.123Z|00042|netdev_dpdk|ERR|...} (OVS before 2.x-ish and the console print no
 * milliseconds: {@code 2016-...T..:..:..Z|...}), in syslog {@code ovs|00042|dpdk(pmd91)|ERR|...} after the syslog
 * date, host and tag ({@code Mar 14 10:20:30 host ovs-vswitchd[1234]: }, or an RFC 3339 date as rsyslog's file
 * format and {@code journalctl -o short-iso} print it). Articles quote records with time and sequence cut off:
 * {@code |dpdk|INFO|EAL ARGS: ...} (seed 002).
 *
 * <p>Shapes: {@link Shape#VLOG} an OVS record; {@link Shape#OTHER_PROGRAM} a syslog line of another program;
 * {@link Shape#MARKER} journalctl's {@code -- Boot ... --} lines; {@link Shape#BROKEN} a record cut inside its
 * prefix ({@code 2026-11-22T02:15:03.127Z|000}); {@link Shape#BARE} anything else: a continuation of a multi-line
 * message, or what DPDK and OVS print straight to the console ({@code EAL: FATAL: ...}, memzone dumps).
 */
record OvsLogLine(Shape shape, LogTime time, String module, String thread, String level, String message) {

    enum Shape { VLOG, OTHER_PROGRAM, MARKER, BROKEN, BARE }

    private static final String ISO_Z = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z";
    private static final Pattern VLOG = Pattern.compile("^(?:(" + ISO_Z + ")\\|\\d+|ovs\\|\\d+)?"
            + "\\|([A-Za-z_][\\w.-]*)(?:\\(([^()|]*)\\))?\\|(EMER|ERR|WARN|INFO|DBG)\\|(.*)$");
    /** Starts like a record (a date-time or syslog's {@code ovs|}) but breaks off inside the prefix. */
    private static final Pattern CUT = Pattern.compile("^(?:\\d{4}-\\d{2}-\\d{2}T[\\d:.]*Z?|ovs\\|\\d*)(?:\\|.*)?$");
    private static final Pattern SYSLOG = Pattern.compile(
            "^([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}"
                    + "|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))"
                    + " \\S+ ([^\\s\\[:]+)(?:\\[\\d+\\])?: ?(.*)$");
    private static final Pattern MARKER = Pattern.compile("^-- (?:Logs begin|Journal begins|Boot |Reboot|No entries).*");

    static OvsLogLine read(String line) {
        String text = line.stripTrailing();
        OvsLogLine vlog = vlog(text, null);
        if (vlog != null) {
            return vlog;
        }
        Matcher s = SYSLOG.matcher(text);
        if (s.matches()) {
            LogTime time = syslogTime(s.group(1));
            if (!s.group(2).startsWith("ovs-vswitchd")) {
                return new OvsLogLine(Shape.OTHER_PROGRAM, time, null, null, null, s.group(3));
            }
            OvsLogLine inner = vlog(s.group(3), time);
            if (inner != null) {
                return inner;
            }
            return new OvsLogLine(CUT.matcher(s.group(3)).matches() ? Shape.BROKEN : Shape.BARE, time, null, null,
                    null, s.group(3));
        }
        if (MARKER.matcher(text).matches()) {
            return new OvsLogLine(Shape.MARKER, null, null, null, null, text);
        }
        if (CUT.matcher(text).matches()) {
            return new OvsLogLine(Shape.BROKEN, null, null, null, null, text);
        }
        return new OvsLogLine(Shape.BARE, null, null, null, null, text);
    }

    /** True for an OVS record with its time and sequence number: a shape no other log has. */
    boolean stamped() {
        return shape == Shape.VLOG && time != null;
    }

    private static OvsLogLine vlog(String text, LogTime outer) {
        Matcher m = VLOG.matcher(text);
        if (!m.matches()) {
            return null;
        }
        LogTime time = m.group(1) != null ? new LogTime(null, instant(m.group(1)), m.group(1)) : outer;
        return new OvsLogLine(Shape.VLOG, time, m.group(2), m.group(3), m.group(4), m.group(5));
    }

    /** A syslog date has no year: kept as printed without an instant. An RFC 3339 date is exact. */
    private static LogTime syslogTime(String printed) {
        return new LogTime(null, Character.isDigit(printed.charAt(0)) ? instant(printed) : null, printed);
    }

    private static Instant instant(String iso) {
        String t = iso.matches(".*[+-]\\d{4}$") ? iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2)
                : iso;
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
