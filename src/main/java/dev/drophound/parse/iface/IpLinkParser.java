package dev.drophound.parse.iface;

import dev.drophound.evidence.Block;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.InterfaceState;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of {@code ip -s link}, {@code ip -s -s link}, {@code ip -s addr} (each also with
 * {@code show dev IF}) and, without counters, {@code ip link}, {@code ip addr}, {@code ip -d link}.
 *
 * <p>Each interface starts with {@code 4: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc pfifo_fast
 * state UP mode DEFAULT group default qlen 1000}, read into an {@link InterfaceState}. A name printed as
 * {@code v04a@if2} or {@code eth0.100@eth0} names the interface before the last {@code @} (the rest is its
 * peer or parent), as {@code /proc/net/dev} and {@code ip -j} name it.
 *
 * <p>Counters come in pairs of rows: a header row ({@code RX:  bytes packets errors dropped  missed   mcast},
 * {@code RX errors:  length    crc   frame    fifo overrun}, {@code TX: ... carrier collsns},
 * {@code TX errors: aborted   fifo  window heartbt transns}) and a row of as many numbers. The header WORDS
 * say what each number is, so iproute2 before 5.x ({@code RX: bytes  packets  errors  dropped overrun mcast})
 * and later additions ({@code nohandler}, {@code otherhost}) read right; an unknown word is kept as the
 * counter's name with a warning. Words after the numbers (annotations) are ignored; a value row with too few
 * numbers is malformed. Other indented lines of an interface ({@code link/ether}, {@code inet},
 * {@code valid_lft}, {@code -d} details) are understood and skipped. {@code ip -o link} / {@code ip -o -s link}
 * put all of an interface's lines on one, joined by backslashes: they are split there and read the same way.
 * {@code Device "x" does not exist.} is the tool's message.
 */
public final class IpLinkParser implements Parser {

    public static final String ID = "ip-link";

    static final Pattern LINK = Pattern.compile("^(\\d+):\\s+([^\\s:]+):\\s+<([^>]*)>(.*)$");
    private static final Pattern STATS_HEADER = Pattern.compile(
            "^\\s+(RX|TX)(\\s+errors)?:\\s+([A-Za-z_]+(?:\\s+[A-Za-z_]+)*)\\s*$");
    static final Pattern TOOL_MESSAGE = Pattern.compile(
            "^(Device \".*\" does not exist\\.|Cannot find device .*|Error: .*)$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Interface state and counters from ip -s link / ip -s -s link / ip -s addr (text)";
    }

    @Override
    public List<String> examples() {
        return List.of("ip -s link", "ip -s -s link show dev eth0", "ip -s addr show dev eth0", "ip link", "ip addr");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        int best = 0;
        for (IpCommand c : IpCommand.of(nameOrCommand)) {
            int score = c.json() || c.brief() ? 0 : c.stats() ? 95 : 90;
            best = Math.max(best, score);
        }
        return best;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < Math.min(block.size(), 10); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINK.matcher(line);
            if (m.matches() && m.group(4).contains(" mtu ")) {
                return 90;
            }
            if (STATS_HEADER.matcher(line).matches()) {
                return 60; // output cut above the link line
            }
            return TOOL_MESSAGE.matcher(line).matches() ? 25 : 0;
        }
        return 0;
    }

    /** The first link of a full listing (ifindex 1, always lo); later links must not split the listing. */
    @Override
    public boolean startsOutput(String line) {
        Matcher m = LINK.matcher(line);
        return m.matches() && m.group(1).equals("1") && m.group(4).contains(" mtu ");
    }

    /** A line of output, or with {@code -o} one backslash-separated part of a line; {@code index} is the line's. */
    private record Row(int index, String text) {
    }

    /** The block's lines as rows: {@code ip -o} joins an interface's lines with backslashes, split them again. */
    private static List<Row> rows(Block block) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.contains("\\") && LINK.matcher(line.substring(0, line.indexOf('\\'))).matches()) {
                for (String part : line.split("\\\\")) {
                    rows.add(new Row(i, part));
                }
            } else {
                rows.add(new Row(i, line));
            }
        }
        return rows;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<Row> rows = rows(block);
        CounterList counters = null;
        Set<String> unknown = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int i = row.index();
            if (row.text().isBlank()) {
                continue;
            }
            Matcher link = LINK.matcher(row.text());
            Matcher stats = STATS_HEADER.matcher(row.text());
            if (link.matches()) {
                if (counters != null) {
                    counters.emit(sink, ID);
                }
                String iface = ifaceName(link.group(2));
                counters = new CounterList(iface);
                sink.fact(state(iface, link.group(3), link.group(4), block.span(i)));
                sink.used(i);
            } else if (stats.matches()) {
                if (counters == null) {
                    sink.malformed(i, "counter header before any link line");
                    continue;
                }
                r = readRows(block, rows, r, stats, counters, unknown, sink);
            } else if (counters != null && Character.isWhitespace(row.text().charAt(0))) {
                sink.used(i); // link/ether, inet, inet6, valid_lft, altname, -d details: not counters
            } else if (TOOL_MESSAGE.matcher(row.text().strip()).matches()) {
                sink.toolMessage(i, row.text().strip());
            }
        }
        if (counters != null) {
            counters.emit(sink, ID);
        }
    }

    /** Reads a header row and its value row; returns the index of the last row consumed. */
    private static int readRows(Block block, List<Row> rows, int r, Matcher stats, CounterList counters,
            Set<String> unknown, ParseSink sink) {
        boolean rx = stats.group(1).equals("RX");
        boolean errorsRow = stats.group(2) != null;
        List<String> words = Arrays.asList(stats.group(3).split("\\s+"));
        int header = rows.get(r).index();
        sink.used(header);
        String next = r + 1 < rows.size() ? rows.get(r + 1).text() : "";
        if (next.isBlank() || STATS_HEADER.matcher(next).matches() || LINK.matcher(next).matches()) {
            sink.malformed(header, "no value row after this header");
            return r;
        }
        int valuesRow = rows.get(r + 1).index();
        List<Long> values = new ArrayList<>();
        for (String t : next.strip().split("\\s+")) {
            Long v = Numbers.decimal(t);
            if (v == null) {
                break; // an annotation after the numbers, or a broken number (caught by the count below)
            }
            values.add(v);
        }
        if (values.size() != words.size()) {
            sink.malformed(valuesRow, "expected " + words.size() + " numbers under '" + stats.group(1)
                    + (errorsRow ? " errors" : "") + ":', got " + values.size());
            return r + 1;
        }
        Span span = header == valuesRow ? block.span(header) : block.span(header, valuesRow);
        for (int c = 0; c < words.size(); c++) {
            String name = counterName(rx, errorsRow, words.get(c));
            if (name == null) {
                name = words.get(c);
                if (unknown.add(name)) {
                    sink.warning(header, "unknown column '" + name + "' kept as a counter of that name");
                }
            }
            counters.add(name, values.get(c), span);
        }
        sink.used(valuesRow);
        return r + 1;
    }

    /** The name as ip prints it, without the {@code @peer} or {@code @parent} suffix. */
    static String ifaceName(String printed) {
        int at = printed.lastIndexOf('@');
        return at > 0 ? printed.substring(0, at) : printed;
    }

    static InterfaceState state(String iface, String flags, String attributes, Span span) {
        Integer mtu = null;
        String qdisc = null;
        String operState = null;
        Long qlen = null;
        String[] t = attributes.strip().split("\\s+");
        for (int i = 0; i + 1 < t.length; i++) {
            switch (t[i]) {
                case "mtu" -> {
                    Long v = Numbers.decimal(t[++i]);
                    mtu = v == null ? null : v.intValue();
                }
                case "qdisc" -> qdisc = t[++i];
                case "state" -> operState = t[++i];
                case "qlen" -> qlen = Numbers.decimal(t[++i]);
                default -> {
                }
            }
        }
        List<String> flagList = flags.isBlank() ? List.of() : Arrays.asList(flags.split(","));
        return new InterfaceState(iface, mtu, flagList, operState, qdisc, qlen, span);
    }

    /** What a header word means in an RX / TX / RX errors / TX errors row; null if unknown. */
    static String counterName(boolean rx, boolean errorsRow, String word) {
        String dir = rx ? "rx_" : "tx_";
        return switch (word) {
            case "bytes", "packets", "errors", "dropped" -> errorsRow ? null : dir + word;
            case "fifo" -> dir + "fifo_errors";
            case "compressed" -> dir + "compressed";
            case "missed" -> rx ? IfStat.RX_MISSED : null;
            case "overrun" -> rx ? IfStat.RX_OVER : null;
            case "mcast" -> rx ? IfStat.MULTICAST : null;
            case "length" -> rx ? IfStat.RX_LENGTH : null;
            case "crc" -> rx ? IfStat.RX_CRC : null;
            case "frame" -> rx ? IfStat.RX_FRAME : null;
            case "nohandler" -> rx ? IfStat.RX_NOHANDLER : null;
            case "otherhost" -> rx ? "rx_otherhost_dropped" : null;
            case "carrier" -> rx ? null : IfStat.TX_CARRIER;
            case "collsns" -> rx ? null : IfStat.COLLISIONS;
            case "aborted" -> rx ? null : IfStat.TX_ABORTED;
            case "window" -> rx ? null : IfStat.TX_WINDOW;
            case "heartbt", "heartbeat" -> rx ? null : IfStat.TX_HEARTBEAT;
            case "transns" -> rx ? null : "carrier_changes";
            default -> null;
        };
    }
}
