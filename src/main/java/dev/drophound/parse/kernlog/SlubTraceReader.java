package dev.drophound.parse.kernlog;

import dev.drophound.facts.SlubTraceEvent;
import dev.drophound.parse.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SLUB trace lines, printed for every allocation and free of a cache after
 * {@code echo 1 > /sys/kernel/slab/CACHE/trace} (or {@code slub_debug=T,CACHE}):
 *
 * <pre>
 * [90556.444309] TRACE kmalloc-8192 alloc 0xffff88001a0d8000 inuse=4 fp=0x          (null)
 * [90556.444342] Call Trace:
 * [90556.444355]  [&lt;ffffffff826cbd7c&gt;] dump_stack+0x63/0x7f
 * </pre>
 *
 * The kernel then dumps the stack: the next {@code Call Trace:} (or arm64's {@code Call trace:}) before a blank line,
 * another TRACE line or another report belongs to this line, whatever comes between ({@code CPU: ...}, the object's
 * hex dump, or a poster's {@code .........}). Its frames become the stack, innermost first, without the {@code ? }
 * frames (stale addresses the unwinder found on the stack, not callers). A TRACE line with no call trace after it
 * (a cut paste) gives an empty stack. A TRACE line that is cut is malformed.
 */
final class SlubTraceReader {

    private static final Pattern TRACE = Pattern.compile(
            "^TRACE (\\S+) (alloc|free) (0x[0-9a-fA-F]+) inuse=(\\d+) fp=(.*)$");
    private static final Pattern TRACE_START = Pattern.compile("^TRACE \\S+ (?:alloc|free)\\b.*");
    /** How far after the TRACE line its call trace may start. */
    private static final int WINDOW = 40;

    private final LogContext log;

    SlubTraceReader(LogContext log) {
        this.log = log;
    }

    static boolean starts(LogLine line) {
        return TRACE_START.matcher(line.text()).matches();
    }

    /** Reads the TRACE line at {@code i} and its call trace; returns the index after them, or {@code i}. */
    int read(int i) {
        if (!starts(log.lines.get(i))) {
            return i;
        }
        Matcher m = TRACE.matcher(log.text(i));
        if (!m.matches()) {
            log.sink.malformed(i, "SLUB trace line is not 'TRACE CACHE alloc|free 0xADDRESS inuse=N fp=0x...'");
            return i + 1;
        }
        log.sink.used(i);
        int callTrace = findCallTrace(i);
        List<String> stack = new ArrayList<>();
        int end = i;
        if (callTrace > 0) {
            end = callTrace;
            for (int j = callTrace + 1; j < log.size(); j++) {
                String t = log.text(j);
                StackFrame f = StackFrame.parse(t);
                if (f == null && !StackFrame.isMarker(t)) {
                    break;
                }
                if (f != null && f.function() != null && !f.unreliable()) {
                    stack.add(f.function());
                }
                end = j;
            }
            log.sink.used(i, end);
        }
        Long inuse = Numbers.decimal(m.group(4));
        log.sink.fact(new SlubTraceEvent(m.group(1), m.group(2), m.group(3), inuse == null ? null : inuse.intValue(),
                stack, log.time(i), log.block.spanRange(i, end)));
        return end + 1;
    }

    private int findCallTrace(int i) {
        for (int j = i + 1; j < log.size() && j <= i + WINDOW; j++) {
            LogLine l = log.lines.get(j);
            if (l.isBlank() || starts(l) || OomReportReader.starts(l) || KmemleakReader.starts(l)) {
                return -1;
            }
            if (l.text().equalsIgnoreCase("Call Trace:")) {
                return j;
            }
        }
        return -1;
    }
}
