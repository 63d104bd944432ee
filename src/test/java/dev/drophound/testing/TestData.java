package dev.drophound.testing;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Fact;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import dev.drophound.evidence.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Access to the real outputs under {@code testdata/}: {@code testdata/fixtures} (captured by real tools,
 * copied from the project's shared fixtures, each folder's NOTES.md says how) and {@code testdata/seeds}
 * (the field reports). Never type an example output into a test: read it from here.
 */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        String configured = System.getProperty("drophound.testdata");
        Path p = configured != null ? Path.of(configured) : Path.of("testdata");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test data not found at " + p.toAbsolutePath());
        }
        return p;
    }

    /** A path under testdata/, e.g. {@code fixtures/01-udp-rcvbuf-overflow/proc-net-snmp.after.txt}. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("no such test data file: " + p);
        }
        return p;
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole file as one block, named by its file name (as {@code analyze} would see it). */
    public static Block block(String relative) {
        Path p = path(relative);
        return Block.ofText(p.getFileName().toString(), text(relative));
    }

    /** The whole file as one block that followed a shell prompt with this command. */
    public static Block blockWithCommand(String relative, String command) {
        Path p = path(relative);
        return Block.ofCommand(p.getFileName().toString(), command, text(relative));
    }

    /** Result of running one parser on one block. */
    public record Parsed(List<Fact> facts, List<Diagnostic> diagnostics) {
        public <T extends Fact> List<T> all(Class<T> type) {
            return facts.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public <T extends Fact> T one(Class<T> type) {
            List<T> list = all(type);
            if (list.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + ", got " + list.size() + ": " + facts);
            }
            return list.get(0);
        }

        public List<Diagnostic> warnings() {
            return diagnostics.stream().filter(d -> d.level() != Diagnostic.Level.INFO).toList();
        }
    }

    public static Parsed parse(Parser parser, Block block) {
        ParseSink sink = new ParseSink(block, parser.id());
        parser.parse(block, sink);
        List<Diagnostic> diagnostics = sink.finish();
        return new Parsed(List.copyOf(sink.facts()), diagnostics);
    }
}
