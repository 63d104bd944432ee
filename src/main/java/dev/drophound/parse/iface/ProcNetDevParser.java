package dev.drophound.parse.iface;

import dev.drophound.evidence.Block;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.Span;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code cat /proc/net/dev}: two header lines ({@code Inter-|   Receive ... |  Transmit} and
 * {@code  face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls
 * carrier compressed}), then one line per interface.
 *
 * <p>Columns are taken from the second header by name, not by position, so a kernel that adds or moves one
 * is still read right; a column this parser does not know is kept as {@code rx_<name>} / {@code tx_<name>}
 * with a warning. Without a header (e.g. {@code grep eth0 /proc/net/dev}) the layout the kernel has printed
 * since 2.6 is assumed, and only for lines with exactly its 16 values.
 *
 * <p>The kernel sums some fields into one column (dev_seq_printf_stats): "drop" is rx_dropped +
 * rx_missed_errors, "frame" is length+over+crc+frame errors, "carrier" is carrier+aborted+window+heartbeat
 * errors; those get the composite names of {@link IfStat}. The name is everything before the first colon
 * (kernel names cannot hold one) and may hold {@code .}, {@code -} or {@code @}; old kernels printed
 * {@code %6s:%8lu}, gluing a long counter to the colon ({@code eth0:1234567890}), which needs no special case.
 * Annotations after the 16 values are ignored; a line with fewer values or a non-number is reported as
 * malformed and skipped, other lines are kept.
 */
public final class ProcNetDevParser implements Parser {

    public static final String ID = "proc-net-dev";

    private static final Pattern NAME = Pattern.compile(
            "(?<![A-Za-z0-9])proc[/_-]net[/_-]dev(?![A-Za-z0-9]|[_-](?:snmp6|mcast))");
    private static final Pattern DATA_LINE = Pattern.compile("^\\s*[^\\s:/]{1,15}:\\s*\\d.*");
    private static final Pattern HEADERLESS_LINE = Pattern.compile("^\\s*[^\\s:/]{1,15}:\\s*\\d+(\\s+\\d+){15}\\s*$");
    /** The columns of every kernel since 2.6, used only when the block has no header. */
    private static final List<String> RX_DEFAULT = List.of(
            "bytes", "packets", "errs", "drop", "fifo", "frame", "compressed", "multicast");
    private static final List<String> TX_DEFAULT = List.of(
            "bytes", "packets", "errs", "drop", "fifo", "colls", "carrier", "compressed");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Per-interface counters from /proc/net/dev (drop = rx_dropped + rx_missed_errors)";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/dev", "proc/net/dev");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.mentions(nameOrCommand, NAME) ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < Math.min(block.size(), 10); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (startsOutput(line) || isColumnHeader(line)) {
                return 98;
            }
            // a bare interface line with the 16 numbers is nearly as telling
            return HEADERLESS_LINE.matcher(line).matches() ? 50 : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        String s = line.strip();
        return s.startsWith("Inter-|") && s.contains("Receive");
    }

    private static boolean isColumnHeader(String line) {
        String s = line.strip();
        return s.startsWith("face |") && s.contains("bytes") && s.indexOf('|', 6) > 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<String> columns = null; // "rx bytes", ..., "tx compressed"
        int header = -1;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (startsOutput(line)) {
                sink.used(i);
            } else if (isColumnHeader(line)) {
                columns = columns(block, i, sink);
                header = i;
                sink.used(i);
            } else if (DATA_LINE.matcher(line).matches()) {
                if (columns == null) {
                    if (!HEADERLESS_LINE.matcher(line).matches()) {
                        sink.malformed(i, "interface line without the column header and without the usual 16 values");
                        continue;
                    }
                    columns = prefixed(RX_DEFAULT, TX_DEFAULT);
                }
                readInterface(block, i, header, columns, sink);
            }
        }
    }

    private static List<String> columns(Block block, int index, ParseSink sink) {
        String[] parts = block.line(index).split("\\|");
        if (parts.length != 3) {
            sink.warning(index, "column header without the Receive and Transmit groups, assuming the usual columns");
            return prefixed(RX_DEFAULT, TX_DEFAULT);
        }
        List<String> columns = prefixed(words(parts[1]), words(parts[2]));
        for (String c : columns) {
            if (counterName(c) == null) {
                sink.warning(index, "unknown column '" + c.substring(3) + "' kept as counter '"
                        + c.replace(' ', '_') + "'");
            }
        }
        return columns;
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    private static List<String> prefixed(List<String> rx, List<String> tx) {
        List<String> out = new ArrayList<>();
        rx.forEach(c -> out.add("rx " + c));
        tx.forEach(c -> out.add("tx " + c));
        return out;
    }

    private static void readInterface(Block block, int i, int header, List<String> columns, ParseSink sink) {
        String line = block.line(i);
        int colon = line.indexOf(':');
        String iface = line.substring(0, colon).strip();
        String[] tokens = line.substring(colon + 1).strip().split("\\s+");
        long[] values = new long[columns.size()];
        int count = 0;
        while (count < columns.size() && count < tokens.length) {
            Long v = Numbers.decimal(tokens[count]);
            if (v == null) {
                break;
            }
            values[count++] = v;
        }
        if (count < columns.size()) {
            sink.malformed(i, count < tokens.length
                    ? "value " + (count + 1) + " of " + iface + " is not a number: '" + tokens[count] + "'"
                    : "expected " + columns.size() + " values after " + iface + ":, got " + count);
            return;
        }
        Span span = header >= 0 ? block.span(header, i) : block.span(i);
        CounterList counters = new CounterList(iface);
        for (int c = 0; c < columns.size(); c++) {
            String name = counterName(columns.get(c));
            counters.add(name != null ? name : columns.get(c).replace(' ', '_'), values[c], span);
        }
        sink.used(i);
        counters.emit(sink, ID);
    }

    /** The IfStat name of a column ({@code "rx drop"}), or null if unknown. */
    static String counterName(String column) {
        return switch (column) {
            case "rx bytes" -> IfStat.RX_BYTES;
            case "rx packets" -> IfStat.RX_PACKETS;
            case "rx errs" -> IfStat.RX_ERRORS;
            case "rx drop" -> IfStat.RX_DROPPED_AND_MISSED;
            case "rx fifo" -> IfStat.RX_FIFO;
            case "rx frame" -> IfStat.RX_FRAME_ALL;
            case "rx compressed" -> "rx_compressed";
            case "rx multicast" -> IfStat.MULTICAST;
            case "tx bytes" -> IfStat.TX_BYTES;
            case "tx packets" -> IfStat.TX_PACKETS;
            case "tx errs" -> IfStat.TX_ERRORS;
            case "tx drop" -> IfStat.TX_DROPPED;
            case "tx fifo" -> IfStat.TX_FIFO;
            case "tx colls" -> IfStat.COLLISIONS;
            case "tx carrier" -> IfStat.TX_CARRIER_ALL;
            case "tx compressed" -> "tx_compressed";
            default -> null;
        };
    }
}
