package dev.drophound.parse.trace;

import dev.drophound.evidence.Block;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a tracefs trace with {@code skb:kfree_skb} enabled: {@code cat /sys/kernel/tracing/instances/NAME/trace}
 * (what drophound's own tracer hands over, and fixtures 01-05 and 08), {@code trace_pipe}, and the global
 * {@code /sys/kernel/debug/tracing/trace}. ({@code trace-cmd report} prints similar lines; no real sample of it
 * was available, so it is not claimed.)
 *
 * <pre>
 * # tracer: nop
 * # entries-in-buffer/entries-written: 7996/7996   #P:2
 *          python3-24922   [001] ..s1.  1665.284688: kfree_skb: skbaddr=000000003a735b35 rx_sk=00000000f5c3192a protocol=2048 location=udp_queue_rcv_one_skb+0x437/0x4c0 reason: SOCKET_RCVBUFF
 * </pre>
 *
 * Variants: with or without the {@code #} header (trace_pipe has none), with or without the flags column
 * (irq-info off) and the tgid column (record-tgid); kfree_skb with {@code reason:} (5.17+) and {@code rx_sk=}
 * (6.10+) or with the location only, as {@code symbol+off/size} or a hashed pointer (older kernels).
 * udp_fail_queue_rcv_skb and port-unreachable icmp_send name the destination, consume_skb is counted apart (not a
 * drop), any other event is counted. {@code entries-written} above {@code entries-in-buffer} and
 * {@code CPU:N [LOST M EVENTS]} count events the buffer lost. An event line cut short is malformed (the first ten
 * named, the rest counted); other text is left to the sink as not understood.
 */
public final class TracefsTraceParser implements Parser {

    static final Pattern EVENT = Pattern.compile(
            "^\\s*(.+?)-(\\d+)\\s+(?:\\(\\s*(?:\\d+|-+)\\)\\s+)?\\[(\\d+)\\]\\s+(?:([\\w.]{4,6})\\s+)?(\\d+\\.\\d+):\\s+(\\w+):\\s?(.*)$");
    /** The start of an event line, enough to tell a cut event line from text that is no event at all. */
    private static final Pattern EVENT_START = Pattern.compile("^\\s*\\S.*?-\\d+\\s+(?:\\(.*?\\)\\s+)?\\[\\d+\\].*");
    private static final Pattern ENTRIES = Pattern.compile("^#\\s*entries-in-buffer/entries-written:\\s*(\\d+)/(\\d+).*");
    private static final Pattern LOST = Pattern.compile("^\\s*CPU:\\s*\\d+\\s+\\[LOST\\s+(\\d+)\\s+EVENTS\\]\\s*$");
    private static final Pattern TRACEFS_PATH = Pattern.compile(
            "/sys/kernel/(?:debug/)?tracing/(?:instances/[^/\\s]+/)?trace(?:_pipe)?(?=$|[\\s|;&>])");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|[-_.])trace[-_.].*kfree_skb|kfree_skb.*[-_.]trace(?:$|[-_.])");
    static final List<String> DROP_EVENTS = List.of("kfree_skb", "consume_skb", "udp_fail_queue_rcv_skb");
    private static final int SNIFF_LINES = 40;

    @Override
    public String id() {
        return "tracefs-trace";
    }

    @Override
    public String description() {
        return "tracefs trace of skb:kfree_skb: drops by reason, location and protocol (consume_skb counted apart)";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /sys/kernel/tracing/instances/NAME/trace", "cat /sys/kernel/tracing/trace_pipe",
                "cat /sys/kernel/debug/tracing/trace");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (TRACEFS_PATH.matcher(nameOrCommand).find()) {
            return 95;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        if (base.contains("perf") || base.contains("dropwatch")) {
            return 0;
        }
        if (FILE_NAME.matcher(base).find()) {
            return 85;
        }
        return base.matches("trace(?:_pipe)?(?:\\.txt)?") ? 80 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        boolean header = false;
        for (int i = 0; i < block.size() && seen < SNIFF_LINES; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (seen++ == 0) {
                String t = line.strip();
                if (t.startsWith("# tracer:")) {
                    if (!t.equals("# tracer: nop")) {
                        return 0; // function, function_graph ...: not an event trace
                    }
                    header = true;
                    continue;
                }
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (m.matches() && DROP_EVENTS.contains(m.group(6))) {
                return 95;
            }
        }
        // an event trace with only a header (an idle host) still is one; its name says which events
        return header ? 55 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("# tracer: nop");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        DropAggregator agg = new DropAggregator("tracefs", block, sink);
        int windowLine = -1;
        boolean any = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (windowLine < 0) {
                windowLine = i;
            }
            String t = line.strip();
            Matcher entries = ENTRIES.matcher(t);
            if (entries.matches()) {
                sink.used(i);
                windowLine = i;
                Long inBuffer = Numbers.decimal(entries.group(1));
                Long written = Numbers.decimal(entries.group(2));
                if (inBuffer != null && written != null && written > inBuffer) {
                    agg.lost(written - inBuffer);
                }
                any = true;
                continue;
            }
            if (t.startsWith("#")) {
                sink.used(i); // column legend, "##### CPU 1 buffer started ####"
                any = true;
                continue;
            }
            Matcher lost = LOST.matcher(line);
            if (lost.matches()) {
                sink.used(i);
                Long n = Numbers.decimal(lost.group(1));
                agg.lost(n == null ? 0 : n);
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (!m.matches()) {
                if (EVENT_START.matcher(line).matches()) {
                    agg.malformed(i, "not a whole trace event line (TASK-PID [CPU] FLAGS TIME: event: fields)");
                }
                continue; // other text: the sink reports it as not understood
            }
            int before = agg.malformedCount();
            TraceEvents.feed(agg, i, m.group(6), m.group(7), Double.parseDouble(m.group(5)));
            if (agg.malformedCount() == before) {
                sink.used(i);
                any = true;
            }
        }
        if (any) {
            agg.emit(block.span(windowLine));
        }
    }
}
