package dev.drophound.parse;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.Fact;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Collects what a parser makes of one block: facts, problems with their line, and which lines it used.
 *
 * <p>Parsers call {@link #used(int)} for every line they understood (headers included). Lines neither used
 * nor reported are "not understood": in a standalone file they become a warning; inside a document (an
 * article, a paste) trailing ones are prose and are only counted. See {@link #finish()}.
 */
public final class ParseSink {

    private final Block block;
    private final String parserId;
    private final List<Fact> facts = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final BitSet used = new BitSet();
    private final BitSet reported = new BitSet();

    public ParseSink(Block block, String parserId) {
        this.block = block;
        this.parserId = parserId;
    }

    public Block block() {
        return block;
    }

    public void fact(Fact fact) {
        facts.add(fact);
    }

    /** Line {@code index} of the block was understood. */
    public void used(int index) {
        used.set(index);
    }

    /** Lines {@code from..to} inclusive were understood. */
    public void used(int from, int to) {
        used.set(from, to + 1);
    }

    /**
     * Line {@code index} belongs to this format but is malformed (wrong column count, a number that is not
     * one): a warning naming the line. The parser keeps going.
     */
    public void malformed(int index, String message) {
        reported.set(index);
        diagnostics.add(Diagnostic.warning(block.source().name(), block.lineNumber(index),
                parserId + ": " + message + ": \"" + abbreviate(block.raw().get(index)) + "\""));
    }

    /** A problem about the whole block (truncated, no data), with the line where it shows. */
    public void warning(int index, String message) {
        if (index >= 0 && index < block.size()) {
            reported.set(index);
        }
        diagnostics.add(Diagnostic.warning(block.source().name(), index < 0 ? 0 : block.lineNumber(index),
                parserId + ": " + message));
    }

    /**
     * The tool printed a message instead of data, e.g. {@code no stats available} or
     * {@code Cannot get device ring settings: Operation not supported}: recorded as information.
     */
    public void toolMessage(int index, String message) {
        used.set(index);
        diagnostics.add(Diagnostic.info(block.source().name(), block.lineNumber(index), parserId + ": " + message));
    }

    public List<Fact> facts() {
        return facts;
    }

    /**
     * Ends parsing: turns not-understood lines into diagnostics and returns all diagnostics.
     * Blank lines never count. In a document, not-understood lines after the last used line are prose, and so are all
     * of them in a block no prompt or banner started (lines quoted in an article's text).
     */
    public List<Diagnostic> finish() {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        int lastUsed = used.length() - 1;
        List<Integer> stray = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            if (used.get(i) || reported.get(i) || block.line(i).isBlank()) {
                continue;
            }
            if (block.inDocument() && (i > lastUsed || lastUsed < 0 || block.command() == null)) {
                // prose after the output, or around log lines quoted in an article's text (no prompt or banner
                // says where an output starts): counted by the sectioner's summary
                continue;
            }
            stray.add(i);
        }
        if (!stray.isEmpty()) {
            int first = stray.get(0);
            String message = stray.size() == 1
                    ? parserId + ": line not understood, skipped: \"" + abbreviate(block.raw().get(first)) + "\""
                    : parserId + ": " + stray.size() + " lines not understood, skipped (first: \""
                            + abbreviate(block.raw().get(first)) + "\")";
            out.add(new Diagnostic(block.inDocument() ? Diagnostic.Level.INFO : Diagnostic.Level.WARNING,
                    block.source().name(), block.lineNumber(first), message));
        }
        return out;
    }

    /**
     * Non-blank lines after the output that the parser did not use, in a document block: the prose or
     * unrecognised text that followed the output (an article's next paragraph). Counted, not reported one by one.
     */
    public int proseLines() {
        if (!block.inDocument()) {
            return 0;
        }
        int count = 0;
        for (int i = block.command() == null ? 0 : lastUsed() + 1; i < block.size(); i++) {
            if (!used.get(i) && !reported.get(i) && !block.line(i).isBlank()) {
                count++;
            }
        }
        return count;
    }

    /** Index of the last line a parser used, or -1. */
    public int lastUsed() {
        return used.length() - 1;
    }

    public int usedCount() {
        return used.cardinality();
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }
}
