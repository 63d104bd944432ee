package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code slabtop -o} (procps and procps-ng; any sort order, {@code -s c}, {@code -s l} ..., same columns), and the first
 * screen of an interactive slabtop pasted as text:
 *
 * <pre>
 *  Active / Total Objects (% used)    : 571401 / 577473 (98.9%)
 *  ...
 *   OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME
 * 124683 124166  99%    0.10K   3197       39     12788K buffer_head
 * </pre>
 *
 * One {@link MemoryGauges} of kind {@code slab} per cache ({@code num_objs}, {@code active_objs}, {@code objsize},
 * {@code num_slabs}, {@code objperslab}, {@code bytes}); sizes are printed in K with two decimals, so they are
 * converted to bytes (x1024, rounded) and marked approximate. The summary, when present, is one more
 * {@link MemoryGauges} of kind {@code slab} with entity "" ({@code objects}, {@code active_objects}, {@code slabs},
 * {@code active_slabs}, {@code caches}, {@code active_caches}, {@code size_bytes}, {@code active_size_bytes}); its
 * Minimum / Average / Maximum Object line is read but not kept. A table row or summary line that breaks is malformed.
 */
public final class SlabtopParser implements Parser {

    public static final String ID = "slabtop";

    private static final Pattern SUMMARY = Pattern.compile(
            "^\\s*Active / Total (Objects|Slabs|Caches|Size) \\(% used\\)\\s*:\\s*([\\d.]+)(K?)\\s*/\\s*([\\d.]+)(K?)\\s*\\(.*\\)\\s*$");
    private static final Pattern SUMMARY_START = Pattern.compile("^\\s*(?:Active / Total|Minimum / Average / Maximum)\\b.*");
    private static final Pattern OBJECT_SIZES = Pattern.compile("^\\s*Minimum / Average / Maximum Object\\s*:.*");
    private static final Pattern HEADER = Pattern.compile("^\\s*OBJS\\s+ACTIVE\\s+USE\\s+OBJ SIZE\\s+SLABS\\s+OBJ/SLAB\\s+CACHE SIZE\\s+NAME\\s*$");
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)%\\s+(\\d+(?:\\.\\d+)?)K\\s+(\\d+)\\s+(\\d+)\\s+(\\d+(?:\\.\\d+)?)K\\s+(\\S+)\\s*$");
    private static final Pattern ROW_START = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+\\d+%.*");
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s|;&/])slabtop(?:\\s|$)");
    private static final Pattern FILE = Pattern.compile("(?i)(?:^|[-_.])slabtop(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "slab caches from slabtop -o: objects, slabs and cache size per cache, and the summary";
    }

    @Override
    public List<String> examples() {
        return List.of("slabtop -o", "slabtop -o -s c", "slabtop --once --sort=l");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.commandOrFile(nameOrCommand, COMMAND, FILE);
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 8; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (SUMMARY.matcher(line).matches() || HEADER.matcher(line).matches()) {
                return 95;
            }
            if (ROW.matcher(line).matches()) {
                return 85;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.stripLeading().startsWith("Active / Total Objects (% used)");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Map<String, Long> summary = new LinkedHashMap<>();
        int summaryFrom = -1;
        int summaryTo = -1;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher s = SUMMARY.matcher(line);
            if (s.matches()) {
                String what = s.group(1).toLowerCase();
                String prefix = what.equals("size") ? "size_bytes" : what;
                Long active = amount(s.group(2), !s.group(3).isEmpty());
                Long total = amount(s.group(4), !s.group(5).isEmpty());
                if (active == null || total == null) {
                    sink.malformed(i, "expected 'ACTIVE / TOTAL (PERCENT)'");
                    continue;
                }
                summary.put(prefix, total);
                summary.put("active_" + prefix, active);
                summaryFrom = summaryFrom < 0 ? i : summaryFrom;
                summaryTo = i;
                sink.used(i);
            } else if (OBJECT_SIZES.matcher(line).matches() || HEADER.matcher(line).matches()) {
                sink.used(i);
            } else if (SUMMARY_START.matcher(line).matches()) {
                sink.malformed(i, "expected 'Active / Total WHAT (% used) : ACTIVE / TOTAL (PERCENT)'");
            } else {
                row(block, sink, i);
            }
        }
        if (!summary.isEmpty()) {
            sink.fact(new MemoryGauges("slab", "", ID, summary, true, block.spanRange(summaryFrom, summaryTo)));
        }
    }

    private static void row(Block block, ParseSink sink, int i) {
        Matcher m = ROW.matcher(block.line(i));
        if (!m.matches()) {
            if (ROW_START.matcher(block.line(i)).matches()) {
                sink.malformed(i, "expected OBJS ACTIVE USE% OBJ-SIZE(K) SLABS OBJ/SLAB CACHE-SIZE(K) NAME");
            }
            return;
        }
        Long objs = Numbers.decimal(m.group(1));
        Long active = Numbers.decimal(m.group(2));
        Long objsize = amount(m.group(4), true);
        Long slabs = Numbers.decimal(m.group(5));
        Long perSlab = Numbers.decimal(m.group(6));
        Long bytes = amount(m.group(7), true);
        if (objs == null || active == null || objsize == null || slabs == null || perSlab == null || bytes == null) {
            sink.malformed(i, "a number is out of range");
            return;
        }
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("num_objs", objs);
        values.put("active_objs", active);
        values.put("objsize", objsize);
        values.put("num_slabs", slabs);
        values.put("objperslab", perSlab);
        values.put("bytes", bytes);
        sink.used(i);
        sink.fact(new MemoryGauges("slab", m.group(8), ID, values, true, block.span(i)));
    }

    /** A count, or with {@code kibibytes} a size in K (maybe with decimals) in bytes, rounded; null if too large. */
    private static Long amount(String number, boolean kibibytes) {
        try {
            BigDecimal v = new BigDecimal(number);
            if (kibibytes) {
                v = v.multiply(BigDecimal.valueOf(1024));
            }
            return v.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
