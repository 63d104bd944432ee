package dev.drophound.parse.kernlog;

import dev.drophound.evidence.Block;
import dev.drophound.facts.LogTime;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import java.util.List;
import java.util.TreeSet;

/** What the readers of one block share: the block, its lines without prefixes, and the sink. */
final class LogContext {

    final Block block;
    final ParseSink sink;
    final List<LogLine> lines;

    LogContext(Block block, ParseSink sink) {
        this.block = block;
        this.sink = sink;
        this.lines = LogLine.readAll(block);
    }

    int size() {
        return lines.size();
    }

    String text(int i) {
        return lines.get(i).text();
    }

    LogTime time(int i) {
        return lines.get(i).time();
    }

    /** A decimal that may be negative and fits an int, or null. */
    static Integer integer(String token) {
        Long v = Numbers.signedDecimal(token);
        return v == null || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : v.intValue();
    }

    /** A size printed in kB, in bytes; null if not a number. */
    static Long kbToBytes(String token) {
        Long v = Numbers.decimal(token);
        return v == null || v < 0 || v > Long.MAX_VALUE / 1024 ? null : v * 1024;
    }

    /** A span over these line indexes, in order, without repeats. */
    Span span(TreeSet<Integer> indexes) {
        return block.span(indexes.stream().mapToInt(Integer::intValue).toArray());
    }
}
