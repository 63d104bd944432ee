package dev.drophound.parse.tc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drophound.evidence.Block;
import dev.drophound.facts.QdiscStats;
import dev.drophound.facts.Span;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.io.IOException;
import java.util.List;

/**
 * {@code tc -s -j qdisc [show [dev X]]} (and {@code -p} pretty-printed): a JSON array with one object per qdisc,
 * keys {@code kind}, {@code handle}, {@code dev} (absent with {@code show dev X}: then from the command),
 * {@code root: true} or {@code parent}, {@code bytes}, {@code packets}, {@code drops}, {@code overlimits},
 * {@code requeues}, {@code backlog} (bytes) and {@code qlen} (packets); {@code options} and other keys are
 * not kept. tc prints the whole array on one line: each fact's span then quotes exactly that object's text
 * out of the line; a pretty-printed object quotes its lines. Messages before the JSON
 * ({@code Cannot find device "X"}) are tool messages; broken JSON is malformed at the line where it breaks,
 * and the objects before it are kept.
 */
public final class TcQdiscJsonParser implements Parser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String id() {
        return "tc-qdisc-json";
    }

    @Override
    public String description() {
        return "tc -s -j qdisc: qdisc statistics as JSON";
    }

    @Override
    public List<String> examples() {
        return List.of("tc -s -j qdisc", "tc -s -j qdisc show dev eth0", "tc -s -j -p qdisc");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return TcCommand.kind(nameOrCommand) == TcCommand.Kind.JSON ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < block.size() && head.length() < 400; i++) {
            head.append(block.line(i).strip());
        }
        String h = head.toString();
        if (!h.startsWith("[")) {
            return 0;
        }
        int kind = h.indexOf("\"kind\"");
        int handle = h.indexOf("\"handle\"");
        return kind > 0 && kind < 40 && handle > 0 ? 95 : 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        int start = 0;
        while (start < block.size() && !block.line(start).strip().startsWith("[")) {
            String line = block.line(start);
            if (TcCommand.isMessage(line)) {
                sink.toolMessage(start, line.strip());
            } else if (!line.isBlank()) {
                return; // no JSON here; the sink reports the lines
            }
            start++;
        }
        if (start == block.size()) {
            return;
        }
        String text = String.join("\n", block.lines().subList(start, block.size()));
        String device = TcCommand.device(block);
        boolean noStats = false;
        int line = start;
        try (JsonParser p = MAPPER.createParser(text)) {
            p.nextToken(); // START_ARRAY
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                JsonLocation from = p.currentTokenLocation();
                line = start + from.getLineNr() - 1;
                JsonNode node = p.readValueAsTree();
                JsonLocation to = p.currentTokenLocation();
                int fromLine = start + from.getLineNr() - 1;
                int toLine = start + to.getLineNr() - 1;
                sink.used(fromLine, toLine);
                if (!node.has("bytes")) {
                    noStats = true;
                    continue;
                }
                QdiscStats q = qdisc(node, device, span(block, fromLine, from, toLine, to));
                if (q == null) {
                    sink.malformed(fromLine, "qdisc object without kind or with a non-numeric statistic");
                } else {
                    sink.fact(q);
                }
            }
            line = start + p.currentTokenLocation().getLineNr() - 1;
            if (t != JsonToken.END_ARRAY) {
                sink.malformed(line, "expected a JSON array of qdisc objects");
            } else {
                sink.used(start);
                sink.used(line);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int broken = at == null ? line : start + Math.max(at.getLineNr(), 1) - 1;
            sink.malformed(Math.min(broken, block.size() - 1), "broken JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            sink.warning(start, "cannot read JSON: " + e.getMessage());
        }
        if (noStats) {
            sink.warning(start, "no statistics: this output is from tc -j without -s");
        }
    }

    /** The object's own text when it sits on one line with others, else its lines. */
    private static Span span(Block block, int fromLine, JsonLocation from, int toLine, JsonLocation to) {
        if (fromLine != toLine) {
            return block.spanRange(fromLine, toLine);
        }
        String raw = block.raw().get(fromLine);
        int begin = from.getColumnNr() - 1;
        int end = to.getColumnNr();
        if (begin == 0 && end >= raw.strip().length()) {
            return block.span(fromLine);
        }
        return Span.of(block.source().name(), block.lineNumber(fromLine), raw.substring(begin, end));
    }

    private static QdiscStats qdisc(JsonNode n, String commandDevice, Span span) {
        String kind = n.path("kind").asText(null);
        Long[] v = new Long[5];
        String[] keys = {"bytes", "packets", "drops", "overlimits", "requeues"};
        for (int k = 0; k < keys.length; k++) {
            JsonNode value = n.get(keys[k]);
            if (value != null && !value.isIntegralNumber()) {
                return null;
            }
            v[k] = value == null ? 0L : value.asLong();
        }
        if (kind == null || (n.has("backlog") && !n.get("backlog").isIntegralNumber())
                || (n.has("qlen") && !n.get("qlen").isIntegralNumber())) {
            return null;
        }
        String device = n.path("dev").asText(commandDevice == null ? "?" : commandDevice);
        String parent = n.path("root").asBoolean(false) ? "root" : n.path("parent").asText(null);
        Long backlog = n.has("backlog") ? n.get("backlog").asLong() : null;
        Long qlen = n.has("qlen") ? n.get("qlen").asLong() : null;
        return new QdiscStats(device, kind, n.path("handle").asText(null), parent, v[0], v[1], v[2], v[3], v[4],
                backlog, qlen, span);
    }
}
