package dev.drophound.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drophound.analysis.Evidence;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.Source;
import dev.drophound.model.Sample;
import dev.drophound.model.SamplePlanner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * An evidence bundle: what a live run read, exactly as read, in a {@code .tar.gz} a ticket can carry.
 *
 * <pre>
 * drophound-HOST-20261122-101500/manifest.json            what, when, by whom; maps each file to its sample
 * drophound-HOST-20261122-101500/start/proc/net/snmp       files as read at the start
 * drophound-HOST-20261122-101500/start/ethtool_-S_eth0     tool outputs, named the way sosreport names them
 * drophound-HOST-20261122-101500/end/...                   the same at the end, and the drop trace
 * </pre>
 * {@code drophound analyze BUNDLE} rebuilds the very evidence of the run from the manifest (names, samples,
 * capture times), so it gives the same findings as the live run. Without a manifest (a bundle unpacked and
 * edited) the files still read as {@code start/} and {@code end/} samples.
 */
public final class Bundle {

    public static final String MANIFEST = "manifest.json";
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Bundle() {
    }

    /** The file name inside the bundle for an item: {@code start/proc/net/snmp}, {@code end/ethtool_-S_eth0}. */
    static String entryPath(Captured.Item item) {
        String safe = item.name().replace(' ', '_').replaceAll("[^A-Za-z0-9._/@:+=,-]", "_").replaceAll("\\.\\.+", "_");
        while (safe.startsWith("/")) {
            safe = safe.substring(1);
        }
        return item.label() + "/" + safe;
    }

    /** Writes the bundle atomically (a temporary file renamed into place). */
    public static void write(Path target, LiveRun.Result run, String version) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".drophound-", ".tar.gz.part");
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                    GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                String top = topDirectory(target);
                List<Captured.Item> items = run.captured().items();
                ObjectNode manifest = manifest(run, version, items);
                put(tar, top + "/" + MANIFEST, JSON.writeValueAsBytes(manifest), run.ended());
                Set<String> written = new HashSet<>();
                for (Captured.Item item : items) {
                    String path = entryPath(item);
                    if (written.add(path)) {
                        put(tar, top + "/" + path, item.text().getBytes(StandardCharsets.UTF_8), item.at());
                    }
                }
                tar.finish();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The bundle's top directory: the file name without {@code .tar.gz}. */
    static String topDirectory(Path target) {
        String n = target.getFileName().toString().replaceFirst("(\\.tar\\.gz|\\.tgz|\\.tar)$", "");
        return n.isEmpty() ? "drophound" : n;
    }

    private static ObjectNode manifest(LiveRun.Result run, String version, List<Captured.Item> items) {
        ObjectNode m = JSON.createObjectNode();
        m.put("bundle", "drophound evidence bundle");
        m.put("format", FORMAT);
        m.put("version", version);
        m.put("started", run.started().toString());
        m.put("ended", run.ended().toString());
        m.put("durationSeconds", run.duration().toMillis() / 1000.0);
        m.put("uid", run.uid());
        ArrayNode traced = m.putArray("traced");
        run.traced().forEach(traced::add);
        ArrayNode diags = m.putArray("diagnostics");
        for (Diagnostic d : run.captured().diagnostics()) {
            ObjectNode o = diags.addObject();
            o.put("level", d.level().name());
            o.put("source", d.source());
            o.put("line", d.line());
            o.put("message", d.message());
        }
        ArrayNode files = m.putArray("files");
        Set<String> seen = new HashSet<>();
        for (Captured.Item item : items) {
            String path = entryPath(item);
            if (!seen.add(path)) {
                continue;
            }
            ObjectNode o = files.addObject();
            o.put("path", path);
            o.put("name", item.name());
            o.put("source", item.source());
            o.put("sample", item.sample());
            o.put("label", item.label());
            o.put("at", item.at().toString());
        }
        return m;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] data, Instant at) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setMode(0644);
        e.setLastModifiedTime(FileTime.from(at));
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    /** Evidence rebuilt from a bundle's manifest, the diagnostics of the live run, and what did not fit. */
    public record Read(List<Evidence> evidence, List<Diagnostic> diagnostics, Set<String> used) {
    }

    /**
     * Rebuilds the live run's evidence from a manifest.
     *
     * @param where     how to name the bundle in sources ({@code host.tar.gz!})
     * @param manifest  the manifest's text
     * @param textOf    the text of a file by its path below the bundle's top directory
     * @return empty if this is not a drophound manifest
     */
    public static Optional<Read> read(String where, String manifest, Function<String, Optional<String>> textOf) {
        JsonNode m;
        try {
            m = JSON.readTree(manifest);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (m == null || !m.path("bundle").asText().equals("drophound evidence bundle")) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<String> used = new HashSet<>();
        used.add(MANIFEST);
        for (JsonNode d : m.path("diagnostics")) {
            Diagnostic.Level level;
            try {
                level = Diagnostic.Level.valueOf(d.path("level").asText());
            } catch (IllegalArgumentException e) {
                level = Diagnostic.Level.INFO;
            }
            diagnostics.add(new Diagnostic(level, d.path("source").asText(), d.path("line").asInt(),
                    d.path("message").asText()));
        }
        int missing = 0;
        for (JsonNode f : m.path("files")) {
            String path = f.path("path").asText();
            Optional<String> text = textOf.apply(path);
            if (text.isEmpty()) {
                missing++;
                continue;
            }
            used.add(path);
            Instant at;
            try {
                at = Instant.parse(f.path("at").asText());
            } catch (DateTimeParseException e) {
                at = null;
            }
            String name = f.path("name").asText(path);
            evidence.add(new Evidence(new Source(where + path, Source.Kind.ARCHIVE_ENTRY), name, text.get(),
                    new SamplePlanner.Slot(name, f.path("sample").asLong(), f.path("label").asText("sample"), null, at,
                            Sample.CAPTURE_TIME)));
        }
        if (missing > 0) {
            diagnostics.add(Diagnostic.warning(where + MANIFEST, 0, missing + " files listed in the manifest are not in "
                    + "the bundle (or could not be read); the analysis uses the rest"));
        }
        return Optional.of(new Read(evidence, diagnostics, used));
    }
}
