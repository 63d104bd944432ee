package dev.drophound.parse.proto;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the header/value line pairs that /proc/net/snmp and /proc/net/netstat share:
 * <pre>
 * Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
 * Udp: 32 1420 201364 212903 201364 0 0 0 0
 * </pre>
 * The columns differ by kernel, so the names always come from the header. A value line whose count differs
 * from its header's is reported and none of its values kept (they could sit under the wrong names); a value
 * that is not a number is reported and only that value dropped. Tokens after the last value that do not start
 * like a number are trailing junk (an author's annotation) and ignored.
 */
final class HeaderValueTable {
    private HeaderValueTable() {
    }

    private static final Pattern LINE = Pattern.compile("([A-Za-z][A-Za-z0-9]*):\\s+(\\S.*)");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** One {@code Group: tokens...} line. */
    private record Row(int index, String group, String[] tokens) {
        boolean isValues() {
            return MibNames.looksNumeric(tokens[0]);
        }
    }

    private static Row row(Block block, int i) {
        Matcher m = LINE.matcher(block.line(i).strip());
        if (!m.matches() || block.inDocument() && !MibNames.ALL_GROUPS.contains(m.group(1))) {
            return null; // in an article, "Note: ..." is prose, not a group of an unknown kernel
        }
        return new Row(i, m.group(1), SPACES.split(m.group(2).strip()));
    }

    static void parse(Block block, ParseSink sink, String format) {
        Row header = null;
        for (int i = 0; i < block.size(); i++) {
            if (block.line(i).isBlank()) {
                continue;
            }
            Row row = row(block, i);
            if (row == null) {
                continue; // not ours; the sink reports it
            }
            if (!row.isValues()) {
                if (header != null) {
                    sink.malformed(header.index(), header.group() + " header without a value line after it");
                }
                header = row;
                continue;
            }
            if (header == null || !header.group().equals(row.group())) {
                if (header != null) {
                    sink.malformed(header.index(), header.group() + " header without a value line after it");
                }
                sink.malformed(i, "values without a " + row.group() + " header line before them");
                header = null;
                continue;
            }
            sink.used(header.index());
            readValues(block, sink, format, header, row);
            header = null;
        }
        if (header != null) {
            sink.malformed(header.index(), header.group() + " header without a value line after it (output cut?)");
        }
    }

    private static void readValues(Block block, ParseSink sink, String format, Row header, Row values) {
        String[] names = header.tokens();
        String[] tokens = values.tokens();
        int n = names.length;
        if (tokens.length < n || tokens.length > n && MibNames.looksNumeric(tokens[n])) {
            sink.malformed(values.index(), "expected " + n + " values after the " + header.group()
                    + " header (line " + block.lineNumber(header.index()) + "), got "
                    + countNumeric(tokens) + "; none of them kept");
            return;
        }
        sink.used(values.index());
        Span span = block.span(header.index(), values.index());
        List<Counter> counters = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Long v = Numbers.signedDecimal(tokens[k]);
            if (v == null) {
                bad.add(names[k] + " \"" + tokens[k] + "\"");
            } else if (!MibNames.isGauge(header.group(), names[k])) {
                counters.add(new Counter(ProtocolCounters.key(header.group(), names[k]), v, 64, span));
            }
        }
        if (!bad.isEmpty()) {
            sink.malformed(values.index(), "not a number, skipped: " + String.join(", ", bad));
        }
        sink.fact(new ProtocolCounters(header.group(), format, counters,
                MibNames.kernelOmitsZeros(header.group()), span));
    }

    private static int countNumeric(String[] tokens) {
        int c = 0;
        while (c < tokens.length && MibNames.looksNumeric(tokens[c])) {
            c++;
        }
        return c;
    }

    /**
     * Content score for a header/value file from its first lines: {@code sure} when a header of one of
     * {@code groups} is followed by its value line, 60 for such a header alone (a cut file), else 0. A file
     * whose first group belongs to neither set scores 0, so the snmp and netstat parsers never both claim one.
     */
    static int score(Block block, Set<String> groups, int sure) {
        Row previous = null;
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 8; i++) {
            if (block.line(i).isBlank()) {
                continue;
            }
            seen++;
            Row row = row(block, i);
            if (row == null) {
                return 0;
            }
            if (!groups.contains(row.group())) {
                return 0;
            }
            if (previous != null && !previous.isValues() && row.isValues()
                    && previous.group().equals(row.group())) {
                return sure;
            }
            previous = row;
        }
        return previous != null && !previous.isValues() ? 60 : 0;
    }
}
