package dev.drophound.facts;

/**
 * A one-line memory event from a log, when no full report is there: the kernel's {@code Out of memory: Killed
 * process ...} or {@code oom-kill:constraint=...} alone, {@code page allocation failure: order:N}, {@code earlyoom}
 * and {@code systemd-oomd} kills, {@code SLUB: Unable to allocate memory}.
 *
 * @param kind    {@code oom-kill}, {@code allocation-failure}, {@code earlyoom-kill}, {@code oomd-kill},
 *                {@code slub-unable}
 * @param pid     the process concerned (killed, or failing to allocate), null if not printed
 * @param command its name, null if not printed
 * @param order   allocation order for allocation failures, else null
 * @param detail  the rest worth showing as printed (gfp mask, cgroup, memory pressure figure)
 */
public record MemoryEvent(String kind, Integer pid, String command, Integer order, String detail, LogTime time,
        Span span) implements Fact {
}
