package dev.drophound.parse.mem;

import dev.drophound.parse.NameHints;
import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/meminfo}, a grep of it ({@code grep -i huge /proc/meminfo}), and a NUMA node's
 * {@code cat /sys/devices/system/node/node0/meminfo}: one {@link MemoryGauges} of kind {@code meminfo} per sample.
 * <pre>
 * MemTotal:       24684084 kB
 * HugePages_Total:       0
 * Node 0 MemTotal:        8349908 kB
 * </pre>
 * Every {@code Name: value [kB]} line is kept under its own name, so the field set of each kernel needs nothing
 * special: 2.6.32 has no MemAvailable, 3.14+ adds it, 4.x/5.x add KReclaimable, Percpu, Cma*, 6.x SecPageTables,
 * Zswap, Android GKI ShadowCallStack and no HugePages lines. {@code kB} values become bytes (x 1024, the kernel's kB
 * are KiB); values without a unit (the {@code HugePages_*} counts) stay as printed. A node's file prefixes each line
 * with {@code Node N} and gives entity {@code nodeN}; the plain file gives entity "". A name seen again in the same
 * entity starts a new sample (a loop of {@code cat /proc/meminfo}). A known field, or a {@code kB} line, without a
 * number is malformed; other {@code Word: text} lines (prose) are left alone; text after the value (an author's
 * marker) is ignored. {@code cat: ...: No such file or directory} is the reader's message instead of data.
 */
public final class ProcMeminfoParser implements Parser {

    public static final String ID = "proc-meminfo";

    private static final Pattern LINE = Pattern.compile(
            "^\\s*(?:Node\\s+(\\d+)\\s+)?([A-Za-z][\\w()]*):\\s*(\\S+)(?:\\s+(kB))?(\\s.*)?$");
    private static final Pattern PATH = Pattern.compile("/proc/meminfo\\b|node\\d+/meminfo\\b");
    private static final Pattern FILE = Pattern.compile("(?:^|[-_.])meminfo(?:[-_.]|$)");

    /** Fields every kernel since 2.6.32 prints, or that a grep of hugepage lines keeps: enough to recognise one. */
    static final Set<String> KNOWN = Set.of("MemTotal", "MemFree", "MemAvailable", "MemUsed", "Buffers", "Cached",
            "SwapCached", "Active", "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
            "Unevictable", "Mlocked", "SwapTotal", "SwapFree", "Dirty", "Writeback", "AnonPages", "Mapped", "Shmem",
            "KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables", "SecPageTables",
            "NFS_Unstable", "Bounce", "WritebackTmp", "CommitLimit", "Committed_AS", "VmallocTotal", "VmallocUsed",
            "VmallocChunk", "Percpu", "HardwareCorrupted", "AnonHugePages", "ShmemHugePages", "ShmemPmdMapped",
            "FileHugePages", "FilePmdMapped", "CmaTotal", "CmaFree", "HugePages_Total", "HugePages_Free",
            "HugePages_Rsvd", "HugePages_Surp", "Hugepagesize", "Hugetlb", "DirectMap4k", "DirectMap2M",
            "DirectMap1G", "FilePages", "Zswap", "Zswapped", "HighTotal", "HighFree", "LowTotal", "LowFree");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/meminfo and a NUMA node's meminfo: memory by use (kB -> bytes; HugePages_* as counts)";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/meminfo", "grep -i huge /proc/meminfo", "cat /sys/devices/system/node/node0/meminfo",
                "sosreport proc/meminfo");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NameHints.isCommand(nameOrCommand)) {
            return PATH.matcher(nameOrCommand).find() ? 95 : 0;
        }
        return PATH.matcher(nameOrCommand).find() || FILE.matcher(NameHints.baseName(nameOrCommand)).find() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        if (startsOutput(block.line(first))) {
            return 95;
        }
        // a grep of meminfo: known names with numbers, at least two (or the whole block)
        SnapshotText.Leading g = SnapshotText.leading(block, first, 5, line -> {
            Matcher m = LINE.matcher(line);
            return m.matches() && KNOWN.contains(m.group(2)) && Numbers.decimal(m.group(3)) != null;
        });
        return g.known() >= 2 || g.known() == 1 && g.allKnown() ? 80 : 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^(?:Node \\d+ )?MemTotal:\\s+\\d+ kB\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Sample sample = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (SnapshotText.isReadError(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue; // not a meminfo line: left to the sink
            }
            String entity = m.group(1) == null ? "" : "node" + m.group(1);
            String name = m.group(2);
            Long value = Numbers.decimal(m.group(3));
            boolean ours = KNOWN.contains(name) || m.group(4) != null;
            if (value == null || !ours && m.group(5) != null && !m.group(5).isBlank()) {
                if (ours) {
                    sink.malformed(i, name + " has no number");
                }
                continue; // a field this list does not know is taken only when nothing follows its number
            }
            if (sample == null || !sample.entity.equals(entity) || sample.values.containsKey(name)) {
                emit(block, sink, sample);
                sample = new Sample(entity, i);
            }
            sample.values.put(name, m.group(4) != null ? value * 1024 : value);
            sample.last = i;
            sink.used(i);
        }
        emit(block, sink, sample);
    }

    private static void emit(Block block, ParseSink sink, Sample s) {
        if (s != null) {
            sink.fact(new MemoryGauges("meminfo", s.entity, ID, s.values, false, block.spanRange(s.first, s.last)));
        }
    }

    private static final class Sample {
        final String entity;
        final int first;
        int last;
        final Map<String, Long> values = new LinkedHashMap<>();

        Sample(String entity, int first) {
            this.entity = entity;
            this.first = first;
            this.last = first;
        }
    }
}
