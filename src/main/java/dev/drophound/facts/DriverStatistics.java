package dev.drophound.facts;

import java.util.List;
import java.util.Optional;

/**
 * {@code ethtool -S IF}: the driver's own counters, names as the driver prints them (trimmed). Keys are
 * {@code ethtool/<iface>/<name>}.
 *
 * @param iface the interface, from the command line or file name; {@code "?"} when neither says
 */
public record DriverStatistics(String iface, List<Counter> counters, Span span) implements Fact {

    public DriverStatistics {
        counters = List.copyOf(counters);
    }

    public Optional<Counter> counter(String name) {
        return counters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static SeriesKey key(String iface, String name) {
        return new SeriesKey("ethtool", iface, name);
    }
}
