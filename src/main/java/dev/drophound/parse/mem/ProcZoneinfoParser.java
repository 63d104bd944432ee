package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/zoneinfo}: one {@link MemoryGauges} of kind {@code zone} per zone, entity {@code node0/Normal},
 * with {@code free} (the {@code pages free} line), the watermarks {@code min}, {@code low}, {@code high}, and
 * {@code managed}, {@code present}, all in pages.
 * <pre>
 * Node 0, zone   Normal
 *   pages free     210699
 *         boost    0
 *         min      7056
 *         low      8820
 *         high     10584
 *         spanned  5505024
 *         present  5505024
 *         managed  557056
 *       nr_free_pages 210699
 *   pagesets
 *     cpu: 0
 *               high:     5544
 * </pre>
 * Every indented line under a zone header belongs to that zone's dump and is read; only the six values above are
 * kept (the per-node and per-zone {@code nr_*} counters repeat /proc/vmstat, the pagesets are per-CPU caches). Older
 * kernels lack {@code managed} (before 3.11), {@code boost} and {@code promo}, and print no {@code per-node stats}:
 * a value a kernel does not print is simply absent. The per-CPU {@code high:} has a colon and is not the watermark.
 * One of the six that is not followed by a number is malformed; the zone keeps its other values. The fact's span is
 * the zone header and the lines of its values, not the whole dump.
 */
public final class ProcZoneinfoParser implements Parser {

    public static final String ID = "proc-zoneinfo";

    private static final Pattern ZONE = Pattern.compile("^\\s*Node\\s+(\\d+),\\s+zone\\s+(\\S+)\\s*$");
    private static final Pattern VALUE = Pattern.compile("^\\s+(pages free|min|low|high|managed|present)\\s+(\\S+)\\s*$");
    private static final Pattern NAME = Pattern.compile("zoneinfo(?![A-Za-z0-9_])");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/zoneinfo: free pages and the min/low/high watermarks of each node and zone";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/zoneinfo", "sosreport proc/zoneinfo");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0 || first + 1 >= block.size() || !ZONE.matcher(block.line(first)).matches()) {
            return 0;
        }
        String next = block.line(first + 1);
        return next.matches("^\\s+(?:pages free|per-node stats)\\b.*") ? 95 : 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^Node 0, zone\\s+DMA\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Zone zone = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (SnapshotText.isReadError(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            }
            Matcher z = ZONE.matcher(line);
            if (z.matches()) {
                emit(block, sink, zone);
                zone = new Zone(SnapshotText.zone(z.group(1), z.group(2)), i);
                sink.used(i);
                continue;
            }
            if (zone == null || !Character.isWhitespace(line.charAt(0))) {
                continue; // outside a zone's dump: left to the sink
            }
            Matcher v = VALUE.matcher(line);
            if (v.matches()) {
                String name = v.group(1).equals("pages free") ? "free" : v.group(1);
                Long value = Numbers.decimal(v.group(2));
                if (value == null) {
                    sink.malformed(i, name + " is not followed by a number");
                    continue;
                }
                zone.values.put(name, value);
                zone.lines.add(i);
            }
            sink.used(i);
        }
        emit(block, sink, zone);
    }

    private static void emit(Block block, ParseSink sink, Zone z) {
        if (z != null && !z.values.isEmpty()) {
            sink.fact(new MemoryGauges("zone", z.entity, ID, z.values, false,
                    block.span(z.lines.stream().mapToInt(Integer::intValue).toArray())));
        }
    }

    private static final class Zone {
        final String entity;
        final List<Integer> lines = new ArrayList<>();
        final Map<String, Long> values = new LinkedHashMap<>();

        Zone(String entity, int header) {
            this.entity = entity;
            lines.add(header);
        }
    }
}
