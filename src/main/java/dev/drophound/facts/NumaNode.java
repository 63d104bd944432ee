package dev.drophound.facts;

import java.util.Objects;

/**
 * A NUMA node and its CPUs ({@code lscpu}: {@code NUMA node0 CPU(s): 0-17,36-53};
 * {@code /sys/devices/system/node/node0/cpulist}). {@code nodeCount} is {@code NUMA node(s):} when printed, else null.
 */
public record NumaNode(int node, String cpus, Integer nodeCount, Span span) implements Fact {

    public NumaNode {
        Objects.requireNonNull(span, "span");
    }
}
