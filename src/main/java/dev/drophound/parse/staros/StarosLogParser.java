package dev.drophound.parse.staros;

import dev.drophound.evidence.Block;
import dev.drophound.facts.LogTime;
import dev.drophound.facts.StarosEvent;
import dev.drophound.facts.StarosEvent.Kind;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StarOS event logs ({@code show logs}, the evlogd/syslog copies a syslog server keeps) and the iftask log of the
 * debug shell. Record shapes (all from seed 000):
 * <ul>
 *   <li>evlogd: {@code 2023-Nov-16+09:18:03.205 [iftask 214701 error] [1/0/9602 <evlogd:0> evlgd_syslogd.c:236]
 *       [software internal system syslog] message}: event facility, id and severity, then card/cpu/pid, task and
 *       source, then optional {@code [context: ..., contextID: n]} and tag brackets;</li>
 *   <li>the same record sent to a syslog server: {@code 2023-10-23T00:14:33.813+00:00 Nodename evlogd:
 *       [local-60sec33.780] [egtpmgr 143137 info] [6/0/12364 <egtpegmgr:3> egtpmgr_pm.c:905] ...};</li>
 *   <li>a card's syslog relayed by evlogd, inside either: {@code CPU[3/0]: Nov 16 14:18:03 iftask[7387]: message}
 *       (card, the card's own clock, process and pid from there);</li>
 *   <li>the debug-shell iftask log: {@code Wed Nov 15 17:20:30 2023 PID:7387 message} (process iftask);</li>
 *   <li>a KNI message alone on its line ({@code KNI: Out of memory, kni port ...}, a grep without the prefix).</li>
 * </ul>
 * Messages that become {@link StarosEvent}s: {@code KNI: Out of memory, kni port P, socket_id=S, total=T, iter=I},
 * DPDK's {@code Out of memory from Backup pool, kni port ...} (with or without RTE_LOG's {@code KNI: }) and egtpmgr's
 * {@code GTP-C path failure for peer <Y>}. {@code total} is iftask's signed 32-bit counter printed with {@code %d}:
 * kept negative as printed; a value outside 32 bits, a non-number or a message without its fields is malformed.
 * Times: see {@link StarosLogTimes} (evlogd and ctime stamps have no zone and are read as UTC).
 *
 * <p>Every StarOS record is used, with or without an event; lines of {@code …} (elided) too. A line that starts
 * with evlogd's stamp but breaks in its header is malformed. In a standalone file other programs' syslog lines
 * are used; in a document (an article, a support text) only StarOS records are, so prose, and code quoting the
 * message format ({@code RTE_LOG(ERR, KNI, "Out of memory from Backup pool, ...")}), stays prose.
 */
public final class StarosLogParser implements Parser {

    private static final int SNIFF_LINES = 200;
    private static final Pattern NATIVE = Pattern.compile("^\\s*(" + StarosLogTimes.EVLOGD + ")\\s+(.*)$");
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\s*(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))\\s+\\S+\\s+"
                    + "([\\w.-]+)(?:\\[\\d+\\])?:\\s+(.*)$");
    /** evlogd's record after the stamp: {@code [facility id severity] [card/cpu/pid <task:n> file:line] [..]* text}. */
    private static final Pattern BODY = Pattern.compile("^(?:\\[local-[^\\]]*\\]\\s+)?\\[([\\w-]+) (\\d+) ([\\w-]+)\\]"
            + "\\s+\\[(\\d+/\\d+)/(\\d+) <[^>]*>[^\\]]*\\]\\s*((?:\\[[^\\]]*\\]\\s*)*)(.*)$");
    private static final Pattern RELAYED = Pattern.compile("^CPU\\[(\\d+/\\d+)\\]:\\s+(" + StarosLogTimes.SYSLOG
            + ")\\s+([\\w.-]+)\\[(\\d+)\\]:\\s*(.*)$");
    private static final Pattern DEBUG_SHELL = Pattern.compile("^\\s*(" + StarosLogTimes.CTIME + ")\\s+PID:(\\d+)\\s+(.*)$");
    private static final Pattern BARE_KNI = Pattern.compile("^\\s*(?:KNI: Out of memory|(?:KNI: )?Out of memory from Backup pool)\\b");
    private static final Pattern ELIDED = Pattern.compile("^[\\s\u2026]*\u2026[\\s\u2026]*$");

    private static final String BACKUP = "Out of memory from Backup pool";
    private static final String OOM = "KNI: Out of memory";
    private static final String GTPC = "GTP-C path failure for peer";
    private static final Pattern KNI_FIELDS = Pattern.compile(
            "kni port ([^,\\s]+), socket_id=([^,\\s]*), total=([^,\\s]*), iter=(\\S*)");
    private static final Pattern PEER = Pattern.compile("GTP-C path failure for peer <?([^\\s,<>]+)>?");
    private static final Pattern SERVICE = Pattern.compile("\\bcontext: ([^,\\s]+), service ?: ([^,\\s]+)");
    private static final Pattern CONTEXT = Pattern.compile("\\bcontext: ([^,\\]\\s]+)");
    private static final Pattern COMMAND = Pattern.compile("^show logs\\b");
    private static final Pattern FILE = Pattern.compile("(?i)^(?:staros|evlogd|iftask)[\\w.-]*\\.(?:log|txt)$");

    @Override
    public String id() {
        return "staros-syslog";
    }

    @Override
    public String description() {
        return "StarOS event log and syslog copy (evlogd), debug-shell iftask log: KNI out-of-memory, GTP-C path failures";
    }

    @Override
    public List<String> examples() {
        return List.of("show logs", "StarOS syslog (evlogd) at a syslog server", "iftask log in the debug shell's /tmp");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand == null ? 0 : NameHints.commandOrFile(nameOrCommand.strip(), COMMAND, FILE);
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int records = 0;
        for (int i = 0; i < block.size() && i < SNIFF_LINES; i++) {
            String line = block.line(i);
            if (line.isBlank() || ELIDED.matcher(line).matches()) {
                continue;
            }
            seen++;
            if (record(line) != null) {
                records++;
            }
        }
        if (records == 0) {
            return 0;
        }
        // evlogd's bracketed header and the debug shell's "PID:" line are StarOS's alone, even quoted in prose
        return records * 2 >= seen ? 95 : 60;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (ELIDED.matcher(line).matches()) {
                sink.used(i);
                continue;
            }
            Record r = record(line);
            if (r != null) {
                sink.used(i);
                event(block, sink, i, r);
            } else if (NATIVE.matcher(line).matches()) {
                sink.malformed(i, "evlogd record cut or garbled in its [facility id severity] [card/cpu/pid ...] header");
            } else {
                Matcher m = RFC3339.matcher(line);
                if (m.matches() && m.group(2).equals("evlogd")) {
                    sink.malformed(i, "evlogd record cut or garbled in its [facility id severity] [card/cpu/pid ...] header");
                } else if (m.matches() && !block.inDocument()) {
                    sink.used(i); // another program's line in the same syslog file
                }
            }
        }
    }

    /** A StarOS record without its prefixes: where and when, and the message. */
    private record Record(LogTime time, LogTime localTime, String card, String process, Integer pid, String context,
            String message) {
    }

    /** The line as a StarOS record, or null if it is not one. */
    private static Record record(String line) {
        Matcher m = NATIVE.matcher(line);
        if (m.matches()) {
            return body(StarosLogTimes.evlogd(m.group(1)), m.group(2));
        }
        m = RFC3339.matcher(line);
        if (m.matches()) {
            return body(StarosLogTimes.rfc3339(m.group(1)), m.group(3));
        }
        m = DEBUG_SHELL.matcher(line);
        if (m.matches()) {
            return new Record(StarosLogTimes.ctime(m.group(1)), null, null, "iftask", Integer.valueOf(m.group(2)), null,
                    m.group(3).strip());
        }
        if (BARE_KNI.matcher(line).find()) {
            return new Record(null, null, null, null, null, null, line.strip());
        }
        return null;
    }

    private static Record body(LogTime time, String rest) {
        Matcher b = BODY.matcher(rest);
        if (!b.matches()) {
            return null;
        }
        Matcher c = CONTEXT.matcher(b.group(6));
        String context = c.find() ? c.group(1) : null;
        String message = b.group(7).strip();
        Matcher relayed = RELAYED.matcher(message);
        if (relayed.matches()) {
            LogTime local = StarosLogTimes.syslog(relayed.group(2), time.wallClock());
            return new Record(time, local, relayed.group(1), relayed.group(3), pid(relayed.group(4)), context,
                    relayed.group(5).strip());
        }
        return new Record(time, null, b.group(4), b.group(1), pid(b.group(5)), context, message);
    }

    private static Integer pid(String digits) {
        return digits.length() > 9 ? null : Integer.valueOf(digits);
    }

    private static void event(Block block, ParseSink sink, int i, Record r) {
        String msg = r.message();
        if (msg.contains(BACKUP) || msg.contains(OOM)) {
            Kind kind = msg.contains(BACKUP) ? Kind.KNI_OOM_BACKUP : Kind.KNI_OOM;
            Matcher f = KNI_FIELDS.matcher(msg);
            if (!f.find()) {
                sink.malformed(i, "KNI out-of-memory message without its kni port, socket_id, total and iter");
                return;
            }
            Long socket = int32(f.group(2));
            Long total = int32(f.group(3));
            Long iter = int32(f.group(4));
            if (socket == null || total == null || iter == null) {
                String bad = socket == null ? "socket_id=" + f.group(2)
                        : total == null ? "total=" + f.group(3) : "iter=" + f.group(4);
                sink.malformed(i, bad + " is not a signed 32-bit number (iftask prints %d)");
                return;
            }
            sink.fact(new StarosEvent(kind, r.time(), r.localTime(), r.card(), r.process(), r.pid(), f.group(1),
                    socket.intValue(), total, iter.intValue(), null, null, msg, block.span(i)));
        } else if (msg.contains(GTPC)) {
            Matcher p = PEER.matcher(msg);
            if (!p.find()) {
                sink.malformed(i, "GTP-C path failure without its peer");
                return;
            }
            Matcher s = SERVICE.matcher(msg);
            String context = s.find() ? s.group(1) + " / " + s.group(2) : r.context();
            sink.fact(new StarosEvent(Kind.GTPC_PATH_FAILURE, r.time(), r.localTime(), r.card(), r.process(), r.pid(),
                    null, null, null, null, p.group(1), context, msg, block.span(i)));
        }
    }

    /** A {@code %d} value: null when it is not a number or does not fit a signed 32-bit int. */
    private static Long int32(String token) {
        if (!token.matches("-?\\d{1,11}")) {
            return null;
        }
        long v = Long.parseLong(token);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v;
    }
}
