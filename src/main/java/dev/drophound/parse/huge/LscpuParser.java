package dev.drophound.parse.huge;

import dev.drophound.parse.NameHints;
import dev.drophound.evidence.Block;
import dev.drophound.facts.NumaNode;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NUMA layout: one {@link NumaNode} per node, from
 * <ul>
 * <li>{@code lscpu} (util-linux; also a grep of it): {@code NUMA node(s): 2} gives the count,
 *     {@code NUMA node0 CPU(s): 0-17,36-53} a node and its CPUs as printed (empty for a node without CPUs). The
 *     other {@code Name: value} lines are lscpu's and are read without a fact;</li>
 * <li>the node's CPU list in sysfs: {@code grep . /sys/devices/system/node/node*}{@code /cpulist}
 *     ({@code /sys/devices/system/node/node0/cpulist:0-1}; count null) and {@code cat .../node0/cpulist}, whose
 *     bare {@code 0-1} takes its node from the command or a file name such as {@code cat-node0-cpulist.txt}. grep
 *     prints no file name when the glob matched one file: the CPUs are then read but the node is unknown, and a
 *     warning says so.</li>
 * </ul>
 * {@code lscpu -e}, {@code -p} and {@code -J} are other formats and not read. A {@code NUMA node(s)} that is not a
 * number is malformed.
 */
public final class LscpuParser implements Parser {

    public static final String ID = "lscpu";

    private static final Pattern FIELD = Pattern.compile("^([^:]+?):\\s*(.*)$");
    private static final Pattern COUNT = Pattern.compile("^NUMA node\\(s\\):\\s*(\\S*)\\s*$");
    private static final Pattern NODE = Pattern.compile("^NUMA node(\\d{1,6}) CPU\\(s\\):\\s*(\\S*)\\s*$");
    private static final Pattern SYSFS = Pattern.compile("^\\S*/node(\\d{1,6})/cpulist:(\\S*)$");
    private static final Pattern CPULIST = Pattern.compile("^\\d+(?:-\\d+)?(?:,\\d+(?:-\\d+)?)*$");
    private static final Pattern CPULIST_PATH = Pattern.compile("node(\\d{0,6}|\\*)[/_-]cpulist\\b");
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s;|&(])lscpu(?:\\s|$)");
    private static final Pattern OTHER_FORM = Pattern.compile("\\blscpu\\s+(?:.*\\s)?(?:-[a-zA-Z]*[epJ]|--(?:extended|parse|json))");
    private static final Pattern FILE = Pattern.compile("^lscpu(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "NUMA nodes and their CPUs (lscpu, /sys/devices/system/node/node*/cpulist)";
    }

    @Override
    public List<String> examples() {
        return List.of("lscpu", "lscpu | grep NUMA", "grep . /sys/devices/system/node/node*/cpulist",
                "cat /sys/devices/system/node/node0/cpulist");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NameHints.isCommand(nameOrCommand)) {
            if (COMMAND.matcher(nameOrCommand).find()) {
                return OTHER_FORM.matcher(nameOrCommand).find() ? 0 : 95;
            }
            return nameOrCommand.contains("/sys/devices/system/node/") && CPULIST_PATH.matcher(nameOrCommand).find()
                    ? 95 : 0;
        }
        String base = NameHints.baseName(nameOrCommand);
        return FILE.matcher(base).find() || CPULIST_PATH.matcher(nameOrCommand).find() ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first).strip();
        if (startsOutput(line) || SYSFS.matcher(line).matches()) {
            return 95;
        }
        return COUNT.matcher(line).matches() || NODE.matcher(line).matches() ? 90 : 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^Architecture:\\s+\\S+\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Integer count = null;
        for (int i = 0; i < block.size(); i++) {
            Matcher c = COUNT.matcher(block.line(i).strip());
            if (c.matches()) {
                if (c.group(1).matches("\\d{1,6}")) {
                    count = Integer.valueOf(c.group(1));
                    sink.used(i);
                } else {
                    sink.malformed(i, "NUMA node(s) is not a number: '" + c.group(1) + "'");
                }
            }
        }
        Integer hint = nodeHint(block);
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty() || COUNT.matcher(line).matches()) {
                continue;
            }
            Matcher n = NODE.matcher(line);
            Matcher s = SYSFS.matcher(line);
            if (n.matches()) {
                sink.fact(new NumaNode(Integer.parseInt(n.group(1)), n.group(2), count, block.span(i)));
                sink.used(i);
            } else if (s.matches()) {
                sink.fact(new NumaNode(Integer.parseInt(s.group(1)), s.group(2), null, block.span(i)));
                sink.used(i);
            } else if (CPULIST.matcher(line).matches()) {
                if (hint != null) {
                    sink.fact(new NumaNode(hint, line, null, block.span(i)));
                } else {
                    sink.warning(i, "a CPU list without the node it belongs to (grep prints no file name for one"
                            + " file); not used");
                }
                sink.used(i);
            } else if (HugeText.isReadError(line)) {
                sink.toolMessage(i, line);
            } else if (FIELD.matcher(line).matches()) {
                sink.used(i); // one of lscpu's other fields
            }
        }
    }

    /** The node of a bare cpulist, from {@code node0/cpulist} in the command or {@code node0-cpulist} in the name. */
    private static Integer nodeHint(Block block) {
        for (String s : new String[] {block.command(), block.name()}) {
            if (s != null) {
                Matcher m = CPULIST_PATH.matcher(s);
                if (m.find() && m.group(1).matches("\\d+")) {
                    return Integer.valueOf(m.group(1));
                }
            }
        }
        return null;
    }
}
