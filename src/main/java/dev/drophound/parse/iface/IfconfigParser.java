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
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ifconfig}, {@code ifconfig -a}, {@code ifconfig IF} and {@code netstat -ie} (the same blocks
 * after a {@code Kernel Interface table} line), in both shapes net-tools has printed:
 * <ul>
 * <li>net-tools 2.x: {@code eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1400}, then
 * {@code RX packets 1920  bytes 47709254 (45.4 MiB)}, {@code RX errors 0  dropped 0  overruns 0  frame 0},
 * {@code TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0}, {@code ether ... txqueuelen 1000};</li>
 * <li>net-tools 1.60 and busybox: {@code eth0      Link encap:Ethernet  HWaddr ...},
 * {@code UP BROADCAST RUNNING MULTICAST  MTU:1400  Metric:1}, {@code RX packets:N errors:N dropped:N
 * overruns:N frame:N}, {@code collisions:N txqueuelen:N}, {@code RX bytes:N (..)  TX bytes:N (..)}.
 * net-tools 1.60 cut names to 9 characters there; busybox does not.</li>
 * </ul>
 * Both are read as "RX"/"TX" followed by word-number pairs ({@code dropped 10} or {@code dropped:10}). The
 * numbers come from /proc/net/dev, so "dropped" on RX is rx_dropped + rx_missed_errors, "overruns" the fifo
 * errors, "frame" and "carrier" the kernel's sums ({@link IfStat}). Address and hardware lines are understood
 * and skipped; a counter word without its number is malformed (other pairs of the line are kept); words after
 * the numbers (annotations) are ignored. {@code error fetching interface information} is the tool's message.
 */
public final class IfconfigParser implements Parser {

    public static final String ID = "ifconfig";

    private static final Pattern NEW_HEADER = Pattern.compile(
            "^(\\S+):\\s+flags=\\d+<([^>]*)>(?:\\s+mtu\\s+(\\d+))?.*$");
    private static final Pattern OLD_HEADER = Pattern.compile("^(\\S+)\\s+Link encap:.*$");
    private static final Pattern TOOL_MESSAGE = Pattern.compile(
            "^(?:ifconfig: )?\\S+: error fetching interface information: .*$");
    private static final Pattern INDENTED_WORD = Pattern.compile("^\\s+[A-Za-z].*");
    private static final Pattern PAIR = Pattern.compile("^([a-z]+):(\\S*)$");
    private static final Set<String> COUNTER_WORDS = Set.of("packets", "bytes", "errors", "dropped", "overruns",
            "frame", "carrier", "collisions", "compressed", "txqueuelen");
    private static final Set<String> CONFIGURING = Set.of("up", "down", "mtu", "add", "del", "netmask", "broadcast",
            "hw", "txqueuelen", "promisc", "-promisc", "arp", "-arp", "allmulti", "-allmulti", "metric", "dstaddr",
            "pointopoint", "address");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Interface state and counters from ifconfig / netstat -ie (net-tools 2.x and the old Link encap format)";
    }

    @Override
    public List<String> examples() {
        return List.of("ifconfig -a", "ifconfig eth0", "netstat -ie", "busybox ifconfig -a");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        for (Invocation inv : Invocation.of(nameOrCommand, "ifconfig")) {
            if (!inv.fromCommand() || inv.words().stream().noneMatch(CONFIGURING::contains)) {
                return 90;
            }
        }
        NetstatOptions netstat = NetstatOptions.of(nameOrCommand);
        return netstat != null && netstat.interfaces() && netstat.extend() && !netstat.otherMode() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        boolean table = false;
        for (int i = 0; i < Math.min(block.size(), 10); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (NEW_HEADER.matcher(line).matches() || OLD_HEADER.matcher(line).matches()) {
                return 95;
            }
            if (!table && line.strip().equals("Kernel Interface table")) {
                table = true; // netstat -ie if ifconfig blocks follow, netstat -i if a table does
                continue;
            }
            return TOOL_MESSAGE.matcher(line.strip()).matches() ? 25 : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.strip().equals("Kernel Interface table");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Record rec = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            Matcher fresh = NEW_HEADER.matcher(line);
            Matcher old = OLD_HEADER.matcher(line);
            if (line.isBlank() || fresh.matches() || old.matches()) {
                if (rec != null) {
                    rec.emit(sink);
                    rec = null;
                }
                if (fresh.matches()) {
                    rec = new Record(fresh.group(1), block.span(i));
                    rec.flags = fresh.group(2).isEmpty() ? List.of() : Arrays.asList(fresh.group(2).split(","));
                    rec.mtu = fresh.group(3) == null ? null : Integer.valueOf(fresh.group(3));
                    sink.used(i);
                } else if (old.matches()) {
                    rec = new Record(old.group(1), block.span(i));
                    sink.used(i);
                }
            } else if (rec != null && INDENTED_WORD.matcher(line).matches()) {
                readLine(block, i, rec, sink);
                sink.used(i);
            } else if (line.strip().equals("Kernel Interface table")) {
                sink.used(i);
            } else if (TOOL_MESSAGE.matcher(line.strip()).matches()) {
                sink.toolMessage(i, line.strip());
            }
        }
        if (rec != null) {
            rec.emit(sink);
        }
    }

    /** Reads counters, txqueuelen and the old format's flags/MTU line; other lines (addresses) are skipped. */
    private static void readLine(Block block, int i, Record rec, ParseSink sink) {
        String[] t = block.line(i).strip().split("\\s+");
        int mtuAt = indexOfPrefix(t, "MTU:");
        // old format: "UP BROADCAST RUNNING MULTICAST  MTU:1400  Metric:1"
        if (mtuAt >= 0 && Arrays.stream(t, 0, mtuAt).allMatch(w -> w.matches("[A-Z_-]+"))) {
            rec.flags = Arrays.asList(t).subList(0, mtuAt);
            Long mtu = Numbers.decimal(t[mtuAt].substring(4));
            rec.mtu = mtu == null ? null : mtu.intValue();
            rec.stateSpan = rec.stateSpan.join(block.span(i));
            return;
        }
        if (!t[0].equals("RX") && !t[0].equals("TX") && !block.line(i).contains("collisions")
                && !block.line(i).contains("txqueuelen")) {
            return; // inet, inet6, ether, loop, device interrupt ...
        }
        Span span = block.span(i);
        String dir = null;
        for (int k = 0; k < t.length; k++) {
            if (t[k].equals("RX") || t[k].equals("TX")) {
                dir = t[k];
                continue;
            }
            String word;
            String number;
            Matcher pair = PAIR.matcher(t[k]);
            if (pair.matches()) {
                word = pair.group(1);
                number = pair.group(2);
            } else {
                word = t[k];
                number = k + 1 < t.length ? t[k + 1] : null;
                if (COUNTER_WORDS.contains(word)) {
                    k++;
                }
            }
            if (!COUNTER_WORDS.contains(word)) {
                continue; // "(45.4", "MiB)", "(Ethernet)", an annotation
            }
            Long value = Numbers.decimal(number);
            if (value == null) {
                sink.malformed(i, "no number after '" + word + "'");
                continue;
            }
            if (word.equals("txqueuelen")) {
                rec.txQueueLen = value;
                rec.stateSpan = rec.stateSpan.join(span);
                continue;
            }
            String name = counterName(dir, word);
            if (name == null) {
                sink.malformed(i, "'" + word + "' without RX or TX before it");
                continue;
            }
            rec.counters.add(name, value, span);
        }
    }

    private static int indexOfPrefix(String[] t, String prefix) {
        for (int k = 0; k < t.length; k++) {
            if (t[k].startsWith(prefix)) {
                return k;
            }
        }
        return -1;
    }

    /** The IfStat name of an RX/TX word; null when the word needs a direction it does not have. */
    static String counterName(String dir, String word) {
        if (word.equals("collisions")) {
            return IfStat.COLLISIONS;
        }
        if (dir == null) {
            return null;
        }
        boolean rx = dir.equals("RX");
        return switch (word) {
            case "packets" -> rx ? IfStat.RX_PACKETS : IfStat.TX_PACKETS;
            case "bytes" -> rx ? IfStat.RX_BYTES : IfStat.TX_BYTES;
            case "errors" -> rx ? IfStat.RX_ERRORS : IfStat.TX_ERRORS;
            case "dropped" -> rx ? IfStat.RX_DROPPED_AND_MISSED : IfStat.TX_DROPPED;
            case "overruns" -> rx ? IfStat.RX_FIFO : IfStat.TX_FIFO;
            case "frame" -> rx ? IfStat.RX_FRAME_ALL : null;
            case "carrier" -> rx ? null : IfStat.TX_CARRIER_ALL;
            case "compressed" -> rx ? "rx_compressed" : "tx_compressed";
            default -> null;
        };
    }

    /** One interface's block while it is read. */
    private static final class Record {
        final String iface;
        final CounterList counters;
        Span stateSpan;
        List<String> flags = new ArrayList<>();
        Integer mtu;
        Long txQueueLen;

        Record(String iface, Span header) {
            this.iface = iface;
            this.counters = new CounterList(iface);
            this.stateSpan = header;
        }

        void emit(ParseSink sink) {
            sink.fact(new InterfaceState(iface, mtu, flags, null, null, txQueueLen, stateSpan));
            counters.emit(sink, ID);
        }
    }
}
