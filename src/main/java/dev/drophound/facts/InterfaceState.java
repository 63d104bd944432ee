package dev.drophound.facts;

import java.util.List;
import java.util.Objects;

/**
 * What a link listing says about an interface besides its counters. Any field may be null when the
 * format does not print it.
 *
 * @param flags as printed, e.g. {@code UP}, {@code LOWER_UP}, {@code NO-CARRIER}, {@code RUNNING}
 */
public record InterfaceState(String iface, Integer mtu, List<String> flags, String operState, String qdisc,
        Long txQueueLen, Span span) implements Fact {

    public InterfaceState {
        Objects.requireNonNull(iface, "iface");
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
