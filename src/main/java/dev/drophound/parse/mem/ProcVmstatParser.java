package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/vmstat} (or a grep of it): one {@link MemoryGauges} of kind {@code vmstat}, entity "", per sample.
 * <pre>
 * nr_free_pages 987454
 * nr_slab_unreclaimable 7438
 * pgscan_direct 0
 * oom_kill 0
 * </pre>
 * Lines are {@code name value}; every name is kept as printed, with its value as printed (pages for the
 * {@code nr_*} levels, events for the counters), so the names each kernel adds or drops need nothing special.
 * Values are read as signed: per-CPU drift can make a level briefly negative. A name seen again starts a new sample
 * (a loop of {@code cat /proc/vmstat}). A {@code name} followed by something that is not a number is malformed.
 * Not this format: the {@code vmstat} command ({@code vmstat 1}, {@code vmstat -s}), and /proc/zoneinfo, whose
 * lines of the same shape are indented under a zone.
 */
public final class ProcVmstatParser implements Parser {

    public static final String ID = "proc-vmstat";

    private static final Pattern LINE = Pattern.compile("^([a-z][a-z0-9_]*)\\s+(\\S+)(\\s.*)?$");
    private static final Pattern NUMBER_LINE = Pattern.compile("^[a-z][a-z0-9_]* -?\\d+\\s*$");
    /** Prefixes of /proc/vmstat names since 2.6: enough to recognise a grep of it. */
    private static final Pattern KNOWN = Pattern.compile(
            "^(?:nr_|pg|numa_|workingset_|thp_|compact_|kswapd_|slabs_scanned|allocstall|oom_kill|drop_|zone_reclaim"
                    + "|unevictable_|htlb_|balloon_|swap_ra|direct_map|pageoutrun|kcompactd|ksm_|cow_ksm|zswp)");
    private static final Pattern PATH = Pattern.compile("proc[/_-]vmstat(?![A-Za-z0-9_])");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/vmstat: the kernel's memory levels (pages) and event counters, name value per line";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/vmstat", "grep -E 'oom_kill|pgscan' /proc/vmstat", "sosreport proc/vmstat");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && PATH.matcher(nameOrCommand).find() ? 95 : 0;
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
        SnapshotText.Leading g = SnapshotText.leading(block, first, 5,
                line -> NUMBER_LINE.matcher(line).matches() && KNOWN.matcher(line).find());
        return g.allKnown() && g.known() >= 3 ? 60 : 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^nr_free_pages \\d+\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Map<String, Long> values = new LinkedHashMap<>();
        int first = -1;
        int last = -1;
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
                continue; // not a vmstat line: left to the sink
            }
            boolean ours = m.group(1).contains("_") || KNOWN.matcher(m.group(1)).find();
            Long value = Numbers.signedDecimal(m.group(2));
            if (value == null || !ours && m.group(3) != null && !m.group(3).isBlank()) {
                if (ours) {
                    sink.malformed(i, m.group(1) + " is not followed by a number");
                }
                continue; // a plain word with text after the number is prose
            }
            if (values.containsKey(m.group(1))) {
                emit(block, sink, values, first, last);
                values = new LinkedHashMap<>();
            }
            if (values.isEmpty()) {
                first = i;
            }
            values.put(m.group(1), value);
            last = i;
            sink.used(i);
        }
        emit(block, sink, values, first, last);
    }

    private static void emit(Block block, ParseSink sink, Map<String, Long> values, int first, int last) {
        if (!values.isEmpty()) {
            sink.fact(new MemoryGauges("vmstat", "", ID, values, false, block.spanRange(first, last)));
        }
    }
}
