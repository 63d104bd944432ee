package dev.drophound.parse.kernlog;

import dev.drophound.facts.OomReport;
import dev.drophound.parse.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of one OOM report, read into an {@link OomReport} (see {@link OomReportReader} for the report's shape
 * and the units). Tables and counts are read by their own line shapes wherever they fall in the report, so that
 * kernels that print them in another order, or leave some out, read the same.
 */
final class OomReportBuilder {

    private static final Pattern PID_LINE = Pattern.compile(
            "(?:^|\\s)(?:PID: (\\d+) Comm:|Pid: (\\d+), comm:) (.+?) (?:Kdump: loaded )?(?:Not tainted|Tainted:.*?)\\s+(\\S+) #");
    static final Pattern MEMCG_USAGE = Pattern.compile("^memory: usage (\\d+)kB, limit (\\d+)kB, failcnt (\\d+)$");
    static final Pattern TASK_IN = Pattern.compile("^Task in (\\S+) killed as a result of limit of (\\S+)$");
    private static final Pattern ZONE = Pattern.compile("^Node (\\d+) ([A-Za-z]\\w*) free:(\\d+)kB\\b(.*)$");
    private static final Pattern HUGEPAGES = Pattern.compile(
            "^Node (\\d+) hugepages_total=(\\d+) hugepages_free=(\\d+) hugepages_surp=(\\d+) hugepages_size=(\\d+)kB$");
    private static final Pattern SLAB_ROW = Pattern.compile("^(\\S+)\\s+(\\d+)KB\\s+(\\d+)KB$");
    private static final Pattern MEMINFO_TOKEN = Pattern.compile("([a-z_]+):(\\d+)");
    private static final Pattern TOTAL = Pattern.compile(
            "^(?:(\\d+) (total pagecache pages|pages in swap cache|pages RAM|pages reserved)|(Free swap|Total swap)\\s+=\\s+(\\d+)kB)$");
    static final Pattern TASK_HEADER = Pattern.compile("^\\[\\s*pid\\s*\\]\\s+(.*?)\\s+name$");
    private static final Pattern TASK_ROW_START = Pattern.compile("^\\[\\s*\\d+\\]\\s.*");
    static final Pattern KILL_CHOICE = Pattern.compile(
            "^(Memory cgroup out of memory|Out of memory(?: \\(\\w+\\))?): Kill process (\\d+) \\((.*?)\\) score (-?\\d+) or sacrifice child$");
    static final Pattern KILLED = Pattern.compile(
            "^(?:(Memory cgroup out of memory|Out of memory(?: \\(\\w+\\))?): )?Killed process (\\d+),?(?: UID \\d+,)? \\((.*?)\\) (total-vm:.*)$");
    private static final Pattern KB_FIELD = Pattern.compile("(total-vm|anon-rss|file-rss|shmem-rss):(\\d+)kB");
    private static final Pattern SCORE_ADJ = Pattern.compile("oom_score_adj:(-?\\d+)");

    private final LogContext log;
    private final int first;
    private final TreeSet<Integer> keyLines = new TreeSet<>();
    private String trigger;
    private Integer triggerPid;
    private String gfpMask;
    private Integer order;
    private String constraint;
    private String memcg;
    private OomReport.Memcg memcgUsage;
    private OomReport.Victim victim;
    private boolean noneKillable;
    private OomReport.Victim choice;
    private String kernel;
    private final Map<String, Long> memInfo = new LinkedHashMap<>();
    private final List<OomReport.Zone> zones = new ArrayList<>();
    private final List<OomReport.SlabUse> slab = new ArrayList<>();
    private final List<OomReport.Task> tasks = new ArrayList<>();
    private final List<OomReport.Hugepages> hugepages = new ArrayList<>();
    private List<String> taskColumns;
    private Pattern taskRow;

    OomReportBuilder(LogContext log, int first) {
        this.log = log;
        this.first = first;
        keyLines.add(first);
    }

    int first() {
        return first;
    }

    /** Reads the first line's {@code gfp_mask=..., order=N}; a null matcher is a first line that is cut. */
    void start(Matcher m, int i) {
        if (m == null) {
            log.sink.malformed(i, "OOM report start is not 'NAME invoked oom-killer: gfp_mask=..., order=N, ...'");
            return;
        }
        trigger = m.group(1);
        Map<String, String> kv = OomReportReader.keyValues(m.group(2), ", ");
        gfpMask = kv.get("gfp_mask");
        order = LogContext.integer(kv.get("order"));
        if (gfpMask == null || order == null) {
            log.sink.malformed(i, "OOM report start without gfp_mask=... and order=N");
        }
    }

    /** Reads line {@code i} of the report; true when it ends the report (its victim, or none to kill). */
    boolean line(int i, String t) {
        Matcher m;
        if (kernel == null && (m = PID_LINE.matcher(t)).find()) {
            String pid = m.group(1) != null ? m.group(1) : m.group(2);
            if (trigger == null || trigger.equals(m.group(3))) {
                triggerPid = LogContext.integer(pid);
                trigger = m.group(3);
            }
            kernel = m.group(4);
            keyLines.add(i);
        } else if ((m = MEMCG_USAGE.matcher(t)).matches()) {
            Long usage = LogContext.kbToBytes(m.group(1));
            Long limit = LogContext.kbToBytes(m.group(2));
            if (usage != null && limit != null) {
                memcgUsage = new OomReport.Memcg(usage, limit, Numbers.decimal(m.group(3)));
            }
            keyLines.add(i);
        } else if ((m = TASK_IN.matcher(t)).matches()) {
            memcg = m.group(2);
            keyLines.add(i);
        } else if ((m = ZONE.matcher(t)).matches()) {
            zones.add(new OomReport.Zone("node" + m.group(1), m.group(2), LogContext.kbToBytes(m.group(3)),
                    field(m.group(4), "min"), field(m.group(4), "low"), field(m.group(4), "high")));
        } else if ((m = HUGEPAGES.matcher(t)).matches()) {
            hugepages.add(new OomReport.Hugepages("node" + m.group(1), count(m.group(2)), count(m.group(3)),
                    count(m.group(4)), count(m.group(5))));
        } else if ((m = SLAB_ROW.matcher(t)).matches()) {
            slab.add(new OomReport.SlabUse(m.group(1), count(m.group(2)) * 1024, count(m.group(3)) * 1024));
        } else if ((m = TOTAL.matcher(t)).matches()) {
            total(m);
        } else if (isMemInfo(t)) {
            Matcher kv = MEMINFO_TOKEN.matcher(t);
            while (kv.find()) {
                memInfo.put(kv.group(1), count(kv.group(2)));
            }
        } else if ((m = TASK_HEADER.matcher(t)).matches()) {
            taskColumns = List.of(m.group(1).split("\\s+"));
            taskRow = Pattern.compile("^\\[\\s*(\\d+)\\]((?:\\s+-?\\d+){" + taskColumns.size() + "})\\s+(.+)$");
        } else if (taskRow != null && TASK_ROW_START.matcher(t).matches()) {
            task(i, t);
        } else if (t.startsWith("oom-kill:")) {
            Map<String, String> kv = OomReportReader.keyValues(t.substring("oom-kill:".length()), ",");
            constraint = kv.get("constraint");
            if (kv.containsKey("oom_memcg")) {
                memcg = kv.get("oom_memcg");
            }
            keyLines.add(i);
        } else if (t.startsWith("Out of memory and no killable processes")) {
            noneKillable = true;
            keyLines.add(i);
            return true;
        } else if (OomReportReader.isKillLine(t)) {
            return kill(i, t);
        }
        return false;
    }

    private boolean kill(int i, String t) {
        Matcher m;
        keyLines.add(i);
        if ((m = KILL_CHOICE.matcher(t)).matches()) {
            // the choice names whom it will kill; the "Killed process" line that follows says whom it killed
            choice = new OomReport.Victim(LogContext.integer(m.group(2)), m.group(3), null, null, null, null,
                    null);
        } else if ((m = KILLED.matcher(t)).matches()) {
            victim = new OomReport.Victim(LogContext.integer(m.group(2)), m.group(3), kb(m.group(4), "total-vm"),
                    kb(m.group(4), "anon-rss"), kb(m.group(4), "file-rss"), kb(m.group(4), "shmem-rss"),
                    scoreAdj(m.group(4)));
            return true;
        } else {
            keyLines.remove(i);
            log.sink.malformed(i, "kill line is not 'Killed process N (NAME) total-vm:..kB, anon-rss:..kB, ...'");
        }
        return false;
    }

    /** True when the report ended without saying whom it killed: the log was cut. */
    boolean cut() {
        return victim == null && !noneKillable;
    }

    private void task(int i, String t) {
        Matcher r = taskRow.matcher(t);
        if (!r.matches()) {
            log.sink.malformed(i, "task table row does not have the header's " + taskColumns.size()
                    + " numbers and a name");
            return;
        }
        String[] v = r.group(2).strip().split("\\s+");
        Map<String, Long> col = new LinkedHashMap<>();
        for (int c = 0; c < taskColumns.size(); c++) {
            Long value = Numbers.signedDecimal(v[c]);
            if (value == null) {
                log.sink.malformed(i, "task table " + taskColumns.get(c) + " is not a number");
                return;
            }
            col.put(taskColumns.get(c), value);
        }
        Integer pid = LogContext.integer(r.group(1));
        Long uid = col.get("uid");
        Long adj = col.get("oom_score_adj");
        tasks.add(new OomReport.Task(pid == null ? 0 : pid, uid == null ? null : uid.intValue(),
                col.getOrDefault("total_vm", 0L), col.getOrDefault("rss", 0L), col.get("pgtables_bytes"),
                col.get("swapents"), adj == null ? null : adj.intValue(), r.group(3).strip()));
    }

    private void total(Matcher m) {
        if (m.group(1) != null) {
            String key = switch (m.group(2)) {
                case "total pagecache pages" -> "total_pagecache_pages";
                case "pages in swap cache" -> "pages_in_swap_cache";
                case "pages RAM" -> "pages_ram";
                default -> "pages_reserved";
            };
            memInfo.put(key, count(m.group(1)));
        } else {
            memInfo.put(m.group(3).equals("Free swap") ? "free_swap_kb" : "total_swap_kb", count(m.group(4)));
        }
    }

    OomReport build() {
        List<OomReport.SlabUse> bySize = new ArrayList<>(slab);
        bySize.sort(Comparator.comparingLong(OomReport.SlabUse::usedBytes).reversed());
        List<OomReport.Task> byRss = new ArrayList<>(tasks);
        byRss.sort(Comparator.comparingLong(OomReport.Task::rssPages).reversed());
        return new OomReport(trigger, triggerPid, gfpMask, order, constraint, memcg, memcgUsage,
                victim != null ? victim : choice, memInfo, zones, bySize, byRss, hugepages, kernel,
                log.time(first), log.span(keyLines));
    }

    private static boolean isMemInfo(String t) {
        String[] tokens = t.split("\\s+");
        for (String token : tokens) {
            if (!MEMINFO_TOKEN.matcher(token).matches()) {
                return false;
            }
        }
        return tokens.length > 0 && !tokens[0].isEmpty();
    }

    /** A count the pattern already checked is digits; an absurdly long one reads as 0 rather than throwing. */
    private static long count(String digits) {
        Long v = Numbers.decimal(digits);
        return v == null ? 0 : v;
    }

    private static Long field(String rest, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + name + ":(\\d+)kB").matcher(rest);
        return m.find() ? LogContext.kbToBytes(m.group(1)) : null;
    }

    private static Long kb(String fields, String name) {
        Matcher m = KB_FIELD.matcher(fields);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return LogContext.kbToBytes(m.group(2));
            }
        }
        return null;
    }

    private static Integer scoreAdj(String fields) {
        Matcher m = SCORE_ADJ.matcher(fields);
        return m.find() ? LogContext.integer(m.group(1)) : null;
    }
}
