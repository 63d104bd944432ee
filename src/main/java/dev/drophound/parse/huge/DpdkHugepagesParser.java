package dev.drophound.parse.huge;

import dev.drophound.parse.NameHints;
import dev.drophound.evidence.Block;
import dev.drophound.facts.HugePagePool;
import dev.drophound.facts.MountEntry;
import dev.drophound.facts.Span;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dpdk-hugepages.py -s} (DPDK's usertools, 20.11 to 22.11 at least): the reserved hugepages per NUMA node and
 * size, then where hugetlbfs is mounted.
 * <pre>
 * Node Pages Size Total
 * 0    256   2Mb    512Mb
 *
 * Hugepages mounted on /dev/hugepages /mnt/huge-1G
 * </pre>
 * Each row gives a {@link HugePagePool} with {@code total} = Pages and no free/reserved/surplus (the script does not
 * print them); a system without /sys/devices/system/node gets the {@code Pages Size Total} table and node null. The
 * script prints only sizes with pages, so an empty table means none reserved. Sizes are the script's own rounding
 * of kB to a binary unit ({@code 2Mb}, {@code 1Gb}). {@code Hugepages mounted on} names every hugetlbfs mount point
 * from /proc/mounts, separated by blanks: each gives a {@link MountEntry} (fsType hugetlbfs, no device, no options:
 * the script prints no page size); {@code Hugepages not mounted} gives none. A row that is not four (three) columns
 * of the right kind is malformed.
 */
public final class DpdkHugepagesParser implements Parser {

    public static final String ID = "dpdk-hugepages";

    private static final Pattern NUMA_HEADER = Pattern.compile("^Node\\s+Pages\\s+Size\\s+Total\\s*$");
    private static final Pattern FLAT_HEADER = Pattern.compile("^Pages\\s+Size\\s+Total\\s*$");
    private static final Pattern SIZE = Pattern.compile("\\d+[KMG]b");
    private static final Pattern MOUNTED = Pattern.compile("^Hugepages mounted on\\s+(.+)$");
    private static final Pattern NOT_MOUNTED = Pattern.compile("^Hugepages not mounted\\s*$");
    private static final Pattern COMMAND = Pattern.compile("\\bdpdk-hugepages(?:\\.py)?\\s+(?:.*\\s)?(?:-s|--show)\\b");
    private static final Pattern FILE = Pattern.compile("(?:^|[-_.])dpdk-hugepages(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "dpdk-hugepages.py -s: hugepages reserved per NUMA node and size, and the hugetlbfs mount points";
    }

    @Override
    public List<String> examples() {
        return List.of("dpdk-hugepages.py -s", "dpdk-hugepages.py --show");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NameHints.isCommand(nameOrCommand)) {
            return COMMAND.matcher(nameOrCommand).find() ? 95 : 0;
        }
        return FILE.matcher(NameHints.baseName(nameOrCommand)).find() ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first).strip();
        if (startsOutput(line)) {
            return 95;
        }
        return MOUNTED.matcher(line).matches() || NOT_MOUNTED.matcher(line).matches() ? 90 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return NUMA_HEADER.matcher(line).matches() || FLAT_HEADER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Boolean numa = null; // which table the rows belong to, once its header is seen
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher mounted = MOUNTED.matcher(line);
            if (NUMA_HEADER.matcher(line).matches() || FLAT_HEADER.matcher(line).matches()) {
                numa = NUMA_HEADER.matcher(line).matches();
                sink.used(i);
            } else if (mounted.matches()) {
                Span span = block.span(i);
                for (String point : mounted.group(1).trim().split("\\s+")) {
                    sink.fact(new MountEntry(null, HugeText.unescapeOctal(point), "hugetlbfs", Map.of(), span));
                }
                sink.used(i);
            } else if (NOT_MOUNTED.matcher(line).matches()) {
                sink.used(i);
            } else if (numa != null) {
                row(block, sink, i, line, numa);
            }
        }
    }

    private static void row(Block block, ParseSink sink, int i, String line, boolean numa) {
        String[] f = line.split("\\s+");
        int want = numa ? 4 : 3;
        if (f.length != want) {
            sink.malformed(i, "expected " + want + " columns, got " + f.length);
            return;
        }
        int p = numa ? 1 : 0;
        Integer node = numa && f[0].matches("\\d{1,4}") ? Integer.valueOf(f[0]) : null;
        Long pages = f[p].matches("\\d{1,18}") ? Long.valueOf(f[p]) : null;
        Long sizeKb = SIZE.matcher(f[p + 1]).matches() ? HugeText.sizeKb(f[p + 1]) : null;
        if (numa && node == null || pages == null || sizeKb == null || !SIZE.matcher(f[p + 2]).matches()) {
            sink.malformed(i, "expected " + (numa ? "node, " : "") + "pages, size and total (e.g. 2Mb)");
            return;
        }
        sink.fact(new HugePagePool(node, sizeKb, pages, null, null, null, block.span(i)));
        sink.used(i);
    }
}
