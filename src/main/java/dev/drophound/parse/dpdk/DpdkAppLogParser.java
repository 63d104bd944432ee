package dev.drophound.parse.dpdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drophound.evidence.Block;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.LogTime;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DPDK application prints: {@code dpdk-testpmd ... 2>&1} (EAL lines and {@code testpmd: ...} on stderr,
 * testpmd's own lines on stdout, interleaved as the buffers flushed), VPP and custom applications, containers'
 * logs ({@code docker logs}, {@code kubectl logs}). Variants in the tests: DPDK 19.11 to 22.11, x86 and arm64.
 *
 * <p>The messages {@link DpdkMessages} knows become {@code DpdkEvent}s. {@code EAL: Error - exiting with code: N}
 * and the indented {@code Cause: ...} line after it are one event, quoted with both lines, whose kind is what the
 * cause says ({@code APP_POOL_FAILED}, {@code INIT_FAILED}, else {@code APP_EXIT}) and whose text is the cause line.
 * The program is {@code testpmd} when the output has {@code testpmd:} lines or the command or file name says
 * testpmd, else the {@code dpdk-*} or {@code vpp} command, else null; there is no time (EAL prints none).
 *
 * <p>Applications that log JSON (NDN-DPDK's zap logger: one object per line, DPDK's lines in {@code msg}) are read
 * the same way: {@code msg} is the message, {@code ts} (epoch seconds) the time, {@code level} mapped to OVS's
 * level names; a line that is not valid JSON is malformed. Every line of a standalone output is used (the
 * application prints what it likes); in a section of a document only EAL-style lines are.
 */
public final class DpdkAppLogParser implements Parser {

    private static final int SNIFF_LINES = 60;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern EXIT = Pattern.compile("^EAL: Error - exiting with code: -?\\d+$");
    private static final Pattern CAUSE = Pattern.compile("^\\s*Cause: \\S");
    private static final Pattern START = Pattern.compile("^EAL: Detected (?:CPU lcores: \\d+|\\d+ lcore\\(s\\))$");
    /** {@code EAL: ...}, {@code testpmd: ...}, {@code VHOST_CONFIG: ...}: a component's line. */
    private static final Pattern COMPONENT = Pattern.compile("^[A-Za-z][\\w-]{1,23}: \\S");
    private static final Pattern COMMAND = Pattern.compile(
            "(?:^|[\\s/|;&])((?:dpdk-)?testpmd|dpdk-(?!hugepages|devbind|pmdinfo|telemetry)[\\w-]+|vpp)(?:\\s|$)");
    private static final Pattern FILE = Pattern.compile("(?i)^(?:dpdk-)?testpmd\\b.*");
    private static final Pattern EAL_FILE = Pattern.compile("(?i)^eal[-_.].*");

    @Override
    public String id() {
        return "dpdk-app-log";
    }

    @Override
    public String description() {
        return "DPDK application output (testpmd, VPP, custom apps; EAL lines, JSON-wrapped too): EAL memory "
                + "errors, mbuf pools, exit causes";
    }

    @Override
    public List<String> examples() {
        return List.of("dpdk-testpmd -l 0-1 -- -i 2>&1", "docker logs <dpdk-app-container>", "vpp -c /etc/vpp/startup.conf");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        String s = nameOrCommand.strip();
        if (s.contains(" ") || s.contains("|")) {
            return COMMAND.matcher(s).find() ? 95 : 0;
        }
        String base = s.substring(s.lastIndexOf('/') + 1);
        return FILE.matcher(base).matches() ? 85 : EAL_FILE.matcher(base).matches() ? 60 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int eal = 0;
        int testpmd = 0;
        int json = 0;
        for (int i = 0; i < block.size() && seen < SNIFF_LINES; i++) {
            String t = block.line(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            seen++;
            if (OvsLogLine.read(t).shape() == OvsLogLine.Shape.VLOG) {
                return 0; // EAL lines inside an OVS log are the OVS log's
            }
            if (t.startsWith("EAL: ")) {
                eal++;
            } else if (t.startsWith("testpmd: ")) {
                testpmd++;
            } else if (t.startsWith("{") && t.contains("\"msg\":\"EAL: ")) {
                json++;
            }
        }
        return testpmd > 0 || eal >= 2 ? 90 : eal == 1 ? 70 : json > 0 ? 85 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("EAL: Detected") && START.matcher(line.strip()).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String program = program(block);
        for (int i = 0; i < block.size(); i++) {
            String t = block.line(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("{")) {
                json(block, sink, i, t);
                continue;
            }
            if (EXIT.matcher(t).matches()) {
                i = exit(block, sink, i, program);
                continue;
            }
            DpdkMessages.Message m = DpdkMessages.classify(t);
            if (!block.inDocument() || m != null || COMPONENT.matcher(t).find()) {
                sink.used(i);
            }
            if (m != null && m.problem != null) {
                sink.malformed(i, m.problem);
            } else if (m != null) {
                sink.fact(m.event(program, null, null, null, null, t, block.span(i)));
            }
        }
    }

    /** The exit line and its {@code Cause:} line as one event; returns the index of the last line used. */
    private static int exit(Block block, ParseSink sink, int i, String program) {
        sink.used(i);
        int j = i + 1;
        while (j < block.size() && block.line(j).isBlank()) {
            j++;
        }
        if (j < block.size() && CAUSE.matcher(block.line(j)).find()) {
            sink.used(j);
            String cause = block.line(j).strip();
            DpdkMessages.Message m = DpdkMessages.classify(cause); // a Cause: line is always classified
            if (m.problem != null) {
                sink.malformed(j, m.problem);
            } else {
                sink.fact(m.event(program, null, null, null, null, cause, block.span(i, j)));
            }
            return j;
        }
        DpdkMessages.Message exit = new DpdkMessages.Message();
        exit.kind = DpdkEvent.Kind.APP_EXIT;
        sink.fact(exit.event(program, null, null, null, null, block.line(i).strip(), block.span(i)));
        return i;
    }

    private static void json(Block block, ParseSink sink, int i, String t) {
        JsonNode node;
        try {
            node = JSON.readTree(t);
        } catch (JsonProcessingException e) {
            sink.malformed(i, "not a whole JSON log record");
            return;
        }
        if (node == null || !node.isObject()) {
            sink.malformed(i, "not a JSON log record");
            return;
        }
        sink.used(i);
        JsonNode msg = node.get("msg");
        if (msg == null || !msg.isTextual()) {
            return;
        }
        DpdkMessages.Message m = DpdkMessages.classify(msg.asText());
        if (m == null) {
            return;
        }
        if (m.problem != null) {
            sink.malformed(i, m.problem);
            return;
        }
        sink.fact(m.event(null, time(node.get("ts")), null, level(node.get("level")), null, msg.asText().strip(),
                block.span(i)));
    }

    private static LogTime time(JsonNode ts) {
        if (ts == null || !ts.isNumber()) {
            return null;
        }
        BigDecimal seconds = ts.decimalValue();
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return new LogTime(null, Instant.ofEpochSecond(whole, nanos), ts.asText());
    }

    /** zap's level names as OVS's ({@code warn} -> {@code WARN}, {@code error} -> {@code ERR}). */
    private static String level(JsonNode level) {
        if (level == null || !level.isTextual()) {
            return null;
        }
        return switch (level.asText().toLowerCase(Locale.ROOT)) {
            case "debug" -> "DBG";
            case "info" -> "INFO";
            case "warn", "warning" -> "WARN";
            case "error" -> "ERR";
            case "dpanic", "panic", "fatal" -> "EMER";
            default -> null;
        };
    }

    /** {@code testpmd} from its lines, the command or the file name; a {@code dpdk-*} or vpp command; else null. */
    static String program(Block block) {
        for (int i = 0; i < block.size(); i++) {
            if (block.line(i).startsWith("testpmd: ")) {
                return "testpmd";
            }
        }
        if (block.command() != null) {
            Matcher m = COMMAND.matcher(block.command());
            if (m.find()) {
                return m.group(1).endsWith("testpmd") ? "testpmd" : m.group(1);
            }
        }
        String base = block.name().substring(block.name().lastIndexOf('/') + 1);
        return FILE.matcher(base).matches() ? "testpmd" : null;
    }
}
