package dev.drophound.parse.socket;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SockstatLine;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/net/sockstat} and {@code cat /proc/net/sockstat6}: one {@link SockstatLine} per line.
 *
 * <pre>
 * sockets: used 13
 * TCP: inuse 1 orphan 0 tw 0 alloc 1 mem 0
 * UDP: inuse 1 mem 253
 * FRAG: inuse 0 memory 0
 * </pre>
 *
 * Every line is {@code NAME: key value key value ...}; all pairs are kept whatever their names, so lines that
 * not every kernel prints ({@code UDPLITE}, {@code FRAG6}) need nothing special. {@code mem} is
 * in pages, {@code memory} (FRAG) in bytes. A key without a number after it ({@code mem x1z}, a cut line) makes
 * the line malformed; the other lines are kept. Text after the last pair (an author's annotation in an article)
 * is ignored. Not this format: {@code ss -s}, whose {@code TCP:   1 (estab 0, ...)} puts a number straight after
 * the name.
 */
public final class SockstatParser implements Parser {

    private static final Pattern NAME = Pattern.compile(
            "proc[/_-](?:(?:\\d+|self)[/_-])?net[/_-]sockstat6?(?![\\w])");
    private static final Pattern LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9]*):((?:\\s+[a-z_]+\\s+\\d+)+)\\s*$");
    /** A sockstat line, maybe broken: the name, then a key the kernel prints. */
    private static final Pattern LABEL = Pattern.compile(
            "^(sockets|[A-Z][A-Z0-9]*):\\s+((?:used|inuse|orphan|tw|alloc|mem|memory)\\b.*)$");

    @Override
    public String id() {
        return "proc-net-sockstat";
    }

    @Override
    public String description() {
        return "/proc/net/sockstat and sockstat6: sockets in use and socket memory (pages) per protocol";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/sockstat", "cat /proc/net/sockstat6");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (!LINE.matcher(line).matches()) {
                return 0;
            }
            // "sockets: used" opens sockstat, "TCP6: inuse" sockstat6; other NAME: key value lines are weaker
            return line.startsWith("sockets: used") || line.startsWith("TCP6: inuse") ? 95 : 60;
        }
        return 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^sockets: used \\d+\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        for (int i = 0; i < block.size(); i++) {
            Matcher m = LABEL.matcher(block.line(i));
            if (!m.matches()) {
                continue; // not a sockstat line: left to the sink
            }
            String[] t = m.group(2).strip().split("\\s+");
            Map<String, Long> fields = new LinkedHashMap<>();
            String problem = null;
            for (int k = 0; k < t.length && t[k].matches("[a-z_]+"); k += 2) {
                Long value = k + 1 < t.length ? Numbers.decimal(t[k + 1]) : null;
                if (value == null) {
                    problem = "\"" + t[k] + "\" is not followed by a number";
                    break;
                }
                fields.put(t[k], value);
            }
            if (problem != null) {
                sink.malformed(i, problem);
                continue;
            }
            sink.used(i); // anything after the last pair (an annotation in an article) is ignored
            sink.fact(new SockstatLine(m.group(1), fields, block.span(i)));
        }
    }
}
