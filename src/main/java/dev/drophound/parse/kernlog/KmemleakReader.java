package dev.drophound.parse.kernlog;

import dev.drophound.facts.KmemleakObject;
import dev.drophound.parse.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads kmemleak reports, in {@code cat /sys/kernel/debug/kmemleak} and in a kernel log (where each line may carry
 * kmemleak's own {@code kmemleak: } prefix):
 *
 * <pre>
 * unreferenced object 0xffff88810d8ec700 (size 192):
 *   comm "bash", pid 869, jiffies 4294950577 (age 215.752s)
 *   hex dump (first 32 bytes):
 *     60 dd 68 61 81 88 ff ff 60 dd 68 61 81 88 ff ff  `.ha....`.ha....
 *   backtrace:
 *     [&lt;00000000dae26536&gt;] kmalloc_trace+0x2a/0xa0
 * </pre>
 *
 * The hex dump is optional (seed 004 has none); {@code backtrace (crc 1a2b3c4d):} is accepted; backtrace frames
 * are read by {@link StackFrame}, {@code [...]} elisions skipped. One {@link KmemleakObject} per object, its span
 * the object's lines. A first line that is cut is malformed; the object's other lines are still taken as its own.
 */
final class KmemleakReader {

    private static final String PREFIX = "kmemleak:";
    private static final Pattern HEAD = Pattern.compile("^unreferenced object (0x[0-9a-fA-F]+) \\(size (\\d+)\\):$");
    private static final Pattern COMM = Pattern.compile("^comm \"(.*)\", pid (\\d+), jiffies (\\d+)(?:\\s.*)?$");
    private static final Pattern HEX_HEADER = Pattern.compile("^hex dump \\(first \\d+ bytes\\):$");
    private static final Pattern HEX_ROW = Pattern.compile("^[0-9a-f]{2}(?: [0-9a-f]{2}){0,31}(?:\\s{2}.*)?$");
    private static final Pattern BACKTRACE = Pattern.compile("^backtrace(?: \\(crc [0-9a-f]+\\))?:$");

    private final LogContext log;

    KmemleakReader(LogContext log) {
        this.log = log;
    }

    static boolean starts(LogLine line) {
        return line.without(PREFIX).startsWith("unreferenced object ");
    }

    /** Reads the object that starts at line {@code i}; returns the index after it, or {@code i} if none starts. */
    int read(int i) {
        if (!starts(log.lines.get(i))) {
            return i;
        }
        String head = log.lines.get(i).without(PREFIX);
        Matcher h = HEAD.matcher(head);
        String comm = null;
        Integer pid = null;
        Long jiffies = null;
        List<String> backtrace = new ArrayList<>();
        int j = i + 1;
        boolean inBacktrace = false;
        for (; j < log.size(); j++) {
            String t = log.lines.get(j).without(PREFIX);
            Matcher c;
            if (t.startsWith("comm \"")) {
                if ((c = COMM.matcher(t)).matches()) {
                    comm = c.group(1);
                    pid = toInt(Numbers.decimal(c.group(2)));
                    jiffies = Numbers.decimal(c.group(3));
                } else {
                    log.sink.malformed(j, "kmemleak comm line is not 'comm \"NAME\", pid N, jiffies N'");
                    continue;
                }
            } else if (HEX_HEADER.matcher(t).matches() || HEX_ROW.matcher(t).matches() && !inBacktrace) {
                // the first bytes of the object: not needed
            } else if (BACKTRACE.matcher(t).matches()) {
                inBacktrace = true;
            } else if (inBacktrace && StackFrame.isMarker(t)) {
                // [...]: the poster cut the rest
            } else if (inBacktrace && StackFrame.parse(t) != null) {
                StackFrame f = StackFrame.parse(t);
                if (f.function() != null) {
                    backtrace.add(f.function());
                }
            } else {
                break;
            }
            log.sink.used(j);
        }
        if (!h.matches()) {
            log.sink.malformed(i, "kmemleak object line is not 'unreferenced object 0xADDRESS (size N):'");
            return j;
        }
        log.sink.used(i);
        Long size = Numbers.decimal(h.group(2));
        log.sink.fact(new KmemleakObject(h.group(1), size == null ? 0 : size, comm, pid, jiffies, backtrace,
                log.block.spanRange(i, j - 1)));
        return j;
    }

    private static Integer toInt(Long v) {
        return v == null || v > Integer.MAX_VALUE ? null : v.intValue();
    }
}
