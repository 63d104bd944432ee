package dev.drophound.parse.kernlog;

import dev.drophound.facts.MemoryEvent;
import dev.drophound.facts.OomReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the OOM killer's reports, kernels 2.6.32 to 6.x: from {@code X invoked oom-killer: gfp_mask=..., order=N,
 * oom_score_adj=N} through the stack, {@code Mem-Info:} (page counts, one line or several, or one line with
 * rsyslog's {@code #012}), the per-zone {@code Node 0 Normal free:...kB min:...kB low:...kB high:...kB} lines,
 * {@code Node 0 hugepages_total=...}, the page totals, {@code Unreclaimable slab info:}, the memory cgroup's
 * {@code memory: usage ...kB, limit ...kB, failcnt N} (or {@code Task in /x killed as a result of limit of /y}),
 * the task table (any of its column sets, read by its header), {@code oom-kill:constraint=...} and the victim:
 * {@code Out of memory: Killed process ...}, {@code Memory cgroup out of memory: Killed process ...}, or the old
 * {@code Out of memory: Kill process N (x) score N or sacrifice child} followed by {@code Killed process N (x) ...}.
 *
 * <p>One {@link OomReport} per report; its span holds the lines that name what happened (the first line, the
 * {@code CPU: .. PID: .. Comm:} line, the cgroup usage, {@code oom-kill:} and the kill lines), not the tables. A
 * log that starts inside a report (the task table, {@code Memory cgroup stats for}, the cgroup usage) gives a report
 * with what is there. A report still without its victim when the log ends or the next report starts is cut: it is
 * kept and the cut is reported. Kill lines with no report around them give a {@link MemoryEvent} {@code oom-kill}.
 *
 * <p>{@code memInfo} holds the Mem-Info counts as printed (pages) plus {@code pages_ram}, {@code pages_reserved},
 * {@code total_pagecache_pages}, {@code pages_in_swap_cache} (pages) and {@code free_swap_kb},
 * {@code total_swap_kb} (kB, as their names say). Zone nodes are named {@code node0} like the zone gauges. The old
 * {@code nr_ptes} column counts page-table pages, not bytes, so it leaves {@code pgtablesBytes} null.
 */
final class OomReportReader {

    private static final Pattern START = Pattern.compile("^(.+?) invoked oom-killer: (.*)$");

    private final LogContext log;
    private OomReportBuilder report;
    /** Kill lines seen outside a report, waiting for the line that completes them. */
    private final TreeSet<Integer> pending = new TreeSet<>();

    OomReportReader(LogContext log) {
        this.log = log;
    }

    static boolean starts(LogLine line) {
        return line.text().contains(" invoked oom-killer:");
    }

    static boolean isKillLine(String t) {
        return t.startsWith("Killed process ")
                || (t.startsWith("Out of memory") || t.startsWith("Memory cgroup out of memory")) && t.contains(": Kill");
    }

    /** Implicit starts: lines only an OOM report prints, for a log that begins inside one. */
    private static boolean startsInside(String t) {
        return t.equals("Tasks state (memory values in pages):") || OomReportBuilder.TASK_HEADER.matcher(t).matches()
                || t.startsWith("Memory cgroup stats for ") || OomReportBuilder.MEMCG_USAGE.matcher(t).matches()
                || OomReportBuilder.TASK_IN.matcher(t).matches();
    }

    /** Takes line {@code i} if it belongs to a report or is a kill line; false if it is none of this reader's. */
    boolean read(int i) {
        String t = log.text(i);
        if (starts(log.lines.get(i))) {
            flushPending();
            close();
            Matcher m = START.matcher(t);
            report = new OomReportBuilder(log, i);
            report.start(m.matches() ? m : null, i);
            log.sink.used(i);
            return true;
        }
        if (report == null) {
            if (isKillLine(t) || t.startsWith("oom-kill:")) {
                return killWithoutReport(i, t);
            }
            flushPending();
            if (!startsInside(t)) {
                return false;
            }
            report = new OomReportBuilder(log, i);
        }
        log.sink.used(i);
        if (report.line(i, t)) {
            close();
        }
        return true;
    }

    /** The end of the log: a report still open was cut. */
    void finish() {
        flushPending();
        close();
    }

    private void close() {
        if (report == null) {
            return;
        }
        OomReportBuilder r = report;
        report = null;
        if (r.cut()) {
            log.sink.warning(r.first(), "OOM report cut short: no 'Killed process' line after it");
        }
        log.sink.fact(r.build());
    }

    private boolean killWithoutReport(int i, String t) {
        if (t.startsWith("Killed process") || t.contains(": Killed process")) {
            if (!OomReportBuilder.KILLED.matcher(t).matches()) {
                log.sink.malformed(i, "kill line is not 'Killed process N (NAME) total-vm:..kB, anon-rss:..kB, ...'");
                return true;
            }
            pending.add(i);
            flushPending();
            return true;
        }
        if (t.startsWith("oom-kill:")) {
            flushPending(); // a new kill starts
        } else if (!OomReportBuilder.KILL_CHOICE.matcher(t).matches()) {
            log.sink.malformed(i, "kill line is not 'Out of memory: Kill process N (NAME) score N or sacrifice child'");
            return true;
        }
        pending.add(i);
        return true;
    }

    /** The kill lines seen without a report, as one event. */
    private void flushPending() {
        if (pending.isEmpty()) {
            return;
        }
        Integer pid = null;
        String command = null;
        List<String> detail = new ArrayList<>();
        for (int i : pending) {
            String t = log.text(i);
            Matcher m;
            if (t.startsWith("oom-kill:")) {
                Map<String, String> kv = keyValues(t.substring("oom-kill:".length()), ",");
                pid = LogContext.integer(kv.get("pid"));
                command = kv.get("task");
                detail.add(describeConstraint(kv));
            } else if ((m = OomReportBuilder.KILL_CHOICE.matcher(t)).matches()) {
                pid = LogContext.integer(m.group(2));
                command = m.group(3);
                detail.add(m.group(1) + ", score " + m.group(4));
            } else if ((m = OomReportBuilder.KILLED.matcher(t)).matches()) {
                pid = LogContext.integer(m.group(2));
                command = m.group(3);
                if (m.group(1) != null) {
                    detail.add(m.group(1));
                }
                detail.add(m.group(4));
            }
        }
        for (int i : pending) {
            log.sink.used(i);
        }
        log.sink.fact(new MemoryEvent("oom-kill", pid, command, null, String.join("; ", detail),
                log.time(pending.first()), log.span(pending)));
        pending.clear();
    }

    private static String describeConstraint(Map<String, String> kv) {
        StringBuilder s = new StringBuilder("constraint=" + kv.getOrDefault("constraint", "?"));
        if (kv.containsKey("oom_memcg")) {
            s.append(", oom_memcg=").append(kv.get("oom_memcg"));
        }
        if (kv.containsKey("task_memcg")) {
            s.append(", task_memcg=").append(kv.get("task_memcg"));
        }
        return s.toString();
    }

    /** {@code a=1,b=2,flag} split on the separator; tokens without '=' are kept with an empty value. */
    static Map<String, String> keyValues(String s, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : s.split(separator)) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(p.substring(0, eq), p.substring(eq + 1));
            } else if (!p.isEmpty()) {
                out.putIfAbsent(p, "");
            }
        }
        return out;
    }
}
