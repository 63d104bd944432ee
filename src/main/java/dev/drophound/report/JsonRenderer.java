package dev.drophound.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drophound.analysis.Analysis;
import dev.drophound.checks.CheckRegistry;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.findings.EvidenceLine;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Loss;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.SocketRef;
import dev.drophound.findings.Verdict;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON contract documented in docs/json-report.md: fields are added, never renamed or removed, within
 * a {@code schemaVersion}. Built node by node so the field order is the documented one.
 */
public final class JsonRenderer implements Renderer {

    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String id() {
        return "json";
    }

    @Override
    public void render(Analysis a, Options options, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(tree(a, options)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode tree(Analysis a, Options options) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "drophound");
        tool.put("version", options.version());
        root.set("verdict", verdict(a.verdict()));
        ArrayNode findings = root.putArray("findings");
        a.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic d : a.diagnostics()) {
            ObjectNode n = diagnostics.addObject();
            n.put("level", d.level().name().toLowerCase());
            n.put("file", d.source());
            if (d.line() > 0) {
                n.put("line", d.line());
            } else {
                n.putNull("line");
            }
            n.put("message", d.message());
        }
        ObjectNode inputs = root.putObject("inputs");
        inputs.put("filesRead", a.filesRead());
        ObjectNode formats = inputs.putObject("formats");
        a.formats().forEach(formats::put);
        inputs.put("samples", a.samples());
        if (a.windowSeconds() != null) {
            inputs.put("windowSeconds", a.windowSeconds());
        } else {
            inputs.putNull("windowSeconds");
        }
        ArrayNode checks = root.putArray("checks");
        for (CheckRegistry.Applied c : a.checks()) {
            ObjectNode n = checks.addObject();
            n.put("id", c.check().id());
            n.put("title", c.check().title());
            n.put("stage", c.check().stage().id());
            n.put("applicable", c.applicable());
            if (!c.applicable()) {
                n.put("needs", c.missing());
            }
        }
        return root;
    }

    private static ObjectNode verdict(Verdict v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("summary", v.summary());
        n.put("severity", v.severity().id());
        if (v.stage() != null) {
            n.put("stage", v.stage().id());
        } else {
            n.putNull("stage");
        }
        n.put("confidence", v.confidence().id());
        strings(n.putArray("checked"), v.checked());
        strings(n.putArray("notChecked"), v.notChecked());
        return n;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", f.id());
        n.put("severity", f.severity().id());
        n.put("stage", f.stage().id());
        n.put("title", f.title());
        n.put("summary", f.summary());
        ArrayNode evidence = n.putArray("evidence");
        for (EvidenceLine l : f.evidence()) {
            ObjectNode e = evidence.addObject();
            e.put("source", l.source());
            e.put("line", l.line());
            e.put("text", l.text());
        }
        n.put("explanation", f.explanation());
        ArrayNode remediation = n.putArray("remediation");
        for (Remediation r : f.remediation()) {
            ObjectNode e = remediation.addObject();
            e.put("command", r.command());
            e.put("why", r.why());
            putNullable(e, "persistent", r.persistent());
            putNullable(e, "cost", r.cost());
        }
        n.put("confidence", f.confidence().id());
        n.put("confidenceReason", f.confidenceReason());
        strings(n.putArray("nextSteps"), f.nextSteps());
        Loss loss = f.loss();
        if (loss != null) {
            ObjectNode l = n.putObject("loss");
            l.put("packets", loss.packets());
            putNullable(l, "perSecond", loss.perSecond());
            putNullable(l, "windowSeconds", loss.windowSeconds());
            l.put("cumulative", loss.cumulative());
            l.put("counter", loss.counter());
        } else {
            n.putNull("loss");
        }
        SocketRef s = f.socket();
        if (s != null) {
            ObjectNode o = n.putObject("socket");
            o.put("protocol", s.protocol());
            o.put("localAddress", s.localAddress());
            o.put("localPort", s.localPort());
            putNullable(o, "remote", s.remote());
            putNullable(o, "inode", s.inode());
            putNullable(o, "pid", s.pid() == null ? null : s.pid().longValue());
            putNullable(o, "command", s.command());
            strings(o.putArray("owners"), s.owners());
            putNullable(o, "drops", s.drops());
            putNullable(o, "dropsPerSecond", s.dropsPerSecond());
            putNullable(o, "recvQ", s.recvQ());
            putNullable(o, "rcvbuf", s.rcvbuf());
        } else {
            n.putNull("socket");
        }
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void putNullable(ObjectNode n, String key, String v) {
        if (v == null) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static void putNullable(ObjectNode n, String key, Long v) {
        if (v == null) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static void putNullable(ObjectNode n, String key, Double v) {
        if (v == null) {
            n.putNull(key);
        } else {
            n.put(key, Math.round(v * 1000) / 1000.0);
        }
    }
}
