package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Source;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;

/** Helpers for the memory parser tests: pieces of real files, and finding a gauge by entity. */
final class MemTestData {
    private MemTestData() {
    }

    /**
     * Lines {@code from..to} (1-based, inclusive) of a real file as one block, numbered as in the file: how a seed's
     * code fence (an output pasted without its prompt) is read here.
     */
    static Block lines(String relative, int from, int to) {
        List<String> all = Block.splitLines(TestData.text(relative));
        List<String> part = all.subList(from - 1, to);
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return new Block(Source.file(name), from, part, part, name, null, false);
    }

    static MemoryGauges gauge(Parsed r, String entity) {
        return r.all(MemoryGauges.class).stream().filter(g -> g.entity().equals(entity)).findFirst()
                .orElseThrow(() -> new AssertionError("no gauges for '" + entity + "'"));
    }

    static String firstLine(String relative) {
        return Block.splitLines(TestData.text(relative)).get(0);
    }
}
