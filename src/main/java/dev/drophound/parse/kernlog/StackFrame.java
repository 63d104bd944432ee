package dev.drophound.parse.kernlog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One frame of a kernel call trace or kmemleak backtrace, as the kernel prints it across versions:
 * {@code [<ffffffff825ae850>] alloc_netdev_mqs+0x80/0x2d9} (before 4.x), {@code alloc_netdev_mqs+0x80/0x2d9}
 * (newer), {@code ? kzalloc+0xf/0x11} (an unreliable frame: a stale address found on the stack),
 * {@code igb_kni_probe+0x64/0xa56 [rte_kni]} (a module), syzbot's {@code vmalloc+0x49/0x50 mm/vmalloc.c:2650}
 * and {@code __vmalloc_node mm/vmalloc.c:2617 [inline]}. {@code [<ffffffffffffffff>] 0xffffffffffffffff} (the end
 * marker of old kmemleak backtraces) is a frame line without a function.
 *
 * @param function the function name without offset, or null for an address-only line
 */
record StackFrame(String function, boolean unreliable) {

    private static final Pattern FRAME = Pattern.compile(
            "^(\\[<[0-9a-fA-F]+>\\]\\s*)?(\\?\\s+)?(?:([A-Za-z_.$][\\w.$]*)(\\+0x[0-9a-f]+/0x[0-9a-f]+)?|0x[0-9a-f]+)"
                    + "(?:\\s+\\[[\\w-]+\\])?(?:\\s+[\\w./-]+:\\d+)?(?:\\s+\\[inline\\])?$");

    /** The frame on this (prefix-free, stripped) line, or null when the line is no frame. */
    static StackFrame parse(String text) {
        Matcher m = FRAME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        boolean address = m.group(1) != null;
        boolean offset = m.group(4) != null;
        if (!address && !offset) {
            return null; // a bare word ("Mem-Info", "Cannot") is no frame
        }
        return new StackFrame(m.group(3), m.group(2) != null);
    }

    /** Lines of a call trace that are no frame but do not end it: {@code <TASK>}, {@code </IRQ>}, {@code [...]}. */
    static boolean isMarker(String text) {
        return text.matches("</?(?:TASK|IRQ|NMI|EOI|SOFTIRQ)>|\\[\\.\\.\\.\\]|\\.{3,}");
    }
}
