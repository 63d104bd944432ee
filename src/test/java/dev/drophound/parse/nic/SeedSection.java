package dev.drophound.parse.nic;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Source;
import dev.drophound.testing.TestData;
import java.util.ArrayList;
import java.util.List;

/**
 * One command's output inside a seed (an article with {@code # cmd} prompts), cut out by line numbers the
 * way the sectioner will: the prompt's command, the output lines, inside a document. Until the sectioner
 * exists this is how parser tests read seed sections; annotations such as {@code   <<ココ} are cut from
 * {@code lines} (as the sectioner does) unless {@code keepAnnotations} is set, {@code raw} keeps them.
 */
public final class SeedSection {
    private SeedSection() {
    }

    /**
     * Lines {@code from..to} (1-based, inclusive) of {@code seeds/<seed>}; line {@code from - 1} must be the
     * {@code # command} prompt, whose command becomes the block's command.
     */
    public static Block of(String seed, int from, int to) {
        return of(seed, from, to, false);
    }

    public static Block of(String seed, int from, int to, boolean keepAnnotations) {
        String relative = "seeds/" + seed;
        List<String> all = Block.splitLines(TestData.text(relative));
        String prompt = all.get(from - 2);
        if (!prompt.startsWith("# ")) {
            throw new IllegalArgumentException("line " + (from - 1) + " of " + seed + " is no prompt: " + prompt);
        }
        List<String> raw = all.subList(from - 1, to);
        List<String> lines = new ArrayList<>();
        for (String r : raw) {
            lines.add(keepAnnotations ? r : r.replaceFirst("\\s+<<.*$", ""));
        }
        return new Block(Source.file(relative), from, lines, raw, relative, prompt.substring(2).strip(), true);
    }
}
