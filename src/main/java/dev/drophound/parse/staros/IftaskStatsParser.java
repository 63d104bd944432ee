package dev.drophound.parse.staros;

import dev.drophound.evidence.Block;
import dev.drophound.facts.IftaskStats;
import dev.drophound.facts.LogTime;
import dev.drophound.facts.Span;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code show iftask stats} on StarOS: the DPDK forwarder's (iftask) counters since it started, one table per card and
 * a total, as seed 000 quotes it:
 *
 * <pre>
 *                            CARD 6 STATS
 * ---------------------------------------------------------------------------
 * Counters    SF6      SF6_PPS
 * ---------------------------------------------------------------------------
 * svc_rx                          2587301598                      2203
 * kni_drops                       0                               0
 *                               TOTAL STATS
 * ...
 * NDR is      100.0000
 * CONTINUE_TRAFFIC
 * </pre>
 *
 * One {@link IftaskStats} per table ({@code CARD 6 STATS} -> card {@code 6}, {@code TOTAL STATS} -> {@code TOTAL};
 * column from the {@code Counters} header; span: the title to the last row), with the latest date line above it as
 * {@code at}: several samples pasted one after another, each under its date, give a fact per table and sample. The
 * {@code NDR is} / {@code CONTINUE_TRAFFIC} trailer and the rule lines are used and not kept; {@code …} and blank lines
 * (also inside a table) are used without comment. A counter line without both numbers is malformed and left out, the
 * rest of its table kept.
 */
public final class IftaskStatsParser implements Parser {

    private static final Pattern TITLE = Pattern.compile("^\\s*(?:CARD\\s+(\\d+)|(TOTAL))\\s+STATS\\s*$");
    private static final Pattern COLUMNS = Pattern.compile("^\\s*Counters\\s+(\\S+)\\s+(\\S+)_PPS\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*-{5,}\\s*$");
    private static final Pattern TRAILER = Pattern.compile("^\\s*(?:NDR is\\s+\\d+(?:\\.\\d+)?|CONTINUE_TRAFFIC)\\s*$");
    /** A counter name first: what a (possibly broken) counter line starts with. */
    private static final Pattern COUNTER = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)(?:\\s.*)?$");
    private static final Pattern COMMAND = Pattern.compile("(?i)\\bshow\\s+iftask\\s+stats\\b");
    private static final Pattern FILE = Pattern.compile("(?i)iftask[-_ ]?stats");

    @Override
    public String id() {
        return "show-iftask-stats";
    }

    @Override
    public String description() {
        return "StarOS show iftask stats: iftask (DPDK forwarder) drop, discard and KNI counters per card and in total";
    }

    @Override
    public List<String> examples() {
        return List.of("show iftask stats");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.commandOrFile(nameOrCommand, COMMAND, FILE);
    }

    @Override
    public int contentScore(Block block) {
        for (int i : MonitorText.firstLines(block, 3)) {
            String line = block.line(i);
            if (TITLE.matcher(line).matches() || COLUMNS.matcher(line).matches()) {
                return 95;
            }
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        LogTime at = null;
        Table table = null;
        boolean prose = false; // a line not of this format since the last one that was: fillers after it are prose's
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (MonitorText.fillerOnly(line)) {
                if (!prose) {
                    sink.used(i);
                }
                continue;
            }
            prose = false;
            LogTime date = MonitorText.date(line);
            Matcher title = TITLE.matcher(line);
            Matcher columns = COLUMNS.matcher(line);
            if (date != null) {
                table = emit(block, sink, table);
                at = date;
                sink.used(i);
            } else if (title.matches()) {
                emit(block, sink, table);
                table = new Table(title.group(1) != null ? title.group(1) : "TOTAL", i, at);
                sink.used(i);
            } else if (TRAILER.matcher(line).matches()) {
                table = emit(block, sink, table);
                sink.used(i);
            } else if (RULE.matcher(line).matches()) {
                sink.used(i);
            } else if (table != null && columns.matches()) {
                table.column = columns.group(1);
                sink.used(i);
            } else if (table != null && COUNTER.matcher(line).matches()) {
                counter(block, sink, table, i);
            } else {
                prose = true;
            }
        }
        emit(block, sink, table);
    }

    private static void counter(Block block, ParseSink sink, Table table, int i) {
        String[] t = MonitorText.tokens(block.line(i));
        if (t.length != 3) {
            sink.malformed(i, "expected a counter name, its value and its _PPS value, got " + t.length + " values");
            return;
        }
        Long value = Numbers.decimal(t[1]);
        Long pps = Numbers.decimal(t[2]);
        if (value == null || pps == null) {
            sink.malformed(i, "value or _PPS of " + t[0] + " is not a number");
            return;
        }
        sink.used(i);
        Span span = block.span(i);
        table.values.put(t[0], value);
        table.pps.put(t[0], pps);
        table.lines.put(t[0], span);
        table.last = i;
    }

    /** Emits the table if it has counters; returns null (no open table). */
    private static Table emit(Block block, ParseSink sink, Table table) {
        if (table != null && !table.values.isEmpty()) {
            sink.fact(new IftaskStats(table.card, table.column, table.values, table.pps, table.lines, table.at,
                    block.spanRange(table.title, table.last)));
        }
        return null;
    }

    /** One table while it is read. */
    private static final class Table {
        final String card;
        final int title;
        final LogTime at;
        String column;
        int last;
        final Map<String, Long> values = new LinkedHashMap<>();
        final Map<String, Long> pps = new LinkedHashMap<>();
        final Map<String, Span> lines = new LinkedHashMap<>();

        Table(String card, int title, LogTime at) {
            this.card = card;
            this.title = title;
            this.at = at;
            this.last = title;
        }
    }
}
