package dev.drophound.facts;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of {@code /proc/net/sockstat} or {@code sockstat6}: {@code UDP: inuse 1 mem 253}.
 * {@code mem} is in pages (compare with net.ipv4.udp_mem / tcp_mem, also in pages).
 *
 * @param protocol as printed before the colon: {@code sockets}, {@code TCP}, {@code UDP}, {@code UDP6}, {@code RAW}, ...
 */
public record SockstatLine(String protocol, Map<String, Long> fields, Span span) implements Fact {

    public SockstatLine {
        Objects.requireNonNull(protocol, "protocol");
        fields = Map.copyOf(fields);
    }

    public OptionalLong field(String name) {
        Long v = fields.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
