package dev.drophound.parse.trace;

import dev.drophound.evidence.Block;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code perf script} of a {@code perf record -e skb:kfree_skb -a [-g]} recording (fixtures 01, 02, 04, 05; the
 * perf examples of fixtures/public/drop-trace; seed 001):
 *
 * <pre>
 * python3 24937 [000]  1667.506109: skb:kfree_skb: skbaddr=0xffff8881520c2f00 rx_sk=0xffff88815fef6f40 protocol=2048 location=udp_queue_rcv_one_skb+0x437 reason: SOCKET_RCVBUFF
 * 	ffffffff81e44fd0 sk_skb_reason_drop+0x90 ([kernel.kallsyms])
 * 	ffffffff82047aa7 udp_queue_rcv_one_skb+0x437 ([kernel.kallsyms])
 * </pre>
 *
 * perf prints raw pointers and {@code +off} only. Variants: with {@code reason:} and {@code rx_sk=} (6.10+), with a
 * reason but no rx_sk (5.17 to 6.9), location only as a symbol or a raw address (3.10 to 5.16); with {@code -g} call
 * stacks (frames with or without {@code +0x} offsets) or without. The first frames that are not kfree_skb helpers
 * (sk_skb_reason_drop, kfree_skb, ...) become the drop group's {@code where}, from its first event. consume_skb is
 * counted apart, other events counted. A cut event or frame line is malformed (first ten named); other text is left to the sink.
 */
public final class PerfScriptParser implements Parser {

    private static final Pattern EVENT = Pattern.compile(
            "^\\s*(.+?)\\s+(\\d+)(?:/\\d+)?\\s+(?:\\[(\\d+)\\]\\s+)?(\\d+\\.\\d+):\\s+(?:\\d+\\s+)?([\\w-]+):([\\w-]+):\\s?(.*)$");
    private static final Pattern EVENT_START = Pattern.compile("^\\s*\\S.*?\\s\\d+(?:/\\d+)?\\s+\\[\\d+\\].*");
    private static final Pattern FRAME_START = Pattern.compile("^\\s+[0-9a-fA-F]{4,}\\s.*");
    private static final Pattern FRAME = Pattern.compile("^\\s+([0-9a-fA-F]+)\\s+(.+?)\\s+\\(([^)]*)\\)\\s*$");
    private static final Pattern COMMAND = Pattern.compile("\\bperf\\s+script\\b");
    private static final int WHERE_FRAMES = 3;
    private static final int SNIFF_LINES = 40;

    @Override
    public String id() {
        return "perf-script";
    }

    @Override
    public String description() {
        return "perf script of skb:kfree_skb (with or without -g stacks): drops by reason, location and protocol";
    }

    @Override
    public List<String> examples() {
        return List.of("perf record -e skb:kfree_skb -a -g sleep 10; perf script", "perf script -i perf.data");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (COMMAND.matcher(nameOrCommand).find()) {
            return 95;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return base.contains("perf") && base.contains("script") ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        for (int i = 0; i < block.size() && seen < SNIFF_LINES; i++) {
            String line = block.line(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            seen++;
            Matcher m = EVENT.matcher(line);
            if (m.matches() && TracefsTraceParser.DROP_EVENTS.contains(m.group(6))) {
                return 95;
            }
            if (!FRAME.matcher(line).matches()) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        DropAggregator agg = new DropAggregator("perf", block, sink);
        int windowLine = -1;
        DropAggregator.Group group = null;
        List<String> frames = new ArrayList<>();
        boolean inEvent = false; // the lines that follow belong to an event: its stack frames
        boolean readable = false; // that event was read, so its frames may give the group's where
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                group = where(group, frames);
                inEvent = false;
                readable = false;
                continue;
            }
            if (line.startsWith("#")) {
                sink.used(i); // perf script --header
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                group = where(group, frames);
                if (windowLine < 0) {
                    windowLine = i;
                }
                int before = agg.malformedCount();
                group = TraceEvents.feed(agg, i, m.group(6), m.group(7), Double.parseDouble(m.group(4)));
                inEvent = true;
                readable = agg.malformedCount() == before;
                if (readable) {
                    sink.used(i);
                }
                continue;
            }
            Matcher f = FRAME.matcher(line);
            if (f.matches() && inEvent) {
                sink.used(i); // also the frames of a broken event: that event was reported once
                if (readable && group != null && group.where == null && frames.size() < WHERE_FRAMES) {
                    String symbol = f.group(2).replaceFirst("\\+0x[0-9a-fA-F]+$", "");
                    if (!Location.isFreeHelper(symbol) && !symbol.startsWith("[")) {
                        frames.add(symbol);
                    }
                }
                continue;
            }
            if (!f.matches() && inEvent && FRAME_START.matcher(line).matches()) {
                agg.malformed(i, "not a whole stack frame line (ADDRESS SYMBOL+OFF (DSO))");
            } else if (!f.matches() && EVENT_START.matcher(line).matches()) {
                group = where(group, frames);
                agg.malformed(i, "not a whole perf script event line (COMM PID [CPU] TIME: subsystem:event: fields)");
                inEvent = true;
                readable = false;
            }
            // other text: the sink reports it as not understood
        }
        where(group, frames);
        if (windowLine >= 0) {
            agg.emit(block.span(windowLine));
        }
    }

    /** Ends an event's stack: its first frames become the group's where if it has none yet. */
    private static DropAggregator.Group where(DropAggregator.Group group, List<String> frames) {
        if (group != null && group.where == null && !frames.isEmpty()) {
            group.where = String.join(" < ", frames);
        }
        frames.clear();
        return null;
    }
}
