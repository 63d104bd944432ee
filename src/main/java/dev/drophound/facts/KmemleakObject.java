package dev.drophound.facts;

import java.util.List;

/**
 * One kmemleak report ({@code cat /sys/kernel/debug/kmemleak}): {@code unreferenced object 0xffff... (size 256):},
 * {@code comm "kworker/u9:0", pid 69, jiffies 4294937887}, the hex dump, and the backtrace.
 *
 * @param backtrace function names, innermost first, offsets and addresses stripped
 */
public record KmemleakObject(String address, long size, String comm, Integer pid, Long jiffies,
        List<String> backtrace, Span span) implements Fact {

    public KmemleakObject {
        backtrace = backtrace == null ? List.of() : List.copyOf(backtrace);
    }
}
