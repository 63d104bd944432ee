package dev.drophound.parse.ovs;

import dev.drophound.evidence.Block;
import dev.drophound.facts.OvsRecord;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovs-vsctl show}: the Open_vSwitch row's UUID, then its bridges, ports and interfaces as a tree indented by
 * four spaces per level, each node's notable columns as {@code key: value} below it:
 *
 * <pre>
 * d59f48ee-afd5-4de9-8063-d46d92a7e797
 *     Bridge br0
 *         datapath_type: netdev
 *         Port dpdk3
 *             Interface dpdk3
 *                 type: dpdk
 *                 options: {dpdk-devargs="net_null1,no-rx=1"}
 *                 error: "could not add network device dpdk3 to ofproto (Invalid argument)"
 * </pre>
 *
 * Gives one {@link OvsRecord} per Interface (table Interface) with the columns as printed: {@code name} (the word after
 * {@code Interface}, quoted by ovs-vsctl when it needs quotes) and the lines below it ({@code type}, {@code options},
 * {@code error}, {@code bfd_status}, ...). Bridge, Port, Manager and Controller lines and their settings are
 * understood and not kept (the list parser gives those rows whole). A value cut short is malformed and left out;
 * {@code ovs-vsctl: ...} lines are tool messages. Verified on Open vSwitch 3.1.0 (Debian 12).
 */
public final class OvsVsctlShowParser implements Parser {

    private static final Pattern UUID = Pattern.compile(
            "^\\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\s*$");
    private static final Pattern TOP = Pattern.compile("^ {4}(?:Bridge |Manager |ovs_version: )\\S.*$");
    private static final Pattern NODE = Pattern.compile("^( +)(Bridge|Port|Interface|Manager|Controller) (\\S.*?)\\s*$");
    private static final Pattern SETTING = Pattern.compile("^( +)([a-z_]+): (.*)$");
    private static final Pattern FILE = Pattern.compile("(?i)ovs-vsctl(?:[-_][^/]*)?[-_]show(?:[-_.]|$)");

    @Override
    public String id() {
        return "ovs-vsctl-show";
    }

    @Override
    public String description() {
        return "ovs-vsctl show: bridges, ports and interfaces with their type, options and error";
    }

    @Override
    public List<String> examples() {
        return List.of("ovs-vsctl show", "sos_commands/openvswitch/ovs-vsctl_-t_5_show");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return OvsText.nameScore(nameOrCommand, "ovs-vsctl", v -> v.equals("show"), FILE);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        if (OvsText.startsWithToolMessage(block, "ovs-vsctl")) {
            return 45;
        }
        if (!UUID.matcher(block.line(first)).matches()) {
            return 0;
        }
        return first + 1 < block.size() && TOP.matcher(block.line(first + 1)).matches() ? 95 : 10;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        int last = -1;
        for (int i = block.size() - 1; i >= 0 && last < 0; i--) {
            if (NODE.matcher(block.line(i)).matches() || SETTING.matcher(block.line(i)).matches()) {
                last = i;
            }
        }
        Iface iface = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (OvsText.isToolMessage(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            }
            Matcher node = NODE.matcher(line);
            Matcher setting = SETTING.matcher(line);
            int indent = line.length() - line.stripLeading().length();
            if (iface != null && (indent <= iface.indent || !node.matches() && !setting.matches())) {
                iface.emit(block, sink);
                iface = null;
            }
            if (node.matches()) {
                sink.used(i);
                if (node.group(2).equals("Interface")) {
                    iface = new Iface(indent, i);
                    iface.columns.put("name", node.group(3));
                }
            } else if (setting.matches()) {
                sink.used(i);
                String problem = OvsText.incomplete(setting.group(3));
                if (problem != null) {
                    sink.malformed(i, problem + " (" + setting.group(2) + " left out)");
                } else if (iface != null) {
                    iface.columns.put(setting.group(2), setting.group(3).strip());
                }
                if (iface != null) {
                    iface.last = i;
                }
            } else if (i == block.firstNonBlank() && UUID.matcher(line).matches()) {
                sink.used(i);
            } else if (i < last) {
                sink.malformed(i, "expected a Bridge/Port/Interface line or 'key: value'");
            }
        }
        if (iface != null) {
            iface.emit(block, sink);
        }
    }

    /** One Interface node while it is read. */
    private static final class Iface {
        final int indent;
        final int first;
        int last;
        final Map<String, String> columns = new LinkedHashMap<>();

        Iface(int indent, int first) {
            this.indent = indent;
            this.first = first;
            this.last = first;
        }

        void emit(Block block, ParseSink sink) {
            sink.fact(new OvsRecord("Interface", columns, block.spanRange(first, last)));
        }
    }
}
