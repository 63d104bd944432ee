package dev.drophound.facts;

import java.util.Objects;

/**
 * One DPDK malloc heap ({@code ovs-appctl dpdk/get-malloc-stats}, {@code rte_malloc_dump_stats}): {@code Heap id:0},
 * {@code Heap name:socket_0}, {@code Heap_size:102760448}, {@code Free_size:2112768}, {@code Alloc_size:},
 * {@code Greatest_free_size:}, {@code Alloc_count:}, {@code Free_count:}. Sizes in bytes; null when not printed.
 *
 * @param socket NUMA socket from {@code socket_N} in the heap name, else null
 */
public record DpdkHeap(Integer id, String name, Integer socket, Long heapSize, Long freeSize, Long allocSize,
        Long greatestFreeSize, Long allocCount, Long freeCount, Span span) implements Fact {

    public DpdkHeap {
        Objects.requireNonNull(span, "span");
    }
}
