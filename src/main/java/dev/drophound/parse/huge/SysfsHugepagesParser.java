package dev.drophound.parse.huge;

import dev.drophound.parse.NameHints;
import dev.drophound.evidence.Block;
import dev.drophound.facts.HugePagePool;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hugepage pools in sysfs, system-wide ({@code /sys/kernel/mm/hugepages/hugepages-2048kB/*}) and per NUMA node
 * ({@code /sys/devices/system/node/node0/hugepages/hugepages-2048kB/*}): one {@link HugePagePool} per node and page
 * size. The main form is {@code grep -r . /sys/kernel/mm/hugepages/} (also {@code grep -H . DIR/*}): one
 * {@code path:value} line per file,
 * <pre>
 * /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages:79
 * /sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages:96
 * </pre>
 * Also read: {@code head DIR/*} ({@code ==> path <==} then the value), paths relative to the directory grep ran in
 * ({@code hugepages-2048kB/nr_hugepages:0}, {@code nr_hugepages:0}: the node and size then come from the command or
 * the file name), and one file alone ({@code cat .../hugepages-2048kB/nr_hugepages}).
 * <p>nr_hugepages, free_hugepages, resv_hugepages and surplus_hugepages fill the pool (node directories have no
 * resv_hugepages: null); nr_hugepages_mempolicy, nr_overcommit_hugepages, demote_size and any other file of the
 * directory are read and left out. A file seen again for the same pool starts a new sample (a loop). A value that is
 * not a number is malformed. {@code grep: .../demote: Permission denied} is expected (demote is write-only, so every
 * {@code grep -r} as root on kernels with hugepage demotion, 5.16+, prints it) and read without a message; other
 * {@code grep:}/{@code cat:} errors are the tool's message.
 */
public final class SysfsHugepagesParser implements Parser {

    public static final String ID = "sysfs-hugepages";

    /** {@code [prefix/][nodeN/hugepages/]hugepages-2048kB/field:value}; the prefix may be empty (grep -r in the dir). */
    private static final Pattern LINE = Pattern.compile(
            "^(\\S*?)(?:^|/)hugepages-(\\d{1,12})kB/([a-z][a-z_]*):(.*)$");
    /** A bare {@code field:value}, as {@code grep . *} prints in one size's directory. */
    private static final Pattern BARE = Pattern.compile("^([a-z][a-z_]*hugepages[a-z_]*|demote(?:_size)?):(.*)$");
    private static final Pattern HEAD = Pattern.compile("^==> (\\S*?hugepages-(\\d{1,12})kB/([a-z][a-z_]*)) <==$");
    private static final Pattern DEMOTE_DENIED = Pattern.compile("^grep: \\S*hugepages-\\d+kB/demote: Permission denied$");
    private static final Pattern NODE = Pattern.compile("node(\\d{1,6})/hugepages\\b");
    private static final Pattern SIZE_HINT = Pattern.compile("hugepages-(\\d{1,12})kB");
    /** One file: a path, a bundle entry or a file name such as {@code cat-hugepages-2048kB-nr_hugepages.txt}. */
    private static final Pattern SINGLE = Pattern.compile(
            "hugepages-(\\d{1,12})kB[/_-]((?:nr|free|resv|surplus)_hugepages)(?:$|[._\\s])");
    private static final Pattern PATH = Pattern.compile("/sys/(?:kernel/mm|devices/system/node/node[\\d*]+)/hugepages\\b");
    private static final Pattern FILE = Pattern.compile("(?:^|[-_.])(?:sys-kernel-mm-hugepages|node-hugepages"
            + "|hugepages-\\d+kB)(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Hugepage pools in sysfs, system-wide and per NUMA node (nr/free/resv/surplus pages per page size)";
    }

    @Override
    public List<String> examples() {
        return List.of("grep -r . /sys/kernel/mm/hugepages/", "grep -r . /sys/devices/system/node/node*/hugepages/",
                "grep -H . /sys/kernel/mm/hugepages/hugepages-2048kB/*", "head /sys/kernel/mm/hugepages/hugepages-2048kB/*",
                "cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NameHints.isCommand(nameOrCommand)) {
            return PATH.matcher(nameOrCommand).find() ? 95 : 0;
        }
        return PATH.matcher(nameOrCommand).find() || FILE.matcher(NameHints.baseName(nameOrCommand)).find() ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first).strip();
        if (LINE.matcher(line).matches() || HEAD.matcher(line).matches()) {
            return 95;
        }
        if (HugeText.isReadError(line) && SIZE_HINT.matcher(line).find()) {
            return 90;
        }
        return BARE.matcher(line).matches() ? 60 : 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Long nodeNumber = hint(block, NODE);
        Integer nodeHint = nodeNumber == null ? null : nodeNumber.intValue();
        Long sizeHint = hint(block, SIZE_HINT);
        Matcher single = single(block);
        Pools pools = new Pools(block, sink);
        boolean warned = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (DEMOTE_DENIED.matcher(line).find()) {
                sink.used(i); // demote is write-only: grep -r as root always says so, nothing is missing
                continue;
            }
            if (HugeText.isReadError(line)) {
                sink.toolMessage(i, line);
                continue;
            }
            Matcher m = LINE.matcher(line);
            Matcher h = HEAD.matcher(line);
            Matcher b = BARE.matcher(line);
            if (m.matches()) {
                Integer node = nodeOf(m.group(1) + "/", nodeHint);
                pools.add(node, Long.parseLong(m.group(2)), m.group(3), m.group(4), i, i);
            } else if (h.matches()) {
                int v = nextNonBlank(block, i + 1);
                if (v < 0) {
                    sink.malformed(i, "no value after the file name");
                    continue;
                }
                pools.add(nodeOf(h.group(1), nodeHint), Long.parseLong(h.group(2)), h.group(3),
                        block.line(v).strip(), i, v);
                i = v;
            } else if (b.matches() && sizeHint != null) {
                pools.add(nodeHint, sizeHint, b.group(1), b.group(2), i, i);
            } else if (single != null && i == block.firstNonBlank()) {
                pools.add(nodeHint, Long.parseLong(single.group(1)), single.group(2), line, i, i);
            } else if (b.matches()) {
                if (!warned) {
                    sink.warning(i, "no page size in the lines, the command or the file name; values skipped");
                    warned = true;
                }
                sink.used(i);
            }
        }
        pools.emitAll();
    }

    private static Integer nodeOf(String path, Integer hint) {
        Matcher n = NODE.matcher(path);
        return n.find() ? Integer.valueOf(n.group(1)) : path.contains("/sys/kernel/mm/") ? null : hint;
    }

    private static int nextNonBlank(Block block, int from) {
        for (int i = from; i < block.size(); i++) {
            if (!block.line(i).isBlank()) {
                return HEAD.matcher(block.line(i).strip()).matches() ? -1 : i;
            }
        }
        return -1;
    }

    /** A number taken from the command or the file name (node0, hugepages-2048kB); null when neither says it. */
    private static Long hint(Block block, Pattern p) {
        for (String s : new String[] {block.command(), block.name()}) {
            if (s != null) {
                Matcher m = p.matcher(s);
                if (m.find()) {
                    return Long.valueOf(m.group(1));
                }
            }
        }
        return null;
    }

    private static Matcher single(Block block) {
        for (String s : new String[] {block.command(), block.name()}) {
            if (s != null) {
                Matcher m = SINGLE.matcher(s);
                if (m.find()) {
                    return m;
                }
            }
        }
        return null;
    }

    /** Pools being filled, by node and size, in the order first seen. */
    private static final class Pools {
        private final Block block;
        private final ParseSink sink;
        private final Map<Key, Pool> open = new LinkedHashMap<>();

        Pools(Block block, ParseSink sink) {
            this.block = block;
            this.sink = sink;
        }

        void add(Integer node, long sizeKb, String field, String value, int first, int last) {
            if (!Pool.FIELDS.contains(field)) {
                sink.used(first, last); // a file of the directory the fact has no place for
                return;
            }
            Long v = Numbers.decimal(value.strip());
            if (v == null) {
                sink.malformed(last, field + " is not a number: '" + value.strip() + "'");
                return;
            }
            Key key = new Key(node, sizeKb);
            Pool pool = open.get(key);
            if (pool != null && pool.values.containsKey(field)) {
                emit(open.remove(key));
                pool = null;
            }
            if (pool == null) {
                pool = new Pool(node, sizeKb);
                open.put(key, pool);
            }
            pool.values.put(field, v);
            pool.lines.add(first);
            if (last != first) {
                pool.lines.add(last);
            }
            sink.used(first, last);
        }

        void emitAll() {
            open.values().forEach(this::emit);
            open.clear();
        }

        private void emit(Pool p) {
            int[] lines = p.lines.stream().sorted().mapToInt(Integer::intValue).toArray();
            sink.fact(new HugePagePool(p.node, p.sizeKb, p.values.get("nr_hugepages"), p.values.get("free_hugepages"),
                    p.values.get("resv_hugepages"), p.values.get("surplus_hugepages"), block.span(lines)));
        }
    }

    private static final class Pool {
        static final List<String> FIELDS = List.of("nr_hugepages", "free_hugepages", "resv_hugepages",
                "surplus_hugepages");
        final Integer node;
        final long sizeKb;
        final Map<String, Long> values = new LinkedHashMap<>();
        final List<Integer> lines = new ArrayList<>();

        Pool(Integer node, long sizeKb) {
            this.node = node;
            this.sizeKb = sizeKb;
        }
    }

    private record Key(Integer node, long sizeKb) {
    }
}
