package dev.drophound.parse.mem;

import dev.drophound.parse.NameHints;
import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code free} (procps and busybox), in every unit option: one {@link MemoryGauges} of kind {@code meminfo} per table,
 * in bytes, with the names of /proc/meminfo.
 * <pre>
 *                total        used        free      shared  buff/cache   available
 * Mem:            23Gi       361Mi        22Gi       8.7Mi       1.2Gi        23Gi
 * Swap:             0B          0B          0B
 * </pre>
 * Variants: procps-ng 3.3+/4.x ({@code buff/cache available}; {@code -w} splits it into {@code buffers cache}),
 * procps 3.2 and older ({@code buffers cached}, then a {@code -/+ buffers/cache:} row), busybox (the new header, and
 * {@code -h} as {@code 23.5G}). Columns are read from the header: total -> MemTotal, used -> Used, free -> MemFree,
 * shared -> Shmem, buff/cache -> BuffCache, available -> MemAvailable, buffers -> Buffers, cached -> Cached, and
 * {@code -w}'s cache -> Cache, which is Cached + SReclaimable (procps-ng 3.3.10+), so not meminfo's Cached; with
 * {@code -w}, BuffCache is buffers + cache, as the narrow table would print it. Used is the tool's: total - available
 * in procps-ng 4, total - free - buff/cache in 3.3, and buffers and cache included in the old format. Rows: Swap: ->
 * SwapTotal, SwapFree; {@code -l}'s Low: and High: -> LowTotal, LowFree, HighTotal, HighFree; {@code -v}'s Comm: ->
 * CommitLimit, Committed_AS. Columns the tool derives from the others (Swap used, the {@code -/+ buffers/cache:} row,
 * {@code -t}'s Total: row, Comm's third column) are read but not kept. Without a header ({@code free | grep Mem:})
 * only total, used, free and shared are kept: the columns after those differ between versions.
 *
 * <p>Units: the values carry none except with {@code -h}, so the unit comes from the command or the file name
 * ({@code free -m}, {@code free-m.txt}, {@code sos_commands/memory/free_-m}; KiB when nothing says): -b bytes,
 * -k KiB, -m MiB, -g GiB, --kilo/--mega/--giga/--tera (and --si with a letter) powers of 1000. With -h each value has
 * its suffix: {@code Ki Mi Gi Ti} (procps-ng 3.3.11+), {@code K M G T} (older procps-ng, busybox: powers of 1024,
 * but of 1000 under --si), {@code B} bytes, and a bare number (busybox's {@code 0}) is bytes. Tables in MiB and
 * above, and {@code -h} ones, are marked approximate. Several tables ({@code free -s 1 -c 3}) give one fact each.
 * A row with a value that is not a number, or fewer values than columns, is malformed; the tool's messages
 * ({@code free: Memory information file /proc/meminfo does not exist}) are kept as such.
 */
public final class FreeParser implements Parser {

    public static final String ID = "free";

    private static final Pattern HEADER = Pattern.compile("^\\s*total\\s+used\\s+free(?:\\s+\\S+)*\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\s*(Mem|Low|High|Swap|Total|Comm|-/\\+ buffers/cache):(.*)$");
    private static final Pattern MESSAGE = Pattern.compile(
            "^\\s*(free: .*(?:/proc/meminfo|option|[Uu]nable|can't|cannot).*)$");
    static final Pattern COMMAND = Pattern.compile(
            "(?:^|[;|&(]\\s*|\\b(?:sudo|busybox|watch|time|do|then|exec)\\s+(?:-\\S+\\s+)*)(?:/\\S*/)?free(?:\\s|$)");
    /**
     * {@code free.txt}, {@code free-h.before.txt}, sosreport's {@code free_-m}, {@code free-kb-old-format...}: after
     * "free" comes an end, an extension, or an option or tag; not a word such as {@code free_bitmap_enable}. A
     * lookahead, so that the match ends after "free" and {@link FreeUnits} reads the options that follow.
     */
    static final Pattern FILE = Pattern.compile("^(?:busybox[-_])?free(?=$|\\.|[-_]+(?:-?[bkmgthwlsvc]{1,3}|\\d+|si|mega|kilo"
            + "|giga|before|after|start|end|mid|plateau|new|old|output)(?:[-_.]|$))");
    private static final List<String> NO_HEADER = List.of("total", "used", "free", "shared");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "free (procps old and new, busybox; -b/-k/-m/-g/-h/--si/-w/-t/-l/-v): RAM and swap in bytes";
    }

    @Override
    public List<String> examples() {
        return List.of("free -m", "free -h", "free", "free -w", "busybox free", "sosreport sos_commands/memory/free");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NameHints.isCommand(nameOrCommand)) {
            return COMMAND.matcher(nameOrCommand).find() ? 95 : 0;
        }
        return FILE.matcher(NameHints.baseName(nameOrCommand)).find() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first);
        if (startsOutput(line)) {
            return 95;
        }
        // a grep of the table: "Mem:" followed by numbers
        Matcher m = ROW.matcher(line);
        return m.matches() && m.group(1).equals("Mem") && m.group(2).strip().matches("(?:\\d\\S*\\s+){2,}\\d\\S*") ? 70 : 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^\\s*total\\s+used\\s+free\\s+shared\\s+(?:buff/cache|buffers)\\b.*");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        FreeUnits units = FreeUnits.of(block.nameOrCommand());
        Table table = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (HEADER.matcher(line).matches()) {
                emit(block, sink, table);
                table = new Table(List.of(line.strip().split("\\s+")), i);
                sink.used(i);
                continue;
            }
            Matcher message = MESSAGE.matcher(line);
            if (message.matches()) {
                sink.toolMessage(i, message.group(1).strip());
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue; // not part of the table: left to the sink
            }
            String rest = m.group(2).strip();
            if (rest.startsWith("free: ")) {
                sink.toolMessage(i, rest); // busybox: the row's label on stdout, then its error on stderr
                continue;
            }
            if (table == null || table.values.containsKey(firstName(m.group(1)))) {
                emit(block, sink, table);
                table = new Table(NO_HEADER, i);
            }
            readRow(block, sink, i, m.group(1), rest.isEmpty() ? new String[0] : rest.split("\\s+"), table, units);
        }
        emit(block, sink, table);
    }

    private static void readRow(Block block, ParseSink sink, int i, String row, String[] tokens, Table table,
            FreeUnits units) {
        List<String> columns = switch (row) {
            case "Mem" -> table.columns;
            case "-/+ buffers/cache" -> List.of("used", "free");
            default -> table.columns.subList(0, Math.min(3, table.columns.size()));
        };
        boolean headerless = table.columns == NO_HEADER;
        int expected = headerless ? Math.min(columns.size(), 3) : columns.size();
        if (tokens.length < expected) {
            sink.malformed(i, "expected " + expected + " values after " + row + ":, got " + tokens.length);
            return;
        }
        for (String t : tokens) {
            table.human |= t.matches("[\\d.,]+[A-Za-z]+"); // busybox -h prints a bare 0 beside 23.5G
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (int c = 0; c < Math.min(tokens.length, columns.size()); c++) {
            Long bytes = units.bytes(tokens[c], table.human);
            if (bytes == null) {
                sink.malformed(i, "the " + columns.get(c) + " column of " + row + ": is not a size: " + tokens[c]);
                return;
            }
            String name = name(row, columns.get(c));
            if (name != null) {
                values.put(name, bytes);
            }
            table.approximate |= table.human || units.rounds(tokens[c]);
        }
        if (row.equals("Mem") && values.containsKey("Buffers") && values.containsKey("Cache")
                && !values.containsKey("BuffCache")) {
            values.put("BuffCache", values.get("Buffers") + values.get("Cache"));
        }
        table.values.putAll(values);
        table.last = i;
        sink.used(i);
    }

    /** The name the row's first kept value gets: a second Mem: or Swap: row starts a new table. */
    private static String firstName(String row) {
        return switch (row) {
            case "Mem" -> "MemTotal";
            case "Swap" -> "SwapTotal";
            case "Low" -> "LowTotal";
            case "High" -> "HighTotal";
            case "Comm" -> "CommitLimit";
            default -> "";
        };
    }

    /** The meminfo name of a row's column, or null for a column the tool derives from the others. */
    private static String name(String row, String column) {
        return switch (row) {
            case "Mem" -> switch (column) {
                case "total" -> "MemTotal";
                case "used" -> "Used";
                case "free" -> "MemFree";
                case "shared" -> "Shmem";
                case "buff/cache" -> "BuffCache";
                case "available" -> "MemAvailable";
                case "buffers" -> "Buffers";
                case "cached" -> "Cached";
                case "cache" -> "Cache";
                default -> null;
            };
            case "Swap", "Low", "High" -> switch (column) {
                case "total" -> row + "Total";
                case "free" -> row + "Free";
                default -> null;
            };
            case "Comm" -> switch (column) {
                case "total" -> "CommitLimit";
                case "used" -> "Committed_AS";
                default -> null;
            };
            default -> null;
        };
    }

    private static void emit(Block block, ParseSink sink, Table t) {
        if (t != null && !t.values.isEmpty()) {
            sink.fact(new MemoryGauges("meminfo", "", ID, t.values, t.approximate, block.spanRange(t.first, t.last)));
        }
    }

    private static final class Table {
        final List<String> columns;
        final int first;
        int last;
        boolean approximate;
        boolean human;
        final Map<String, Long> values = new LinkedHashMap<>();

        Table(List<String> columns, int first) {
            this.columns = columns;
            this.first = first;
            this.last = first;
        }
    }
}
