package dev.drophound.parse.iface;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Source;
import dev.drophound.testing.TestData;
import java.util.List;

/**
 * Cuts one command's output out of a seed (a field report with shell prompts {@code # cmd}): the lines after
 * the prompt up to the next blank line or prompt, as a document block with the seed's real line numbers.
 * The author's annotations ({@code   <<ココ}) are left on the lines, so parsers are tested on the worse case.
 */
final class SeedSection {
    private SeedSection() {
    }

    static Block after(String seed, String command) {
        List<String> all = Block.splitLines(TestData.text(seed));
        int prompt = all.indexOf("# " + command);
        if (prompt < 0) {
            throw new IllegalStateException("no prompt '# " + command + "' in " + seed);
        }
        int end = prompt + 1;
        while (end < all.size() && !all.get(end).isBlank() && !all.get(end).startsWith("# ")) {
            end++;
        }
        List<String> lines = all.subList(prompt + 1, end);
        String name = seed.substring(seed.lastIndexOf('/') + 1);
        return new Block(Source.file(name), prompt + 2, lines, lines, name, command, true);
    }

    /** A copy of the block with line {@code index} replaced, for malformed-input tests. */
    static Block withLine(Block block, int index, String text) {
        List<String> lines = new java.util.ArrayList<>(block.lines());
        lines.set(index, text);
        return new Block(block.source(), block.firstLine(), lines, lines, block.name(), block.command(),
                block.inDocument());
    }
}
