package dev.drophound.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.Source;
import dev.drophound.model.Sample;
import dev.drophound.model.SamplePlanner;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reading side of a drophound evidence bundle ({@code drophound collect}): its {@code manifest.json} says, for
 * every file, the name it was read under on the host ({@code proc/net/snmp}, {@code ethtool -S eth0}), its sample
 * and the instant it was read, so the evidence of the live run is rebuilt exactly and gives the same findings,
 * whether the bundle is given packed or unpacked.
 */
public final class BundleManifest {

    public static final String MANIFEST = "manifest.json";
    public static final String MARKER = "drophound evidence bundle";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleManifest() {
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
        if (m == null || !m.path("bundle").asText().equals(MARKER)) {
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
