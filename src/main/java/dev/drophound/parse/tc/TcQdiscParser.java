package dev.drophound.parse.tc;

import dev.drophound.evidence.Block;
import dev.drophound.facts.QdiscStats;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tc -s qdisc [show [dev X]]} and {@code tc -s -d qdisc}: one queueing discipline per record.
 *
 * <pre>
 * qdisc tbf 1: dev v04a root refcnt 3 rate 1Mbit burst 1600b lat 50ms
 *  Sent 13658 bytes 15 pkt (dropped 3087, overlimits 3116 requeues 0)
 *  backlog 0b 0p requeues 0
 * </pre>
 *
 * The header gives kind, handle, {@code dev} (absent when the command named the device: then it comes from
 * {@code dev X} in the command, else {@code "?"}), {@code root} or {@code parent X:Y}; the options after it
 * differ with {@code -d} and are not kept. Backlog bytes are printed by tc as {@code 0b}, {@code 88202b} or,
 * when close to a multiple of 1024, {@code 5Kb} / {@code 1Mb} (K = 1024, as the JSON of the same moment shows:
 * 5120), so a K/M value is tc's rounding. Older tc print {@code rate 0bit 0pps backlog 0b 0p requeues 0}.
 * Further indented lines of a record (fq_codel's {@code maxpacket ...}, {@code new_flows_len ...}, option
 * continuations) are understood and not kept. {@code Cannot find device "X"} and {@code Error: ...} are tool
 * messages. A record without a {@code Sent} line gives no fact (a single warning when no record has one:
 * {@code tc} ran without {@code -s}).
 */
public final class TcQdiscParser implements Parser {

    private static final Pattern HEADER = Pattern.compile("^qdisc\\s+(\\S+)\\s+([0-9a-fA-F]*:[0-9a-fA-F]*)(.*)$");
    private static final Pattern SENT = Pattern.compile(
            "^\\s*Sent\\s+(\\d+)\\s+bytes\\s+(\\d+)\\s+pkts?\\s+\\(dropped\\s+(\\d+),\\s*overlimits\\s+(\\d+)"
                    + "\\s+requeues\\s+(\\d+)\\)\\s*$");
    private static final Pattern BACKLOG = Pattern.compile("\\bbacklog\\s+(\\d+(?:\\.\\d+)?)([KMG]?)b\\s+(\\d+)p\\b");

    @Override
    public String id() {
        return "tc-qdisc";
    }

    @Override
    public String description() {
        return "tc -s qdisc: per-qdisc sent, dropped, overlimits and backlog (drops not in interface counters)";
    }

    @Override
    public List<String> examples() {
        return List.of("tc -s qdisc", "tc -s qdisc show dev eth0", "tc -s -d qdisc show",
                "sos_commands/networking/tc_-s_qdisc_show");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return switch (TcCommand.kind(nameOrCommand)) {
            case TEXT -> 95;
            case TEXT_WITHOUT_STATS -> 70;
            case JSON -> 10;
            case NONE -> 0;
        };
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (!line.isBlank()) {
                return HEADER.matcher(line).matches() ? 95 : TcCommand.isMessage(line) ? 20 : 0;
            }
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String commandDevice = TcCommand.device(block);
        int last = lastRecordLine(block);
        Record record = null;
        boolean anyStats = false;
        int records = 0;
        for (int i = 0; i <= last; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                finish(block, sink, record);
                record = new Record(i, h.group(1), h.group(2), h.group(3), commandDevice);
                records++;
                sink.used(i);
            } else if (TcCommand.isMessage(line)) {
                sink.toolMessage(i, line.strip());
            } else if (record == null || !Character.isWhitespace(line.charAt(0))) {
                sink.malformed(i, "expected 'qdisc KIND HANDLE: ...' or an indented statistics line");
            } else if (line.strip().startsWith("Sent ")) {
                Matcher s = SENT.matcher(line);
                if (s.matches() && record.sent(s)) {
                    anyStats = true;
                    record.last = i;
                    sink.used(i);
                } else {
                    sink.malformed(i, "expected 'Sent B bytes P pkt (dropped D, overlimits O requeues R)'");
                }
            } else if (line.contains("backlog ")) {
                Matcher b = BACKLOG.matcher(line);
                if (b.find() && record.backlog(b)) {
                    record.last = i;
                    sink.used(i);
                } else {
                    sink.malformed(i, "expected 'backlog Xb Yp'");
                }
            } else if (line.strip().split("\\s+").length >= 2) {
                record.last = i; // per-qdisc extra statistics (fq_codel "maxpacket 1514 ...") or option lines
                sink.used(i);
            } else {
                sink.malformed(i, "expected an indented statistics line");
            }
        }
        finish(block, sink, record);
        if (records > 0 && !anyStats) {
            sink.warning(0, "no statistics: this output is from tc without -s");
        }
    }

    private static void finish(Block block, ParseSink sink, Record r) {
        if (r == null || r.packets == null) {
            return;
        }
        sink.fact(new QdiscStats(r.device == null ? "?" : r.device, r.kind, r.handle, r.parent, r.bytes, r.packets,
                r.dropped, r.overlimits, r.requeues, r.backlogBytes, r.backlogPackets, block.spanRange(r.first, r.last)));
    }

    /**
     * The last header, Sent or backlog line and the indented lines right after it (extra statistics): text
     * after that (an article's prose) is left alone.
     */
    private static int lastRecordLine(Block block) {
        for (int i = block.size() - 1; i >= 0; i--) {
            String l = block.line(i);
            if (HEADER.matcher(l).matches() || l.strip().startsWith("Sent ") || l.strip().startsWith("backlog ")
                    || TcCommand.isMessage(l)) {
                while (i + 1 < block.size() && !block.line(i + 1).isBlank()
                        && Character.isWhitespace(block.line(i + 1).charAt(0))) {
                    i++;
                }
                return i;
            }
        }
        return -1;
    }

    /** One qdisc while its lines are read. */
    private static final class Record {
        final int first;
        int last;
        final String kind;
        final String handle;
        String device;
        String parent;
        Long bytes;
        Long packets;
        long dropped;
        long overlimits;
        long requeues;
        Long backlogBytes;
        Long backlogPackets;

        Record(int first, String kind, String handle, String rest, String commandDevice) {
            this.first = first;
            this.last = first;
            this.kind = kind;
            this.handle = handle;
            this.device = commandDevice;
            // qdisc KIND HANDLE [dev DEV] [root | parent X:Y | ingress] [refcnt N] options...
            String[] t = rest.trim().split("\\s+");
            for (int k = 0; k < t.length; k++) {
                if (t[k].equals("dev") && k + 1 < t.length) {
                    device = t[++k];
                } else if (t[k].equals("root")) {
                    parent = "root";
                    break;
                } else if (t[k].equals("parent") && k + 1 < t.length) {
                    parent = t[k + 1];
                    break;
                } else {
                    break;
                }
            }
        }

        boolean sent(Matcher s) {
            Long[] v = new Long[5];
            for (int k = 0; k < 5; k++) {
                v[k] = Numbers.decimal(s.group(k + 1));
                if (v[k] == null) {
                    return false;
                }
            }
            bytes = v[0];
            packets = v[1];
            dropped = v[2];
            overlimits = v[3];
            requeues = v[4];
            return true;
        }

        boolean backlog(Matcher b) {
            double amount = Double.parseDouble(b.group(1));
            long unit = switch (b.group(2)) {
                case "K" -> 1024L;
                case "M" -> 1024L * 1024;
                case "G" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            Long p = Numbers.decimal(b.group(3));
            if (p == null) {
                return false;
            }
            backlogBytes = Math.round(amount * unit);
            backlogPackets = p;
            return true;
        }
    }
}
