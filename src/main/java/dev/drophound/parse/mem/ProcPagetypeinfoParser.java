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
 * {@code cat /proc/pagetypeinfo} (root only since 5.x): free blocks of each order per zone and migrate type, one
 * {@link MemoryGauges} of kind {@code buddy} per row of the free-pages table, entity {@code node0/Normal/Movable},
 * names {@code order0} .. {@code orderN} from the table's header.
 * <pre>
 * Page block order: 9
 * Pages per block:  512
 *
 * Free pages count per migrate type at order       0      1      2 ...     10
 * Node    0, zone   Normal, type      Movable   2721   2092   1337 ...    154
 *
 * Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate
 * Node 0, zone   Normal           92          950           46            0            0
 * </pre>
 * Since 5.5 the kernel stops counting a list at 100000 and prints {@code >100000}: that count is kept as 100000 and
 * the fact is marked approximate. The block-count tables ({@code Number of blocks type}, and {@code Number of mixed
 * blocks} with page_owner) and the two settings lines are read but not kept. A row whose counts are not numbers,
 * or fewer or more than its header has, is malformed; the other rows are kept. {@code cat: /proc/pagetypeinfo:
 * Permission denied} is the reader's message instead of data.
 */
public final class ProcPagetypeinfoParser implements Parser {

    public static final String ID = "proc-pagetypeinfo";

    private static final Pattern FREE_HEADER = Pattern.compile("^\\s*Free pages count per migrate type at order((?:\\s+\\d+)+)\\s*$");
    private static final Pattern BLOCKS_HEADER = Pattern.compile("^\\s*Number of (?:mixed )?blocks(?: type)?((?:\\s+\\S+)+)\\s*$");
    private static final Pattern SETTING = Pattern.compile("^\\s*(?:Page block order|Pages per block):\\s+\\d+\\s*$");
    private static final Pattern FREE_ROW = Pattern.compile(
            "^\\s*Node\\s+(\\d+),\\s+zone\\s+(\\S+),\\s+type\\s+(\\S+)((?:\\s+\\S+)*)\\s*$");
    private static final Pattern BLOCKS_ROW = Pattern.compile("^\\s*Node\\s+\\d+,\\s+zone\\s+\\S+((?:\\s+\\S+)*)\\s*$");
    private static final Pattern NAME = Pattern.compile("pagetypeinfo(?![A-Za-z0-9_])");
    private static final long CAP = 100000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/pagetypeinfo: free blocks of each order per zone and migrate type (Movable, Unmovable, ...)";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/pagetypeinfo", "sosreport proc/pagetypeinfo");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first);
        return startsOutput(line) ? 95 : FREE_HEADER.matcher(line).matches() ? 90 : 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^Page block order: \\d+\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        int freeHeader = -1; // index of the header the next rows belong to
        int columns = 0;
        boolean blocksTable = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (SnapshotText.isReadError(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            }
            if (SETTING.matcher(line).matches()) {
                sink.used(i);
                continue;
            }
            Matcher h = FREE_HEADER.matcher(line);
            if (h.matches()) {
                freeHeader = i;
                columns = h.group(1).strip().split("\\s+").length;
                blocksTable = false;
                sink.used(i);
                continue;
            }
            Matcher b = BLOCKS_HEADER.matcher(line);
            if (b.matches()) {
                columns = b.group(1).strip().split("\\s+").length;
                blocksTable = true;
                sink.used(i);
                continue;
            }
            Matcher r = FREE_ROW.matcher(line);
            if (r.matches() && freeHeader >= 0 && !blocksTable) {
                freeRow(block, sink, i, freeHeader, columns, r);
                continue;
            }
            Matcher n = BLOCKS_ROW.matcher(line);
            if (n.matches() && blocksTable) {
                String[] t = n.group(1).strip().split("\\s+");
                if (t.length != columns || !java.util.Arrays.stream(t).allMatch(x -> Numbers.decimal(x) != null)) {
                    sink.malformed(i, "expected " + columns + " block counts, got \"" + n.group(1).strip() + "\"");
                } else {
                    sink.used(i);
                }
            }
        }
    }

    private static void freeRow(Block block, ParseSink sink, int i, int header, int columns, Matcher r) {
        String counts = r.group(4).strip();
        String[] t = counts.isEmpty() ? new String[0] : counts.split("\\s+");
        if (t.length != columns) {
            sink.malformed(i, "expected " + columns + " counts as in the header, got " + t.length);
            return;
        }
        Map<String, Long> values = new LinkedHashMap<>();
        boolean capped = false;
        for (int order = 0; order < t.length; order++) {
            boolean over = t[order].startsWith(">");
            Long v = Numbers.decimal(over ? t[order].substring(1) : t[order]);
            if (v == null) {
                sink.malformed(i, "the count of order " + order + " is not a number: " + t[order]);
                return;
            }
            capped |= over;
            values.put("order" + order, over ? Math.max(v, CAP) : v);
        }
        sink.used(i);
        String entity = SnapshotText.zone(r.group(1), r.group(2)) + "/" + r.group(3);
        sink.fact(new MemoryGauges("buddy", entity, ProcPagetypeinfoParser.ID, values, capped, block.span(header, i)));
    }
}
