package dev.drophound.testing;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Sectioner;
import dev.drophound.evidence.Source;
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

    /**
     * The {@code occurrence}-th (1-based) output of {@code command} in a seed or other document, cut by the
     * production {@link Sectioner} exactly as {@code drophound analyze} cuts it: lines after the prompt up to
     * the next prompt (prose included), authors' annotations removed from {@code lines()}, kept in {@code raw()}.
     *
     * @param relative e.g. {@code seeds/001_64cba6ed93d5da2f.txt}
     * @param command  the command as it follows the prompt, e.g. {@code ethtool -g ens33}
     */
    public static Block section(String relative, String command, int occurrence) {
        Path p = path(relative);
        List<Block> blocks = new Sectioner(line -> false).split(Source.file(relative), p.getFileName().toString(),
                text(relative));
        int seen = 0;
        for (Block b : blocks) {
            if (command.equals(b.command()) && ++seen == occurrence) {
                return b;
            }
        }
        throw new IllegalStateException("no output #" + occurrence + " of '" + command + "' in " + relative
                + " (found: " + blocks.stream().map(Block::command).filter(c -> c != null).toList() + ")");
    }

    /** The block of a document, as the production Sectioner cuts it, that holds a line containing {@code text}. */
    public static Block blockContaining(String relative, String text) {
        Path p = path(relative);
        for (Block b : new Sectioner(line -> false).split(Source.file(relative), p.getFileName().toString(), text(relative))) {
            if (b.raw().stream().anyMatch(l -> l.contains(text))) {
                return b;
            }
        }
        throw new IllegalStateException("no block with '" + text + "' in " + relative);
    }

    public static Block section(String relative, String command) {
        return section(relative, command, 1);
    }

    /** The same section with the author's annotations left on the lines, to test that a parser tolerates them. */
    public static Block sectionWithAnnotations(String relative, String command, int occurrence) {
        Block b = section(relative, command, occurrence);
        return new Block(b.source(), b.firstLine(), b.raw(), b.raw(), b.name(), b.command(), b.inDocument());
    }

    /** A copy of a block with line {@code index} replaced: how malformed-input tests derive bad input from real. */
    public static Block withLine(Block block, int index, String text) {
        List<String> lines = new java.util.ArrayList<>(block.lines());
        List<String> raw = new java.util.ArrayList<>(block.raw());
        lines.set(index, text);
        raw.set(index, text);
        return new Block(block.source(), block.firstLine(), lines, raw, block.name(), block.command(), block.inDocument());
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

    /** Parses a real output that is wholly the parser's format: it must report nothing. */
    public static Parsed parseClean(Parser parser, Block block) {
        Parsed parsed = parse(parser, block);
        if (!parsed.diagnostics().isEmpty()) {
            throw new AssertionError(parser.id() + " reported " + parsed.diagnostics() + " on " + block.nameOrCommand());
        }
        return parsed;
    }
}
