package dev.drophound.parse.softnet;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.SoftnetCpu;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /proc/net/softnet_stat}: one row per online CPU of 8-digit hex columns, and the decimal form
 * articles print with {@code awk '{for (i=1; i<=NF; i++) printf strtonum("0x" $i) ...}' /proc/net/softnet_stat
 * | column -t}.
 *
 * <p>Columns (1-based): 1 processed, 2 dropped (backlog over net.core.netdev_max_backlog), 3 time_squeeze,
 * 4-8 always 0 (fields removed long ago), 9 cpu_collision, 10 received_rps (2.6.35+), 11 flow_limit_count
 * (3.11+), 12 backlog_len (a gauge) and 13 the CPU number (5.10+, RHEL8/9 backports), 14 input_qlen and
 * 15 process_qlen (6.x, gauges). So rows have 9, 10, 11, 13 or 15 columns. The CPU is column 13 when
 * printed, else the row's position, which is wrong when CPUs are offline. Counters are 32-bit (the kernel
 * keeps them in unsigned int).
 *
 * <p>Hex when every token of the first row is 8 hex digits, decimal when all are decimal; then every row
 * must be of the same kind and have the first row's column count, else it is malformed (the CPU still takes
 * its row position). Text after the last row (an article's prose) is left alone.
 */
public final class SoftnetStatParser implements Parser {

    private static final Pattern HEX8 = Pattern.compile("[0-9a-fA-F]{8}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern DECIMAL = Pattern.compile("\\d+");
    private static final Pattern NAME = Pattern.compile("softnet_stat");
    private static final String[] COUNTERS = {
        "processed", "dropped", "time_squeeze", null, null, null, null, null,
        "cpu_collision", "received_rps", "flow_limit_count", "backlog_len", null, "input_qlen", "process_qlen"};
    private static final Set<Integer> GAUGE_COLUMNS = Set.of(12, 14, 15);

    private enum Radix { HEX, DECIMAL }

    @Override
    public String id() {
        return "softnet-stat";
    }

    @Override
    public String description() {
        return "/proc/net/softnet_stat: per-CPU receive backlog drops, time squeezes and flow-limit hits";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/softnet_stat", "proc/net/softnet_stat",
                "awk '{for (i=1; i<=NF; i++) printf strtonum(\"0x\" $i) (i==NF?\"\\n\":\" \")}' /proc/net/softnet_stat"
                        + " | column -t");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NAME.matcher(nameOrCommand).find()) {
            return 95;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return base.startsWith("softnet") || nameOrCommand.contains("softnet/") ? 60 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            String[] tokens = line.strip().split("\\s+");
            if (tokens.length < 9 || tokens.length > 15) {
                return 0;
            }
            Radix radix = radix(tokens);
            if (radix == Radix.HEX) {
                return 95; // no other file is rows of 9-15 eight-digit hex words without a header
            }
            if (radix == Radix.DECIMAL && unusedColumnsZero(tokens)) {
                return 60;
            }
            return 0;
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        int last = lastRow(block);
        Radix radix = null;
        int columns = -1;
        int row = -1;
        Set<Integer> cpus = new HashSet<>();
        for (int i = 0; i <= last; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            row++;
            String[] tokens = line.strip().split("\\s+");
            Radix r = radix(tokens);
            if (radix == null && r != null && tokens.length >= 9 && tokens.length <= 15) {
                radix = r;
                columns = tokens.length;
            }
            if (radix == null) {
                sink.malformed(i, "expected 9 to 15 hexadecimal (or all decimal) values, got " + tokens.length);
                continue;
            }
            if (r != radix) {
                sink.malformed(i, radix == Radix.HEX ? "expected 8-digit hexadecimal values like the first row"
                        : "expected decimal values like the first row");
                continue;
            }
            if (tokens.length != columns) {
                sink.malformed(i, "expected " + columns + " values like the first row, got " + tokens.length);
                continue;
            }
            SoftnetCpu cpu = cpu(block, i, tokens, radix, row);
            if (cpu == null) {
                sink.malformed(i, "value out of range");
                continue;
            }
            if (cpu.cpuFromColumn() && !cpus.add(cpu.cpu())) {
                sink.warning(i, "CPU " + cpu.cpu() + " (column 13) appears in more than one row");
            }
            sink.used(i);
            sink.fact(cpu);
        }
    }

    private static SoftnetCpu cpu(Block block, int i, String[] tokens, Radix radix, int row) {
        Span span = block.span(i);
        long[] values = new long[tokens.length];
        for (int c = 0; c < tokens.length; c++) {
            Long v = radix == Radix.HEX ? Numbers.hex(tokens[c]) : Numbers.decimal(tokens[c]);
            if (v == null || v > 0xffff_ffffL) {
                return null;
            }
            values[c] = v;
        }
        boolean cpuColumn = tokens.length >= 13;
        int cpu = cpuColumn ? (int) values[12] : row;
        List<Counter> counters = new ArrayList<>();
        List<Counter> gauges = new ArrayList<>();
        for (int c = 0; c < tokens.length; c++) {
            String name = COUNTERS[c];
            if (name == null) {
                continue;
            }
            Counter counter = new Counter(SoftnetCpu.key(cpu, name), values[c], 32, span);
            (GAUGE_COLUMNS.contains(c + 1) ? gauges : counters).add(counter);
        }
        return new SoftnetCpu(cpu, cpuColumn, tokens.length, counters, gauges, span);
    }

    /** HEX if every token is 8 hex digits, DECIMAL if every token is decimal, else null. */
    private static Radix radix(String[] tokens) {
        boolean hex = true;
        boolean decimal = true;
        for (String t : tokens) {
            hex &= HEX8.matcher(t).matches();
            decimal &= DECIMAL.matcher(t).matches();
        }
        return hex ? Radix.HEX : decimal ? Radix.DECIMAL : null;
    }

    private static boolean unusedColumnsZero(String[] tokens) {
        for (int c = 3; c < 8; c++) {
            if (!tokens[c].equals("0")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last line that looks like a row (5+ tokens, nearly all hex digits), so trailing prose stays prose
     * while a damaged last row is still reported.
     */
    private static int lastRow(Block block) {
        for (int i = block.size() - 1; i >= 0; i--) {
            String[] tokens = block.line(i).strip().split("\\s+");
            int numeric = 0;
            for (String t : tokens) {
                numeric += HEX.matcher(t).matches() ? 1 : 0;
            }
            if (tokens.length >= 5 && numeric >= tokens.length - 1) {
                return i;
            }
        }
        return -1;
    }
}
