package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch snapshot of {@code top}: {@code top -b -n1} of procps-ng (any {@code -E}/{@code -e} scaling) and
 * {@code busybox top -b -n1}.
 *
 * <pre>
 * MiB Mem :  24105.6 total,  23075.0 free,    515.2 used,    823.1 buff/cache
 * MiB Swap:      0.0 total,      0.0 free,      0.0 used.  23590.4 avail Mem
 *
 *     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
 *       2 root      20   0  153204  75120   5800 S   0.0   0.3   0:00.04 python3
 * </pre>
 *
 * The process table gives one {@link ProcessMemory} per row (procps: RES -> rss, VIRT -> vsz; busybox: VSZ only), in
 * bytes; sizes are KiB or carry a scale suffix ({@code 73.4m}, busybox {@code 149m}). The command is top's COMMAND:
 * procps prints the program name (kept whole, spaces included), or with {@code -c} the command line, of which the
 * program is kept when the block's command line shows {@code -c} (else COMMAND is kept as printed); busybox prints
 * the command line, of which the program is kept. The memory summary is one {@link MemoryGauges} of kind {@code meminfo} per snapshot, named as
 * {@code free}'s are (total -> MemTotal, free -> MemFree, used -> Used, buff/cache -> BuffCache, avail Mem ->
 * MemAvailable, Swap total/free -> SwapTotal/SwapFree; busybox shrd -> Shmem, buff -> Buffers, cached -> Cached), in
 * bytes, approximate when top printed MiB or larger units with one decimal. The other summary lines (uptime, tasks,
 * CPU, load) are read and not kept. A row with too few values or a non-numeric PID or size is malformed.
 */
public final class TopParser implements Parser {

    public static final String ID = "top";

    private static final Pattern PROCPS_HEADER = Pattern.compile("^\\s*PID\\s+USER\\s+.*\\bCOMMAND\\s*$");
    private static final Pattern BUSYBOX_HEADER = Pattern.compile("^\\s*PID\\s+PPID\\s+USER\\s+STAT\\s+VSZ\\s+%VSZ\\s.*COMMAND\\s*$");
    private static final Pattern MEMORY = Pattern.compile("^\\s*(?:([KMGTPE]iB)\\s+)?(Mem|Swap)\\s*:\\s*(.*)$");
    private static final Pattern PAIR = Pattern.compile("^([\\d.]+)([kKmMgG]?)\\s+([a-zA-Z/]+(?: Mem)?)\\.?$");
    private static final Pattern OTHER_SUMMARY = Pattern.compile(
            "^\\s*(?:top - .*|Tasks:.*|Threads:.*|%Cpu.*|CPU:.*|Load average:.*)$");
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s|;&/])top(?:\\s|$)");
    private static final Pattern CMDLINE_OPTION = Pattern.compile("\\stop\\s(?:.*\\s)?-\\w*c");
    private static final Pattern FILE = Pattern.compile("(?i)(?:^|[-_.])top(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "top -b snapshot: process table (RES, VIRT) and the memory summary";
    }

    @Override
    public List<String> examples() {
        return List.of("top -b -n1", "top -b -n1 -E g -e m", "busybox top -b -n1");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.commandOrFile(nameOrCommand, COMMAND, FILE);
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size() && i < 10; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            String t = line.strip();
            if (t.startsWith("top - ") && t.contains(" load average: ")) {
                return 95;
            }
            // busybox top starts with its Mem: line, then CPU: and Load average:
            if (t.startsWith("Mem: ") && t.contains(" used, ") && t.contains(" shrd, ")) {
                return 95;
            }
            return PROCPS_HEADER.matcher(line).matches() && t.contains(" RES ") ? 80 : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("top - ") && line.contains(" load average: ");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        boolean commandLine = block.command() != null && CMDLINE_OPTION.matcher(" " + block.command()).find();
        Table table = null;
        Summary summary = new Summary();
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher mem = MEMORY.matcher(line);
            boolean snapshot = line.strip().startsWith("top - ") || mem.matches() && table != null;
            if (snapshot) {
                summary.flush(block, sink); // the next snapshot of top -n2 (procps: "top - ", busybox: "Mem:")
                table = null;
            }
            if (mem.matches()) {
                if (!summary.read(mem)) {
                    sink.malformed(i, "expected NUMBER LABEL pairs, e.g. '24105.6 total, 23075.0 free'");
                    continue;
                }
                summary.from = summary.from < 0 ? i : summary.from;
                summary.to = i;
                sink.used(i);
            } else if (OTHER_SUMMARY.matcher(line).matches()) {
                sink.used(i);
            } else if (BUSYBOX_HEADER.matcher(line).matches() || PROCPS_HEADER.matcher(line).matches()) {
                table = new Table(List.of(line.strip().split("\\s+")), BUSYBOX_HEADER.matcher(line).matches() || commandLine);
                sink.used(i);
            } else if (table != null) {
                row(block, sink, i, table);
            }
        }
        summary.flush(block, sink);
    }

    /** The memory summary of one snapshot, as meminfo names in bytes. */
    private static final class Summary {
        final Map<String, Long> values = new LinkedHashMap<>();
        boolean approximate;
        int from = -1;
        int to = -1;

        /** Reads the NUMBER LABEL pairs of a Mem or Swap line; false if a pair is not one. */
        boolean read(Matcher mem) {
            String unit = mem.group(1);
            boolean swap = mem.group(2).equals("Swap");
            Map<String, Long> read = new LinkedHashMap<>();
            for (String part : mem.group(3).strip().split("(?:,|\\.)\\s+")) {
                Matcher p = PAIR.matcher(part.strip());
                String scale = unit != null ? unit.substring(0, 1) : p.matches() ? p.group(2) : "";
                Long bytes = p.matches() ? ProcessColumns.bytes(p.group(1) + scale) : null;
                if (bytes == null) {
                    return false;
                }
                String name = name(p.group(3), swap);
                if (name != null) {
                    read.put(name, bytes);
                }
            }
            values.putAll(read);
            approximate |= unit != null && !unit.equals("KiB");
            return true;
        }

        void flush(Block block, ParseSink sink) {
            if (!values.isEmpty()) {
                sink.fact(new MemoryGauges("meminfo", "", ID, values, approximate, block.spanRange(from, to)));
            }
            values.clear();
            approximate = false;
            from = -1;
            to = -1;
        }
    }

    private static String name(String label, boolean swap) {
        return switch (label) {
            case "total" -> swap ? "SwapTotal" : "MemTotal";
            case "free" -> swap ? "SwapFree" : "MemFree";
            case "used" -> swap ? null : "Used";
            case "buff/cache" -> "BuffCache";
            case "avail Mem" -> "MemAvailable";
            case "shrd" -> "Shmem";
            case "buff", "buffers" -> "Buffers";
            case "cached", "cached Mem" -> "Cached";
            default -> null;
        };
    }

    private static void row(Block block, ParseSink sink, int i, Table t) {
        List<String> v = ProcessColumns.split(block.line(i), t.titles.size(), t.command);
        if (v == null) {
            sink.malformed(i, "expected " + t.titles.size() + " columns: " + String.join(" ", t.titles));
            return;
        }
        Long pid = Numbers.decimal(v.get(t.pid));
        Long rss = t.rss < 0 ? null : ProcessColumns.bytes(v.get(t.rss));
        Long vsz = t.vsz < 0 ? null : ProcessColumns.bytes(v.get(t.vsz));
        if (pid == null || pid > Integer.MAX_VALUE || t.rss >= 0 && rss == null || t.vsz >= 0 && vsz == null) {
            sink.malformed(i, "PID, RES and VIRT (VSZ) must be sizes");
            return;
        }
        String command = t.command < 0 ? null
                : t.args ? ProcessColumns.program(v.get(t.command)) : v.get(t.command);
        sink.used(i);
        sink.fact(new ProcessMemory(pid.intValue(), command, t.user < 0 ? null : v.get(t.user), rss, vsz, null,
                block.span(i)));
    }

    /** Where each wanted column of a top header is (-1: absent), and whether COMMAND is a command line. */
    private static final class Table {
        final List<String> titles;
        final int pid;
        final int user;
        final int rss;
        final int vsz;
        final int command;
        final boolean args;

        Table(List<String> titles, boolean args) {
            this.titles = titles;
            this.args = args;
            pid = titles.indexOf("PID");
            user = titles.indexOf("USER");
            rss = titles.indexOf("RES");
            vsz = titles.contains("VIRT") ? titles.indexOf("VIRT") : titles.indexOf("VSZ");
            command = titles.indexOf("COMMAND");
        }
    }
}
