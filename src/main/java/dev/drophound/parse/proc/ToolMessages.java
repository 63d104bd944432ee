package dev.drophound.parse.proc;

import dev.drophound.evidence.Block;
import dev.drophound.parse.ParseSink;
import java.util.List;

/** A scan of /proc prints one error per unreadable process or descriptor: report the first, count the rest. */
final class ToolMessages {
    private ToolMessages() {
    }

    static void report(Block block, ParseSink sink, List<Integer> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int first = lines.get(0);
        String text = block.line(first).strip();
        sink.toolMessage(first, lines.size() == 1 ? text : text + " (and " + (lines.size() - 1) + " more such lines)");
        lines.subList(1, lines.size()).forEach(sink::used);
    }
}
