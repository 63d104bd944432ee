package dev.drophound.parse.iface;

import dev.drophound.facts.Counter;
import dev.drophound.facts.InterfaceCounters;
import dev.drophound.facts.Span;
import dev.drophound.parse.ParseSink;
import java.util.ArrayList;
import java.util.List;

/** One interface's counters as they are read, line by line, until the parser emits them as one fact. */
final class CounterList {
    private final String iface;
    private final List<Counter> counters = new ArrayList<>();
    private Span span;

    CounterList(String iface) {
        this.iface = iface;
    }

    String iface() {
        return iface;
    }

    /** Adds a counter read from the lines of {@code lineSpan} (shared by every counter of those lines). */
    void add(String name, long value, int bits, Span lineSpan) {
        counters.add(new Counter(InterfaceCounters.key(iface, name), value, bits, lineSpan));
        if (span == null) {
            span = lineSpan;
        } else if (!span.equals(lineSpan)) {
            span = span.join(lineSpan);
        }
    }

    void add(String name, long value, Span lineSpan) {
        add(name, value, 64, lineSpan);
    }

    boolean isEmpty() {
        return counters.isEmpty();
    }

    /** Emits the counters as one {@link InterfaceCounters}, if any were read. */
    void emit(ParseSink sink, String format) {
        if (!counters.isEmpty()) {
            sink.fact(new InterfaceCounters(iface, format, counters, span));
        }
    }
}
