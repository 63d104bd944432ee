package dev.drophound.facts;

import java.util.Objects;

/**
 * One receive queue as {@code ovs-appctl dpif-netdev/pmd-rxq-show} assigns it: the PMD thread ({@code pmd thread
 * numa_id 0 core_id 1:}) and {@code port: dpdk0  queue-id:  0 (enabled)   pmd usage:  0 %}. A PMD with no queue gives
 * one fact with a null port. Usage is null when printed as {@code NOT AVAIL}.
 */
public record PmdRxq(int numa, int core, Boolean isolated, String port, Integer queue, Boolean enabled,
        Integer usagePercent, Span span) implements Fact {

    public PmdRxq {
        Objects.requireNonNull(span, "span");
    }
}
