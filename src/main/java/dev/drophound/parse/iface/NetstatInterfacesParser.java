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

/**
 * Reads {@code netstat -i}, {@code netstat -ia}, {@code netstat --interfaces[=IF]} and {@code netstat -i -c}
 * (the table again every second, its header repeated without the {@code Kernel Interface table} line).
 *
 * <p>The columns are read from the header: net-tools 2.10 prints {@code Iface MTU RX-OK RX-ERR RX-DRP RX-OVR
 * TX-OK TX-ERR TX-DRP TX-OVR Flg}, 1.60 has a {@code Met} column after MTU. The numbers are /proc/net/dev's,
 * so RX-DRP is rx_dropped + rx_missed_errors and RX-OVR the fifo errors. The Flg letters become flag names
 * where real output confirmed them (B, L, M, O, R, U: BROADCAST, LOOPBACK, MULTICAST, NOARP, RUNNING, UP);
 * other letters are kept as printed. A row with a non-number or too few numbers is malformed and skipped; words
 * after the flags (annotations) are ignored.
 */
public final class NetstatInterfacesParser implements Parser {

    public static final String ID = "netstat-i";

    private static final String TABLE = "Kernel Interface table";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Interface packet and drop counts from netstat -i (RX-DRP = rx_dropped + rx_missed_errors)";
    }

    @Override
    public List<String> examples() {
        return List.of("netstat -i", "netstat --interfaces=eth0", "netstat -i -c");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        NetstatOptions o = NetstatOptions.of(nameOrCommand);
        return o != null && o.interfaces() && !o.extend() && !o.otherMode() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        boolean table = false;
        for (int i = 0; i < Math.min(block.size(), 10); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (!table && line.strip().equals(TABLE)) {
                table = true;
                continue;
            }
            return isHeader(line) ? (table ? 95 : 90) : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.strip().equals(TABLE);
    }

    private static boolean isHeader(String line) {
        String s = line.strip();
        return s.startsWith("Iface") && s.contains("RX-OK");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<String> columns = null;
        int header = -1;
        Set<String> unknown = new HashSet<>();
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().equals(TABLE)) {
                sink.used(i);
            } else if (isHeader(line)) {
                columns = Arrays.asList(line.strip().split("\\s+"));
                header = i;
                sink.used(i);
                for (String c : columns) {
                    if (!c.equals("Iface") && !c.equals("MTU") && !c.equals("Met") && !c.equals("Flg")
                            && counterName(c) == null && unknown.add(c)) {
                        sink.warning(i, "unknown column '" + c + "' kept as counter '" + c + "'");
                    }
                }
            } else if (columns != null && !Character.isWhitespace(line.charAt(0))) {
                readRow(block, i, header, columns, sink);
            }
        }
    }

    private static void readRow(Block block, int i, int header, List<String> columns, ParseSink sink) {
        String[] t = block.line(i).strip().split("\\s+");
        if (t.length < 2 || Numbers.decimal(t[1]) == null && !t[1].matches(".*\\d.*")) {
            return; // not a row of the table (prose after it)
        }
        int numbers = columns.size() - 1 - (columns.get(columns.size() - 1).equals("Flg") ? 1 : 0);
        if (t.length < 1 + numbers) {
            sink.malformed(i, "expected " + numbers + " numbers after the interface name, got " + (t.length - 1));
            return;
        }
        String iface = t[0];
        Span span = block.span(header, i);
        CounterList counters = new CounterList(iface);
        Integer mtu = null;
        for (int c = 1; c <= numbers; c++) {
            Long v = Numbers.decimal(t[c]);
            if (v == null) {
                sink.malformed(i, columns.get(c) + " of " + iface + " is not a number: '" + t[c] + "'");
                return;
            }
            String col = columns.get(c);
            if (col.equals("MTU")) {
                mtu = v.intValue();
            } else if (!col.equals("Met")) {
                String name = counterName(col);
                counters.add(name != null ? name : col, v, span);
            }
        }
        String flg = t.length > 1 + numbers ? t[1 + numbers] : "";
        sink.fact(new InterfaceState(iface, mtu, flags(flg), null, null, null, span));
        counters.emit(sink, ID);
        sink.used(i);
    }

    static String counterName(String column) {
        return switch (column) {
            case "RX-OK" -> IfStat.RX_PACKETS;
            case "RX-ERR" -> IfStat.RX_ERRORS;
            case "RX-DRP" -> IfStat.RX_DROPPED_AND_MISSED;
            case "RX-OVR" -> IfStat.RX_FIFO;
            case "TX-OK" -> IfStat.TX_PACKETS;
            case "TX-ERR" -> IfStat.TX_ERRORS;
            case "TX-DRP" -> IfStat.TX_DROPPED;
            case "TX-OVR" -> IfStat.TX_FIFO;
            default -> null;
        };
    }

    /** Flg letters as flag names; "[NO FLAGS]" (printed as two words) gives none. */
    static List<String> flags(String letters) {
        List<String> out = new ArrayList<>();
        if (letters.startsWith("[")) {
            return out;
        }
        for (char c : letters.toCharArray()) {
            out.add(switch (c) {
                case 'B' -> "BROADCAST";
                case 'L' -> "LOOPBACK";
                case 'M' -> "MULTICAST";
                case 'O' -> "NOARP";
                case 'R' -> "RUNNING";
                case 'U' -> "UP";
                default -> String.valueOf(c);
            });
        }
        return out;
    }
}
