package dev.drophound.parse.trace;

import dev.drophound.evidence.Block;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bcc's {@code tcpdrop} ({@code /usr/share/bcc/tools/tcpdrop}, {@code tcpdrop-bpfcc}): one TCP drop per record with
 * its kernel stack, as fixtures/public/drop-trace shows it. The 2018 tool (tcp_drop kprobe) prints no reason; the
 * 2025 one (kfree_skb tracepoint) adds {@code REASON (CODE)} and quotes frames as {@code b'sym+0x..'}:
 *
 * <pre>
 * TIME     PID     IP SADDR:SPORT          > DADDR:DPORT          STATE (FLAGS)        REASON (CODE)
 * 14:46:49 0       4  39.156.66.10:80      > 10.211.55.10:33280   SYN_SENT (SYN|ACK)   NETFILTER_DROP (12)
 * 	b'sk_skb_reason_drop+0x1e4'
 * 	b'nft_do_chain+0x93c'
 * </pre>
 *
 * The location is the first frame that is not a kfree_skb/tcp_drop helper; IP 4/6 becomes ethertype 2048/34525;
 * times are seconds of the day. Shell prompt lines ({@code # ./tcpdrop.py}) and {@code [...]} elisions are
 * understood; after a {@code -h} prompt the help text is one tool message. A record line cut short is malformed.
 */
public final class TcpdropParser implements Parser {

    private static final Pattern HEADER = Pattern.compile(
            "^TIME\\s+PID\\s+IP\\s+SADDR:SPORT\\s+>\\s+DADDR:DPORT\\s+STATE\\s+\\(FLAGS\\)(?:\\s+REASON\\s+\\(CODE\\))?\\s*$");
    private static final Pattern RECORD = Pattern.compile(
            "^(\\d\\d):(\\d\\d):(\\d\\d)\\s+(\\d+)\\s+([46])\\s+(\\S+)\\s+>\\s+(\\S+)\\s+(\\w+)\\s+\\(([^)]*)\\)"
                    + "(?:\\s+(\\w+)\\s+\\((\\d+)\\))?\\s*$");
    private static final Pattern RECORD_START = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\s.*");
    private static final Pattern FRAME = Pattern.compile("^\\s+(?:b')?([\\w.$]+)(\\+0x[0-9a-fA-F]+)?'?\\s*$");
    private static final Pattern PROMPT = Pattern.compile("^#\\s+\\S*tcpdrop\\S*(.*)$");
    private static final Pattern COMMAND = Pattern.compile("\\btcpdrop(?:\\.py|-bpfcc)?\\b");

    @Override
    public String id() {
        return "bcc-tcpdrop";
    }

    @Override
    public String description() {
        return "bcc tcpdrop: TCP drops with their kernel stack (and reason on newer bcc)";
    }

    @Override
    public List<String> examples() {
        return List.of("/usr/share/bcc/tools/tcpdrop", "tcpdrop-bpfcc");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        Matcher m = COMMAND.matcher(nameOrCommand);
        return m.find() && !nameOrCommand.matches(".*\\s-(?:h|-help)\\b.*") ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0, seen = 0; i < block.size() && seen < 3; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (HEADER.matcher(line).matches()) {
                return 95;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("TIME ") && HEADER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        DropAggregator agg = new DropAggregator("tcpdrop", block, sink);
        int header = -1;
        Pending pending = null;
        boolean broken = false; // the frames that follow belong to a record already reported
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                pending = close(agg, pending);
                broken = false;
                continue;
            }
            Matcher prompt = PROMPT.matcher(line);
            if (prompt.matches()) {
                pending = close(agg, pending);
                if (prompt.group(1).matches(".*\\s-(?:h|-help)\\b.*")) {
                    sink.toolMessage(i, "the rest is tcpdrop's help text, not drops");
                    sink.used(i, block.size() - 1);
                    break;
                }
                sink.used(i);
                continue;
            }
            if (HEADER.matcher(line).matches()) {
                header = header < 0 ? i : header;
                sink.used(i);
                continue;
            }
            if (line.strip().equals("[...]")) {
                sink.used(i);
                continue;
            }
            Matcher r = RECORD.matcher(line);
            if (r.matches()) {
                pending = close(agg, pending);
                broken = false;
                double t = Integer.parseInt(r.group(1)) * 3600 + Integer.parseInt(r.group(2)) * 60 + Integer.parseInt(r.group(3));
                pending = new Pending(i, r.group(10), r.group(5).equals("4") ? 2048 : 34525, t);
                sink.used(i);
                continue;
            }
            Matcher f = FRAME.matcher(line);
            if (f.matches() && (pending != null || broken)) {
                if (pending != null) {
                    pending.frame(f.group(1), f.group(2));
                }
                sink.used(i);
                continue;
            }
            if (RECORD_START.matcher(line).matches()) {
                pending = close(agg, pending);
                agg.malformed(i, "expected 'TIME PID IP SADDR:SPORT > DADDR:DPORT STATE (FLAGS) [REASON (CODE)]'");
                broken = true;
            }
        }
        close(agg, pending);
        if (header >= 0) {
            agg.emit(block.span(header));
        }
    }

    private static Pending close(DropAggregator agg, Pending p) {
        if (p != null) {
            Location loc = p.location != null ? p.location : Location.symbolOnly("tcp_drop");
            DropAggregator.Group g = agg.drop(p.index, p.reason, loc, p.protocol, 1, p.seconds);
            if (g.where == null && !p.frames.isEmpty()) {
                g.where = String.join(" < ", p.frames);
            }
        }
        return null;
    }

    /** A record waiting for its stack, which names the location. */
    private static final class Pending {
        final int index;
        final String reason;
        final int protocol;
        final double seconds;
        Location location;
        final List<String> frames = new ArrayList<>();

        Pending(int index, String reason, int protocol, double seconds) {
            this.index = index;
            this.reason = reason;
            this.protocol = protocol;
            this.seconds = seconds;
        }

        void frame(String symbol, String offset) {
            if (Location.isFreeHelper(symbol)) {
                return;
            }
            if (location == null) {
                location = new Location(symbol, offset);
            }
            if (frames.size() < 3) {
                frames.add(symbol);
            }
        }
    }
}
