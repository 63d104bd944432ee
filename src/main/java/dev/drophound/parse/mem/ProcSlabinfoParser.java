package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.facts.Span;
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
 * The kernel's slab caches, {@code cat /proc/slabinfo} (root only), version 2.1 as SLUB (tunables {@code 0 0 0}) and
 * SLAB (2.6.32: real tunables {@code 120 60 0}) print it:
 *
 * <pre>
 * slabinfo - version: 2.1
 * # name            &lt;active_objs&gt; &lt;num_objs&gt; &lt;objsize&gt; &lt;objperslab&gt; &lt;pagesperslab&gt; : tunables ... : slabdata ...
 * kmalloc-8192      128016 128016   8192    4    8 : tunables    0    0    0 : slabdata  32004  32004      0
 * </pre>
 *
 * Also {@code grep skb /proc/slabinfo} and pasted single lines without the header, with any spacing (seed 003 has
 * {@code kmalloc-8192 135760 135760 8192 4 8 : tunables 0 0 0 : slabdata 33940 33940 0}). One {@link MemoryGauges}
 * of kind {@code slab} per cache; the tunables are not kept. Text after the slabdata numbers (SLAB's debug
 * {@code : globalstat ... : cpustat ...}) is ignored.
 *
 * <p>Page size: slabinfo does not print it, so {@code bytes} = num_slabs x pagesperslab x 4096, unless a cache line
 * proves a larger page: a slab holds objperslab objects of objsize bytes (objsize is the object with its metadata),
 * so objperslab x objsize above pagesperslab x 4096 means 16 KiB or 64 KiB pages, and the smallest that fits all
 * lines of the block is used. A line that starts like a cache line but lacks numbers is malformed; a
 * {@code Permission denied} from cat (not root) is a tool message; other text is left to the sink.
 */
public final class ProcSlabinfoParser implements Parser {

    public static final String ID = "slabinfo";

    private static final Pattern VERSION = Pattern.compile("^slabinfo - version:\\s*(\\S+)\\s*$");
    private static final Pattern LEGEND = Pattern.compile("^#\\s*name\\s+<active_objs>.*");
    private static final Pattern CACHE = Pattern.compile("^\\s*(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)"
            + "\\s*:\\s*tunables\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*:\\s*slabdata\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)(?:\\s.*)?$");
    /** A name and two numbers: the start of a cache line, to tell a cut line from other text. */
    private static final Pattern CACHE_START = Pattern.compile("^\\s*\\S+\\s+\\d+\\s+\\d+(?:\\s.*)?$");
    private static final Pattern DENIED = Pattern.compile("^\\S+: /proc/slabinfo: .*");
    private static final Pattern PATH = Pattern.compile("(?:^|[\\s/<])proc/slabinfo(?:$|[\\s|;&>)])");
    private static final Pattern FILE = Pattern.compile("(?i)(?:^|[-_.])slabinfo(?:[-_.]|$)");
    private static final long[] PAGE_SIZES = {4096, 16384, 65536};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "slab caches from /proc/slabinfo: objects, slabs and bytes per cache";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/slabinfo", "grep skb /proc/slabinfo", "cat /proc/slabinfo | grep kmalloc");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (PATH.matcher(nameOrCommand).find()) {
            return 95;
        }
        // a file name; the command `slabinfo` (tools/mm/slabinfo) prints another format
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return !nameOrCommand.contains(" ") && !base.equals("slabinfo") && FILE.matcher(base).find() ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 5; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            String t = line.strip();
            if (VERSION.matcher(t).matches() || LEGEND.matcher(t).matches() || CACHE.matcher(line).matches()) {
                return 95;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("slabinfo - version:");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<Row> rows = new ArrayList<>();
        long pageSize = PAGE_SIZES[0];
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            String t = line.strip();
            Matcher v = VERSION.matcher(t);
            if (v.matches()) {
                sink.used(i);
                if (!v.group(1).startsWith("2.")) {
                    sink.warning(i, "slabinfo version " + v.group(1) + " is not 2.x: lines are read as 2.1 where they fit");
                }
                continue;
            }
            if (LEGEND.matcher(t).matches()) {
                sink.used(i);
                continue;
            }
            if (DENIED.matcher(t).matches()) {
                sink.toolMessage(i, t);
                continue;
            }
            Matcher m = CACHE.matcher(line);
            if (!m.matches()) {
                if (CACHE_START.matcher(line).matches()) {
                    sink.malformed(i, "expected NAME and 5 numbers, ': tunables' and 3, ': slabdata' and 3");
                }
                continue;
            }
            long[] row = new long[11];
            boolean ok = true;
            for (int g = 0; g < row.length; g++) {
                Long n = Numbers.decimal(m.group(g + 2));
                ok &= n != null;
                row[g] = n == null ? 0 : n;
            }
            if (!ok) {
                sink.malformed(i, "a number is out of range");
                continue;
            }
            sink.used(i);
            rows.add(new Row(m.group(1), row, block.span(i)));
            pageSize = Math.max(pageSize, pageSizeFor(row[2], row[3], row[4]));
        }
        for (Row row : rows) {
            sink.fact(gauges(row, pageSize));
        }
    }

    /** A cache line's name and its 11 numbers in slabinfo order. */
    private record Row(String name, long[] v, Span span) {
    }

    /** The smallest page size in which objperslab objects of objsize bytes fit pagesperslab pages. */
    private static long pageSizeFor(long objsize, long objperslab, long pagesperslab) {
        for (long size : PAGE_SIZES) {
            if (pagesperslab == 0 || objperslab * objsize <= pagesperslab * size) {
                return size;
            }
        }
        return PAGE_SIZES[PAGE_SIZES.length - 1];
    }

    private static MemoryGauges gauges(Row r, long pageSize) {
        long[] row = r.v();
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("active_objs", row[0]);
        values.put("num_objs", row[1]);
        values.put("objsize", row[2]);
        values.put("objperslab", row[3]);
        values.put("pagesperslab", row[4]);
        values.put("active_slabs", row[8]);
        values.put("num_slabs", row[9]);
        values.put("bytes", row[9] * row[4] * pageSize);
        return new MemoryGauges("slab", r.name(), ID, values, false, r.span());
    }
}
