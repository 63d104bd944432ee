package dev.drophound.parse.proto;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Source;
import dev.drophound.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One command's output inside a seed article, cut the way a document sectioner would: the lines after the
 * shell prompt {@code # <command>} up to the next prompt, as a block inside a document. Lines come from the real
 * seed file; with {@code stripAnnotations} the author's {@code  <<ココ} marks are removed from the parsed lines
 * (the raw lines keep them), as the sectioner does.
 */
final class SeedSection {
    private SeedSection() {
    }

    static Block after(String seed, String command, boolean stripAnnotations) {
        List<String> all = Block.splitLines(TestData.text(seed));
        int prompt = all.indexOf("# " + command);
        if (prompt < 0) {
            throw new IllegalStateException("no prompt '# " + command + "' in " + seed);
        }
        int end = prompt + 1;
        while (end < all.size() && !all.get(end).startsWith("# ")) {
            end++;
        }
        List<String> raw = all.subList(prompt + 1, end);
        List<String> lines = new ArrayList<>();
        for (String r : raw) {
            lines.add(stripAnnotations ? r.replaceFirst("\\s+<<.*$", "") : r);
        }
        String name = Path.of(seed).getFileName().toString();
        return new Block(Source.file(name), prompt + 2, lines, raw, name, command, true);
    }
}
