package dev.drophound.parse.iface;

import dev.drophound.evidence.Block;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the kernel's per-interface counters from sysfs, {@code /sys/class/net/IF/statistics/*}, in two shapes:
 * <ul>
 * <li>a listing of {@code name:value} lines, as {@code cd /sys/class/net/eth0/statistics && grep . *} prints
 * (the interface then comes from the command or a file name such as {@code sys-class-net-eth0-statistics.txt}),
 * or {@code path:value} lines as {@code grep . /sys/class/net/*}{@code /statistics/*} prints (the interface
 * comes from each path);</li>
 * <li>one file, {@code .../class/net/IF/statistics/COUNTER} (a live path, a bundle entry, or
 * {@code cat} of it), holding one number.</li>
 * </ul>
 * The names are the kernel's own ({@code rx_dropped}, {@code rx_missed_errors}, ...), kept as they are. A value
 * that is not a number is malformed; {@code cat: ...: No such file or directory} is the tool's message.
 */
public final class SysfsNetStatisticsParser implements Parser {

    public static final String ID = "sysfs-net-statistics";

    private static final Pattern SINGLE = Pattern.compile("class/net/([^/\\s]+)/statistics/([a-z][a-z0-9_]*)\\s*$");
    private static final Pattern LISTING_NAME = Pattern.compile(
            "class[/_-]net[/_-](\\S+?)[/_-]statistics(?:$|[/._\\s-])");
    private static final Pattern LINE = Pattern.compile(
            "^(?:\\S*?class/net/([^/\\s]+)/statistics/)?([a-z][a-z0-9_]*):\\s*(\\S*).*$");
    private static final Pattern STRICT_LINE = Pattern.compile(
            "^(?:\\S*/statistics/)?(?:rx_|tx_|collisions|multicast)[a-z0-9_]*:\\d+$");
    private static final Pattern TOOL_MESSAGE = Pattern.compile(
            "^\\S+: .*(No such file or directory|Permission denied)$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Kernel per-interface counters from /sys/class/net/IF/statistics (kernel names)";
    }

    @Override
    public List<String> examples() {
        return List.of("cd /sys/class/net/eth0/statistics && grep . *", "grep . /sys/class/net/*/statistics/*",
                "cat /sys/class/net/eth0/statistics/rx_dropped");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (SINGLE.matcher(nameOrCommand).find()) {
            return 95;
        }
        return LISTING_NAME.matcher(nameOrCommand).find() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int matched = 0;
        for (int i = 0; i < block.size() && matched < 5; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (!STRICT_LINE.matcher(line.strip()).matches()) {
                return 0;
            }
            matched++;
        }
        return matched >= 3 ? 90 : matched > 0 ? 60 : 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Matcher single = singleFile(block);
        String hint = listingInterface(block);
        Map<String, CounterList> byIface = new LinkedHashMap<>();
        boolean warnedNoIface = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (single != null && Numbers.decimal(line.split("\\s+")[0]) != null) {
                add(byIface, single.group(1), single.group(2), line.split("\\s+")[0], block, i, sink);
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (TOOL_MESSAGE.matcher(line).matches()) {
                sink.toolMessage(i, line);
            } else if (single != null) {
                sink.malformed(i, "expected the number of " + single.group(2));
            } else if (m.matches()) {
                String iface = m.group(1) != null ? m.group(1) : hint;
                if (iface == null) {
                    if (!warnedNoIface) {
                        sink.warning(i, "no interface in the lines, the command or the file name; counters skipped");
                        warnedNoIface = true;
                    }
                    sink.used(i); // read, but whose counters they are is unknown: the warning says so
                    continue;
                }
                add(byIface, iface, m.group(2), m.group(3), block, i, sink);
            }
        }
        byIface.values().forEach(c -> c.emit(sink, ID));
    }

    private static void add(Map<String, CounterList> byIface, String iface, String name, String value, Block block,
            int i, ParseSink sink) {
        Long v = Numbers.decimal(value);
        if (v == null) {
            sink.malformed(i, "the value of " + name + " is not a number: '" + value + "'");
            return;
        }
        byIface.computeIfAbsent(iface, CounterList::new).add(name, v, block.span(i));
        sink.used(i);
    }

    /** The path of a single statistics file, from the block's name or command; null for a listing. */
    private static Matcher singleFile(Block block) {
        for (String s : new String[] {block.command(), block.name()}) {
            if (s != null) {
                Matcher m = SINGLE.matcher(s.replace('\\', '/'));
                if (m.find()) {
                    return m;
                }
            }
        }
        return null;
    }

    private static String listingInterface(Block block) {
        for (String s : new String[] {block.command(), block.name()}) {
            if (s != null) {
                Matcher m = LISTING_NAME.matcher(s);
                if (m.find() && !m.group(1).contains("*")) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
