package dev.drophound.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One queueing discipline from {@code tc -s qdisc} (text or {@code -j}). Drops here never show in the
 * interface counters. Keys are {@code qdisc/<dev> <handle> <kind>/<name>}.
 *
 * @param handle e.g. {@code 1:} or {@code 0:}
 * @param parent {@code root}, or the parent class id such as {@code 1:1}
 */
public record QdiscStats(String device, String kind, String handle, String parent, long sentBytes,
        long sentPackets, long dropped, long overlimits, long requeues, Long backlogBytes, Long backlogPackets,
        Span span) implements Fact {

    public QdiscStats {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
    }

    public String entity() {
        return device + " " + handle + " " + kind;
    }

    @Override
    public List<Counter> counters() {
        List<Counter> out = new ArrayList<>();
        out.add(new Counter(new SeriesKey("qdisc", entity(), "sent_packets"), sentPackets, 64, span));
        out.add(new Counter(new SeriesKey("qdisc", entity(), "dropped"), dropped, 32, span));
        out.add(new Counter(new SeriesKey("qdisc", entity(), "overlimits"), overlimits, 32, span));
        out.add(new Counter(new SeriesKey("qdisc", entity(), "requeues"), requeues, 32, span));
        return out;
    }
}
