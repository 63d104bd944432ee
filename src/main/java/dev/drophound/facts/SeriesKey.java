package dev.drophound.facts;

import java.util.Objects;

/**
 * Names one counter so that its values in several samples can be lined up: the kind of thing counted
 * ({@code snmp}, {@code iface}, {@code ethtool}, {@code softnet}, {@code socket}, {@code qdisc}), which one
 * ({@code Udp}, {@code eth0}, {@code cpu3}, ...) and the counter's own name ({@code RcvbufErrors}).
 */
public record SeriesKey(String kind, String entity, String name) {

    public SeriesKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return kind + "/" + entity + "/" + name;
    }
}
