package dev.drophound.facts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kernel's per-interface counters as one format printed them. Counter names are those of {@link IfStat};
 * every counter's key is {@code iface/<name>/<counter>}.
 *
 * @param format the id of the parser that read it ({@code proc-net-dev}, {@code ip-link}, ...), because
 *               formats differ in what a column means (see {@link IfStat#RX_DROPPED_AND_MISSED})
 */
public record InterfaceCounters(String iface, String format, List<Counter> counters, Span span) implements Fact {

    public InterfaceCounters {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(format, "format");
        counters = List.copyOf(counters);
    }

    public Optional<Counter> counter(String name) {
        return counters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static SeriesKey key(String iface, String name) {
        return new SeriesKey("iface", iface, name);
    }
}
