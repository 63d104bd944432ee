package dev.drophound.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drophound.analysis.BundleManifest;
import dev.drophound.evidence.Diagnostic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * {@code drophound analyze BUNDLE} ({@link BundleManifest}) rebuilds the very evidence of the run from the manifest (names, samples,
 * capture times), so it gives the same findings as the live run. Without a manifest (a bundle unpacked and
 * edited) the files still read as {@code start/} and {@code end/} samples.
 */
public final class Bundle {

    public static final String MANIFEST = BundleManifest.MANIFEST;
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
        m.put("bundle", BundleManifest.MARKER);
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
}
