package dev.drophound.parse.proto;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.facts.Span;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/net/snmp6} (also {@code /proc/<pid>/net/snmp6}, a sosreport's {@code proc/net/snmp6}, or a
 * grep of it): one counter per line, name and value separated by spaces and a tab,
 * <pre>
 * Udp6RcvbufErrors                	2997
 * </pre>
 * The name starts with its group, Ip6, Icmp6 (including the per-type {@code Icmp6InType133}), Udp6 or
 * UdpLite6; the counter name is the rest. One {@code ProtocolCounters} per group, each counter spanning its own
 * line. Icmp6 InTypeN/OutTypeN lines appear only once a type was seen, but the fixed fields are always there, so
 * no group is marked zero-omitted (an absent counter is unknown, e.g. an older kernel). A value that is not a number is reported with its line and the other lines kept; words after the value
 * that do not start like a number are trailing junk. The per-interface files {@code /proc/net/dev_snmp6/<dev>}
 * (first line {@code ifIndex}) are not this format: their counters are not the host's.
 */
public final class ProcNetSnmp6Parser implements Parser {

    public static final String ID = "proc-net-snmp6";

    private static final Pattern PATH = Pattern.compile("proc/(?:\\d+/|self/)?net/snmp6(?![\\w])");
    private static final Pattern FILE = Pattern.compile("(?<![A-Za-z])proc[-_]net[-_]snmp6(?![\\w])");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PER_DEVICE = Pattern.compile("dev[-_]snmp6");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/net/snmp6: IPv6, ICMPv6 and UDPv6 counters, one per line";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/snmp6", "cat /proc/<pid>/net/snmp6", "sosreport proc/net/snmp6");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.mentions(nameOrCommand, PATH) || NameHints.mentions(nameOrCommand, FILE) ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        if (block.command() == null && PER_DEVICE.matcher(block.name()).find()) {
            // a per-interface file (a sosreport's proc/net/dev_snmp6/eth0): its ifIndex line is cut off as a block
            // of its own where Ip6InReceives starts an output, and the rest must not pass for the host's counters
            return 0;
        }
        int seen = 0;
        int ours = 0;
        for (int i = 0; i < block.size() && seen < 10; i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            seen++;
            String[] t = SPACES.split(line);
            if (t.length == 2 && MibNames.groupOf(t[0], MibNames.SNMP6_GROUPS) != null && Numbers.decimal(t[1]) != null) {
                ours++;
            } else if (t[0].equals("ifIndex")) {
                return 0;
            }
        }
        if (seen == 0 || ours < Math.min(seen, 3)) {
            return 0;
        }
        // the whole file always starts with Ip6InReceives; a grep of it is still only this format's shape
        return block.line(block.firstNonBlank()).startsWith("Ip6InReceives") ? 95 : 90;
    }

    @Override
    public boolean startsOutput(String line) {
        String[] t = SPACES.split(line.strip());
        return t.length == 2 && t[0].equals("Ip6InReceives") && Numbers.decimal(t[1]) != null;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Map<String, List<Integer>> lines = new LinkedHashMap<>();
        Map<String, List<Counter>> counters = new LinkedHashMap<>();
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] t = SPACES.split(line);
            String group = MibNames.groupOf(t[0], MibNames.SNMP6_GROUPS);
            if (group == null) {
                continue; // not ours; the sink reports it
            }
            if (t.length < 2 || t.length > 2 && MibNames.looksNumeric(t[2])) {
                sink.malformed(i, "expected a name and one value");
                continue;
            }
            Long value = Numbers.decimal(t[1]);
            if (value == null) {
                sink.malformed(i, "value of " + t[0] + " is not a number");
                continue;
            }
            sink.used(i);
            Span span = block.span(i);
            counters.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(new Counter(ProtocolCounters.key(group, t[0].substring(group.length())), value, 64, span));
            lines.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
        }
        counters.forEach((group, list) -> sink.fact(new ProtocolCounters(group, ID, list, false,
                block.span(lines.get(group).stream().mapToInt(Integer::intValue).toArray()))));
    }

}
