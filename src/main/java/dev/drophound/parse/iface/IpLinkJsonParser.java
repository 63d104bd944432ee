package dev.drophound.parse.iface;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drophound.evidence.Block;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.InterfaceState;
import dev.drophound.facts.Span;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON of {@code ip -j -s link} (also {@code ip -s -j link}, {@code ip -j -s -s link},
 * {@code ip -j link} and the {@code ip -j addr} forms): an array of objects with {@code ifname}, {@code flags},
 * {@code mtu}, {@code qdisc}, {@code operstate}, {@code txqlen} and, with {@code -s}, {@code stats64} (or,
 * from kernels without 64-bit stats, {@code stats}, read as 32-bit counters) holding {@code rx} and {@code tx}.
 *
 * <p>Keys are mapped literally: {@code rx.over_errors} is rx_over_errors, {@code rx.missed_errors}
 * rx_missed_errors, {@code tx.carrier_changes} carrier_changes; an unknown key becomes {@code rx_<key>} /
 * {@code tx_<key>} with a warning. iproute2 prints the whole array on ONE line, so each interface's span
 * quotes the exact excerpt of that line holding its object (found from Jackson's character offsets), with the
 * real line number; pretty-printed ({@code -p}) objects get their line range. A cut or broken file gives one
 * diagnostic with the line and Jackson's reason, and the interfaces read completely before it are kept.
 */
public final class IpLinkJsonParser implements Parser {

    public static final String ID = "ip-link-json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Interface state and counters from ip -j -s link (JSON)";
    }

    @Override
    public List<String> examples() {
        return List.of("ip -j -s link", "ip -s -j link show dev eth0", "ip -j -s -s link", "ip -j link");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        int best = 0;
        for (IpCommand c : IpCommand.of(nameOrCommand)) {
            best = Math.max(best, !c.json() ? 0 : c.stats() ? 95 : 90);
        }
        return best;
    }

    @Override
    public int contentScore(Block block) {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < block.size() && i < 10 && head.length() < 2000; i++) {
            String s = block.line(i).strip();
            head.append(s, 0, Math.min(s.length(), 2000));
        }
        String h = head.toString().replace(" ", "");
        if (h.startsWith("[{\"ifindex\":") && h.contains("\"ifname\":")) {
            return h.contains("\"operstate\":") ? 95 : 30; // without operstate: bridge -j link, not ours
        }
        return IpLinkParser.TOOL_MESSAGE.matcher(head.toString()).matches() ? 25 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("[{\"ifindex\":") && line.contains("\"operstate\":");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        int first = 0;
        while (first < block.size() && block.line(first).isBlank()) {
            first++;
        }
        if (first == block.size()) {
            return;
        }
        String firstLine = block.line(first).strip();
        if (!firstLine.startsWith("[") && !firstLine.startsWith("{")) {
            if (IpLinkParser.TOOL_MESSAGE.matcher(firstLine).matches()) {
                sink.toolMessage(first, firstLine);
            } else {
                sink.malformed(first, "expected the JSON array of ip -j link");
            }
            return;
        }
        Text text = new Text(block.lines());
        Set<String> unknown = new HashSet<>();
        int readUpTo = first - 1; // last line index known to be well-formed
        try (JsonParser p = MAPPER.createParser(text.joined)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    JsonNode node = MAPPER.readTree(p);
                    int end = (int) p.currentTokenLocation().getCharOffset() + 1;
                    readInterface(node, objectSpan(block, text, start, end), text.lineOf(start), unknown, sink);
                    readUpTo = text.lineOf(end - 1);
                } else if (t != JsonToken.START_ARRAY && t != JsonToken.END_ARRAY) {
                    sink.malformed(text.lineOf((int) p.currentTokenLocation().getCharOffset()),
                            "expected an interface object, found " + t);
                    return;
                }
            }
            readUpTo = block.size() - 1;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int offset = at == null ? text.joined.length() : (int) Math.max(0, at.getCharOffset());
            int line = text.lineOf(Math.min(offset, Math.max(0, text.joined.length() - 1)));
            sink.malformed(line, "JSON broken at column " + (offset - text.starts[line] + 1) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("").strip()
                    + " (interfaces before it kept)");
        } catch (IOException e) {
            sink.warning(first, "could not read the JSON: " + e.getMessage()); // not expected from a String
        }
        for (int i = first; i <= readUpTo; i++) {
            if (!block.line(i).isBlank()) {
                sink.used(i);
            }
        }
    }

    private static void readInterface(JsonNode node, Span span, int line, Set<String> unknown, ParseSink sink) {
        String iface = node.path("ifname").asText(null);
        if (iface == null) {
            sink.warning(line, "an object without \"ifname\" skipped");
            return;
        }
        List<String> flags = new ArrayList<>();
        node.path("flags").forEach(f -> flags.add(f.asText()));
        sink.fact(new InterfaceState(iface,
                node.hasNonNull("mtu") ? node.get("mtu").asInt() : null, flags,
                node.path("operstate").asText(null), node.path("qdisc").asText(null),
                node.hasNonNull("txqlen") ? node.get("txqlen").asLong() : null, span));
        boolean has64 = node.has("stats64");
        JsonNode stats = has64 ? node.get("stats64") : node.path("stats");
        int bits = has64 ? 64 : 32; // IFLA_STATS is struct rtnl_link_stats, 32-bit fields
        CounterList counters = new CounterList(iface);
        for (String dir : List.of("rx", "tx")) {
            Iterator<Map.Entry<String, JsonNode>> fields = stats.path(dir).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getValue().isIntegralNumber()) {
                    continue;
                }
                String name = counterName(dir.equals("rx"), f.getKey());
                if (name == null) {
                    name = dir + "_" + f.getKey();
                    if (unknown.add(name)) {
                        sink.warning(line, "unknown key " + dir + "." + f.getKey() + " kept as counter '" + name + "'");
                    }
                }
                counters.add(name, f.getValue().bigIntegerValue().longValue(), bits, span);
            }
        }
        counters.emit(sink, ID);
    }

    /** The object's own text: an excerpt of its line when it sits on one line, else its whole lines. */
    private static Span objectSpan(Block block, Text text, int start, int end) {
        int a = text.lineOf(start);
        int b = text.lineOf(end - 1);
        if (a != b) {
            return block.spanRange(a, b);
        }
        String line = block.line(a);
        return Span.of(block.source().name(), block.lineNumber(a),
                line.substring(start - text.starts[a], end - text.starts[a]));
    }

    /** What a key of stats64.rx / stats64.tx means; null if unknown. */
    static String counterName(boolean rx, String key) {
        if (rx) {
            return switch (key) {
                case "multicast" -> IfStat.MULTICAST;
                case "otherhost", "otherhost_dropped" -> "rx_otherhost_dropped";
                case "bytes", "packets", "errors", "dropped", "over_errors", "length_errors", "crc_errors",
                        "frame_errors", "fifo_errors", "missed_errors", "nohandler", "compressed" -> "rx_" + key;
                default -> null;
            };
        }
        return switch (key) {
            case "collisions" -> IfStat.COLLISIONS;
            case "carrier_changes" -> "carrier_changes";
            case "bytes", "packets", "errors", "dropped", "carrier_errors", "aborted_errors", "fifo_errors",
                    "window_errors", "heartbeat_errors", "compressed" -> "tx_" + key;
            default -> null;
        };
    }

    /** The block's lines joined with '\n', and where each line starts in the joined text. */
    private static final class Text {
        final String joined;
        final int[] starts;

        Text(List<String> lines) {
            starts = new int[lines.size()];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                starts[i] = sb.length();
                sb.append(lines.get(i)).append('\n');
            }
            joined = sb.toString();
        }

        int lineOf(int offset) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }
}
