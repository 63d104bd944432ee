package dev.drophound.parse.nic;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.DriverStatistics;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ethtool -S IF}: the driver's own counters, also filtered ({@code ethtool -S IF | grep rx_}, which
 * drops the {@code NIC statistics:} header) and as stored by sosreport ({@code sos_commands/networking/ethtool_-S_IF}).
 *
 * <p>Lines are {@code     name: value}: ethtool indents by 5 spaces, captures also show 4, tabs or none. The
 * name is everything before the last {@code ": "} that is followed by a number, so driver names with dots,
 * brackets or blanks stay whole ({@code port.rx_dropped}, {@code rx_crc_errors.nic}, bnxt/bnx2x
 * {@code [0]: rx_ucast_packets}, fsl_dpaa2 {@code [hw] rx frames}). vmxnet3 nests its counters under
 * {@code Tx Queue#: 0} / {@code Rx Queue#: 1} and under {@code drv dropped tx total}; those deeper lines
 * (indent 2+ more) get their parents as prefix: {@code Tx Queue#0: drv dropped tx total: giant hdr}.
 * A {@code watch} header ({@code Every 1.0s: ethtool -S eth1 ...}) is accepted and names the interface.
 * {@code no stats available} and the {@code Cannot get ...} / {@code netlink error: ...} messages become
 * tool messages. A line inside the output that is not {@code name: number} is malformed; text after the
 * last counter is left alone (prose in an article). Counters are 64-bit (ethtool prints u64).
 */
public final class EthtoolStatsParser implements Parser {

    private static final Pattern HEADER = Pattern.compile("^\\s*NIC statistics:\\s*$");
    private static final Pattern WATCH = Pattern.compile("^Every\\s+[\\d.]+s:\\s+.*\\bethtool\\b.*");
    /** Lazy name, so {@code [0]: rx_discards: 12} keeps {@code [0]: rx_discards}; trailing notes ignored. */
    private static final Pattern COUNTER = Pattern.compile("^(\\s*)(\\S.*?)\\s*:\\s+(\\d+)(?:\\s.*)?$");
    /** The plain shape, without trailing notes, for recognising the format by content. */
    private static final Pattern PLAIN_COUNTER = Pattern.compile("^\\s*\\S.*?:\\s+\\d+\\s*$");
    private static final EthtoolText.Names NAMES = new EthtoolText.Names('S', "--statistics");

    @Override
    public String id() {
        return "ethtool-S";
    }

    @Override
    public String description() {
        return "ethtool -S: the NIC driver's own counters (ring, MAC, PHY drops and errors)";
    }

    @Override
    public List<String> examples() {
        return List.of("ethtool -S eth0", "ethtool -S eth0 | grep -E 'drop|err|miss'",
                "sos_commands/networking/ethtool_-S_eth0", "ethtool-S.eth0.txt");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NAMES.score(nameOrCommand);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first);
        if (HEADER.matcher(line).matches() || WATCH.matcher(line).matches()) {
            return 95;
        }
        if (line.strip().equals("no stats available")) {
            return 60;
        }
        // Without the header: a run of "name: number" lines. Other formats print such lines too
        // (netstat -s | grep X), so this stays moderate and needs several lines.
        int seen = 0;
        int counters = 0;
        boolean indented = true;
        for (int i = first; i < block.size() && seen < 10; i++) {
            String l = block.line(i);
            if (l.isBlank()) {
                continue;
            }
            seen++;
            if (PLAIN_COUNTER.matcher(l).matches()) {
                counters++;
                indented &= EthtoolText.indent(l) >= 4;
            } else if (seen == 1) {
                return 0;
            }
        }
        if (counters < 3 || counters < seen) {
            return counters >= 1 && counters == seen ? 25 : 0;
        }
        return indented ? 60 : 50;
    }

    @Override
    public boolean startsOutput(String line) {
        return HEADER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String iface = EthtoolText.iface(block, 'S');
        int first = block.firstNonBlank();
        if (iface == null && first >= 0 && WATCH.matcher(block.line(first)).matches()) {
            iface = NameHints.ethtoolInterface(block.line(first), 'S');
        }
        String entity = iface == null ? "?" : iface;
        int last = lastCounterLine(block);
        List<Counter> counters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Deque<Parent> parents = new ArrayDeque<>();
        int firstUsed = -1;
        int lastUsed = -1;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (HEADER.matcher(line).matches()) {
                sink.used(i);
                parents.clear();
            } else if (WATCH.matcher(line).matches()) {
                sink.used(i);
            } else if (EthtoolText.isToolMessage(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            } else {
                Matcher m = COUNTER.matcher(line);
                if (!m.matches()) {
                    if (i < last) {
                        sink.malformed(i, line.contains(":") ? "value is not a number" : "expected 'name: value'");
                    }
                    continue;
                }
                Long value = Numbers.decimal(m.group(3));
                if (value == null) {
                    sink.malformed(i, "value does not fit in 64 bits");
                    continue;
                }
                int indent = m.group(1).length();
                while (!parents.isEmpty() && parents.peek().indent() >= indent - 1) {
                    parents.pop();
                }
                String own = m.group(2);
                if (own.endsWith("#")) {
                    // vmxnet3 "Tx Queue#: 0" opens the counters of queue 0; it is no counter itself
                    parents.push(new Parent(indent, own + m.group(3)));
                    sink.used(i);
                } else {
                    String name = qualified(parents, own);
                    parents.push(new Parent(indent, own));
                    if (!names.add(name)) {
                        sink.malformed(i, "counter '" + name + "' repeats, later value ignored");
                        continue;
                    }
                    counters.add(new Counter(DriverStatistics.key(entity, name), value,
                            64, block.span(i)));
                    sink.used(i);
                }
            }
            firstUsed = firstUsed < 0 ? i : firstUsed;
            lastUsed = i;
        }
        if (!counters.isEmpty()) {
            sink.fact(new DriverStatistics(entity, counters, block.spanRange(firstUsed, lastUsed)));
        }
    }

    private record Parent(int indent, String label) {
    }

    private static String qualified(Deque<Parent> parents, String own) {
        if (parents.isEmpty()) {
            return own;
        }
        StringBuilder sb = new StringBuilder();
        parents.descendingIterator().forEachRemaining(p -> sb.append(p.label()).append(": "));
        return sb.append(own).toString();
    }

    private static int lastCounterLine(Block block) {
        for (int i = block.size() - 1; i >= 0; i--) {
            if (COUNTER.matcher(block.line(i)).matches()) {
                return i;
            }
        }
        return -1;
    }
}
