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
 * {@code cat /proc/buddyinfo}: free blocks of each order per zone, one {@link MemoryGauges} of kind {@code buddy} per
 * line, entity {@code node0/Normal}, names {@code order0} .. {@code orderN}.
 * <pre>
 * Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3
 * Node 0, zone   Normal   2962   2792   1824   1192    303    126     49     26     20     14    154
 * </pre>
 * The number of orders is the kernel's MAX_ORDER (11 on x86 with 4 KiB pages, other counts on arm64 with 16 or
 * 64 KiB pages): as many as the first line has. A value that is not a number, or fewer orders than the first line
 * (a cut line), makes the line malformed; the other lines are kept. Not this format: the "Number of blocks type" table at the end of /proc/pagetypeinfo, whose rows have
 * the same start but come after its own headers, and the OOM report's {@code Node 0 Normal: 12*4kB ...} lines.
 */
public final class ProcBuddyinfoParser implements Parser {

    public static final String ID = "proc-buddyinfo";

    private static final Pattern LINE = Pattern.compile("^\\s*Node\\s+(\\d+),\\s+zone\\s+(\\S+)((?:\\s+\\S+)+)\\s*$");
    private static final Pattern FIRST = Pattern.compile("^\\s*Node\\s+\\d+,\\s+zone\\s+\\S+(?:\\s+\\d+){4,}\\s*$");
    private static final Pattern NAME = Pattern.compile("buddyinfo(?![A-Za-z0-9_])");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/buddyinfo: free blocks of each order (2^n pages) per node and zone, for fragmentation";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/buddyinfo", "sosreport proc/buddyinfo");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        return first >= 0 && FIRST.matcher(block.line(first)).matches() ? 95 : 0;
    }

    /**
     * Only the first zone of a usual listing, with every order: a row of pagetypeinfo's block counts has 5 or 6.
     * Compiled once: it is tried on every line of every input.
     */
    private static final Pattern HEADER_LINE = Pattern.compile("^Node 0, zone\\s+DMA(?:\\s+\\d+){9,}\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        int orders = 0; // every zone has the same orders: a line with fewer was cut
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (SnapshotText.isReadError(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue; // not a buddyinfo line: left to the sink
            }
            String[] counts = m.group(3).strip().split("\\s+");
            Map<String, Long> values = new LinkedHashMap<>();
            for (int order = 0; order < counts.length; order++) {
                Long v = Numbers.decimal(counts[order]);
                if (v == null) {
                    values = null;
                    sink.malformed(i, "the count of order " + order + " is not a number: " + counts[order]);
                    break;
                }
                values.put("order" + order, v);
            }
            if (values != null && orders > 0 && values.size() != orders) {
                sink.malformed(i, "expected " + orders + " orders as on the lines above, got " + values.size());
                values = null;
            }
            if (values != null) {
                orders = values.size();
                sink.used(i);
                sink.fact(new MemoryGauges("buddy", SnapshotText.zone(m.group(1), m.group(2)), ID, values, false,
                        block.span(i)));
            }
        }
    }
}
