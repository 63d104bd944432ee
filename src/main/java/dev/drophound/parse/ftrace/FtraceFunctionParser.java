package dev.drophound.parse.ftrace;

import dev.drophound.evidence.Block;
import dev.drophound.facts.FunctionCalls;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ftrace function tracer's output: {@code cat /sys/kernel/tracing/trace} (or {@code /sys/kernel/debug/tracing/trace},
 * an instance's trace) after {@code echo function > current_tracer}, and {@code trace_pipe}, which has no header:
 *
 * <pre>
 * # tracer: function
 * # entries-in-buffer/entries-written: 4/4   #P:4
 * ...
 *              kni-11436 [000] ....  1906.033365: alloc_netdev_mqs &lt;-kni_ioctl_create
 * </pre>
 *
 * Variants: with or without the flags column ({@code ....} on 3.x-5.x, {@code .....} with migrate-disable on 6.x,
 * none with {@code irq-info} off), with the tgid column ({@code (11436)} or {@code (-------)}, record-tgid), tasks
 * whose name holds spaces or dashes ({@code <idle>-0}, {@code (udev-worker)-349}). Calls are counted per (task,
 * function, caller) into {@link FunctionCalls} with the first and last timestamp and the first line as span; a
 * line without {@code <-caller} (print-parent off) counts with a null caller.
 *
 * <p>{@code entries-written} above {@code entries-in-buffer} and {@code CPU:N [LOST M EVENTS]} mean the ring buffer
 * dropped calls: a warning says the counts are lower bounds. A call line cut short is malformed. Event lines
 * ({@code kfree_skb: ...}, in a trace that also had events on) are left to the sink: the {@code tracefs-trace}
 * parser reads event traces. {@code function_graph} output (<code>funcname() {</code>) is not read: it has no task or
 * timestamp per call by default, so it cannot fill a {@link FunctionCalls} honestly.
 */
public final class FtraceFunctionParser implements Parser {

    public static final String ID = "ftrace-function";

    /** TASK-PID, optional (TGID), [CPU], optional flags, TIMESTAMP:, function, optional &lt;-caller. */
    static final Pattern CALL = Pattern.compile("^\\s*(.+?)-(\\d+)\\s+(?:\\(\\s*(?:\\d+|-+)\\)\\s+)?\\[(\\d+)\\]\\s+"
            + "(?:[\\w.]{4,6}\\s+)?(\\d+\\.\\d+):\\s+([\\w.$]+)(?:\\s+<-([\\w.$]+))?\\s*$");
    /** The start of a trace line (task, pid, cpu), to tell a cut line from other text. */
    private static final Pattern CALL_START = Pattern.compile("^\\s*\\S.*?-\\d+\\s+(?:\\(.*?\\)\\s+)?\\[\\d+\\].*");
    /** An event line ({@code kfree_skb: skbaddr=...}) of a trace that also had events on: not a call, not broken. */
    private static final Pattern EVENT = Pattern.compile("^.*?\\[\\d+\\].*?\\d+\\.\\d+:\\s+\\w+:(?:\\s.*)?$");
    private static final Pattern TRACER = Pattern.compile("^#\\s*tracer:\\s*(\\S+)\\s*$");
    private static final Pattern ENTRIES = Pattern.compile("^#\\s*entries-in-buffer/entries-written:\\s*(\\d+)/(\\d+).*");
    private static final Pattern LOST = Pattern.compile("^\\s*CPU:\\s*\\d+\\s+\\[LOST\\s+(\\d+)\\s+EVENTS\\]\\s*$");
    private static final Pattern TRACEFS = Pattern.compile(
            "/sys/kernel/(?:debug/)?tracing/(?:instances/[^/\\s]+/)?trace(?:_pipe)?(?=$|[\\s|;&>])");
    /** {@code ftrace-function.txt}, {@code trace-function.kni.txt}; not {@code tracefs-set_ftrace_filter-write.txt}. */
    private static final Pattern FILE = Pattern.compile("(?i)^(?:ftrace|trace[-_.]function|function[-_.]trace)");
    private static final int SNIFF_LINES = 30;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "ftrace function tracer: calls per task, function and caller (e.g. alloc_netdev_mqs vs free_netdev)";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /sys/kernel/tracing/trace", "cat /sys/kernel/tracing/trace_pipe",
                "cat /sys/kernel/debug/tracing/trace");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        if (base.contains("graph") || base.contains("kfree_skb")) {
            return 0;
        }
        if (FILE.matcher(base).find() && !nameOrCommand.contains(" ")) {
            return 85;
        }
        // the tracefs files hold whatever tracer ran: the content decides (tracefs-trace reads event traces)
        return TRACEFS.matcher(nameOrCommand).find() ? 50 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int other = 0;
        for (int i = 0; i < block.size() && seen < SNIFF_LINES; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            Matcher tracer = TRACER.matcher(line.strip());
            if (tracer.matches()) {
                return tracer.group(1).equals("function") ? 95 : 0;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (CALL.matcher(line).matches()) {
                return 90;
            }
            // event or graph lines of another tracer; a few lines of other text (a prompt the sectioner did not
            // know, such as seed 003's " Develop>cat ./trace", a code fence) may come before the header
            if (++other == 3) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.strip().equals("# tracer: function");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        long lost = 0;
        int lostLine = -1;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            String t = line.strip();
            Matcher entries = ENTRIES.matcher(t);
            if (entries.matches()) {
                sink.used(i);
                Long inBuffer = Numbers.decimal(entries.group(1));
                Long written = Numbers.decimal(entries.group(2));
                if (inBuffer != null && written != null && written > inBuffer) {
                    lost += written - inBuffer;
                    lostLine = lostLine < 0 ? i : lostLine;
                }
                continue;
            }
            if (t.startsWith("#")) {
                sink.used(i); // tracer name, column legend, "##### CPU 1 buffer started ####"
                continue;
            }
            Matcher l = LOST.matcher(line);
            if (l.matches()) {
                sink.used(i);
                Long n = Numbers.decimal(l.group(1));
                lost += n == null ? 0 : n;
                lostLine = lostLine < 0 ? i : lostLine;
                continue;
            }
            Matcher m = CALL.matcher(line);
            if (!m.matches()) {
                if (CALL_START.matcher(line).matches() && !EVENT.matcher(line).matches()) {
                    sink.malformed(i, "not a whole function call line (TASK-PID [CPU] FLAGS TIME: function <-caller)");
                }
                continue; // other text: the sink reports it as not understood
            }
            double time = Double.parseDouble(m.group(4));
            String task = m.group(1).strip() + "-" + m.group(2);
            List<String> key = Arrays.asList(task, m.group(5), m.group(6));
            Group g = groups.get(key);
            if (g == null) {
                groups.put(key, new Group(m.group(1).strip(), m.group(2), m.group(5), m.group(6), time, block.span(i)));
            } else {
                g.add(time);
            }
            sink.used(i);
        }
        if (lost > 0) {
            sink.warning(lostLine, "the trace buffer lost " + lost + " calls: the counts are lower bounds");
        }
        for (Group g : groups.values()) {
            sink.fact(g.fact());
        }
    }

    /** Calls of one function from one caller by one task. */
    private static final class Group {
        private final String command;
        private final String pid;
        private final String function;
        private final String caller;
        private final Span span;
        private double first;
        private double last;
        private long count = 1;

        Group(String command, String pid, String function, String caller, double time, Span span) {
            this.command = command;
            this.pid = pid;
            this.function = function;
            this.caller = caller;
            this.first = time;
            this.last = time;
            this.span = span;
        }

        void add(double time) {
            count++;
            first = Math.min(first, time); // trace_pipe and per-CPU buffers may interleave out of order
            last = Math.max(last, time);
        }

        FunctionCalls fact() {
            Long p = Numbers.decimal(pid);
            Integer pidValue = p == null || p > Integer.MAX_VALUE ? null : p.intValue();
            return new FunctionCalls(command + "-" + pid, command, pidValue, function, caller, count,
                    first, last, span);
        }
    }
}
