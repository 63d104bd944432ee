package dev.drophound.parse;

import dev.drophound.evidence.Block;
import java.util.List;
import java.util.Optional;

/**
 * Every parser drophound has, listed explicitly (no classpath scanning), and the routing of a block to the
 * parser that fits it best.
 */
public final class ParserRegistry {

    /** Content at or above this is enough on its own. */
    static final int CONTENT_SURE = 50;
    /** A name or command at or above this says the format even when the content is unclear (empty, cut). */
    static final int NAME_SURE = 80;

    private final List<Parser> parsers;

    public ParserRegistry(List<Parser> parsers) {
        this.parsers = List.copyOf(parsers);
    }

    /** The parsers of this build, in the order {@code drophound formats} lists them. */
    public static ParserRegistry standard() {
        return new ParserRegistry(StandardParsers.all());
    }

    public List<Parser> all() {
        return parsers;
    }

    public Optional<Parser> byId(String id) {
        return parsers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** A routing decision with the scores behind it, for {@code --verbose} and tests. */
    public record Choice(Parser parser, int content, int name) {
    }

    /**
     * The parser for a block: the highest content score, with a bonus when the name or command agrees;
     * a parser named by the file or command with certainty takes the block even when the content is
     * unclear, so that a cut or empty output is reported by the parser that knows the format.
     */
    public Optional<Choice> route(Block block) {
        Choice best = null;
        int bestTotal = -1;
        Choice named = null;
        for (Parser p : parsers) {
            int content = p.contentScore(block);
            int name = p.nameScore(block.nameOrCommand());
            if (block.command() != null) {
                // a file named after a format but holding a paste: the prompt's command is what counts,
                // the file name only helps a little
                name = Math.max(name, p.nameScore(block.name()) >= NAME_SURE ? 50 : 0);
            }
            int total = content + (name >= NAME_SURE ? 25 : name >= 50 ? 10 : 0);
            Choice c = new Choice(p, content, name);
            if (total > bestTotal) {
                bestTotal = total;
                best = c;
            }
            if (name >= NAME_SURE && (named == null || name > named.name())) {
                named = c;
            }
        }
        if (best != null && (best.content() >= CONTENT_SURE || best.content() >= 20 && best.name() >= NAME_SURE)) {
            return Optional.of(best);
        }
        return Optional.ofNullable(named);
    }

    /** True when some parser's {@link Parser#startsOutput} accepts this line (called for every line read). */
    public boolean startsAnyOutput(String line) {
        for (Parser p : parsers) {
            if (p.startsOutput(line)) {
                return true;
            }
        }
        return false;
    }
}
