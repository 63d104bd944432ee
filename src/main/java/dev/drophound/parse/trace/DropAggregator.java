package dev.drophound.parse.trace;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DropTrace;
import dev.drophound.facts.Span;
import dev.drophound.parse.ParseSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts a trace's events while it is read: one group per kind of drop (reason, location, protocol) and per
 * destination, keeping only the first event's line. Memory grows with the number of distinct kinds, not with
 * the number of lines.
 */
final class DropAggregator {

    /** How many malformed lines are named one by one; the rest are summed up by the sink. */
    static final int MALFORMED_NAMED = 10;

    private record TallyKey(String reason, String location, Integer protocol) {
    }

    private record DestinationKey(String event, String family, String address, Integer rc) {
    }

    /** One group being counted; {@code where} may be filled in after its first event line (perf stacks). */
    static final class Group {
        final int firstIndex;
        final String offset;
        String where;
        long count;
        Double first;
        Double last;

        private Group(int firstIndex, String offset) {
            this.firstIndex = firstIndex;
            this.offset = offset;
        }

        private void add(long n, Double t) {
            count += n;
            if (t != null) {
                first = first == null ? t : Math.min(first, t);
                last = last == null ? t : Math.max(last, t);
            }
        }
    }

    private final String tool;
    private final Block block;
    private final ParseSink sink;
    private final Map<TallyKey, Group> tallies = new LinkedHashMap<>();
    private final Map<DestinationKey, Group> destinations = new LinkedHashMap<>();
    private long events;
    private long drops;
    private long consumed;
    private long other;
    private long lost;
    private Double first;
    private Double last;
    private int malformed;

    DropAggregator(String tool, Block block, ParseSink sink) {
        this.tool = tool;
        this.block = block;
        this.sink = sink;
    }

    /** A drop event (or a dropwatch line counting {@code n} drops) at line {@code index}. */
    Group drop(int index, String reason, Location location, Integer protocol, long n, Double t) {
        event(t);
        drops += n;
        Group g = tallies.computeIfAbsent(new TallyKey(reason, location.name(), protocol),
                k -> new Group(index, location.offset()));
        g.add(n, t);
        return g;
    }

    void destination(int index, String event, String family, String address, Integer rc, Double t) {
        event(t);
        other++;
        destinations.computeIfAbsent(new DestinationKey(event, family, address, rc), k -> new Group(index, null)).add(1, t);
    }

    void consumed(Double t) {
        event(t);
        consumed++;
    }

    void other(Double t) {
        event(t);
        other++;
    }

    void lost(long n) {
        lost += n;
    }

    long drops() {
        return drops;
    }

    /** Lines reported broken so far: a caller marks a line used only when this did not grow. */
    int malformedCount() {
        return malformed;
    }

    /** Reports a broken line; after {@link #MALFORMED_NAMED} of them the sink's summary counts the rest. */
    void malformed(int index, String message) {
        if (++malformed <= MALFORMED_NAMED) {
            sink.malformed(index, message);
        }
    }

    private void event(Double t) {
        events++;
        if (t != null) {
            first = first == null ? t : Math.min(first, t);
            last = last == null ? t : Math.max(last, t);
        }
    }

    /** Emits the facts: every tally, every destination, and the window (also when nothing was dropped). */
    void emit(Span windowSpan) {
        Objects.requireNonNull(windowSpan, "windowSpan");
        tallies.forEach((k, g) -> sink.fact(new DropTrace.Tally(tool, k.reason(), k.location(), g.offset, k.protocol(),
                g.where, g.count, g.first, g.last, block.span(g.firstIndex))));
        destinations.forEach((k, g) -> sink.fact(new DropTrace.Destination(tool, k.event(), k.family(), k.address(),
                k.rc(), g.count, g.first, g.last, block.span(g.firstIndex))));
        sink.fact(new DropTrace.Window(tool, events, drops, consumed, other, lost, first, last, windowSpan));
    }
}
