package dev.drophound.facts;

import java.util.List;

/**
 * One SLUB trace line ({@code echo 1 > /sys/kernel/slab/CACHE/trace}) with the call trace the kernel printed after
 * it: {@code TRACE kmalloc-8192 alloc 0xffff88001a0d8000 inuse=4 fp=0x (null)}.
 *
 * @param op    {@code alloc} or {@code free}
 * @param stack function names of the Call Trace, innermost first, offsets stripped ({@code alloc_netdev_mqs})
 */
public record SlubTraceEvent(String cache, String op, String address, Integer inuse, List<String> stack, LogTime time,
        Span span) implements Fact {

    public SlubTraceEvent {
        stack = stack == null ? List.of() : List.copyOf(stack);
    }
}
