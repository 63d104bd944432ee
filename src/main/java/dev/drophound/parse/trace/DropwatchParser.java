package dev.drophound.parse.trace;

import dev.drophound.evidence.Block;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dropwatch -l kas} output (the drop monitor, NET_DM netlink), as seed 001 and fixtures/public/drop-trace
 * show it. Summary mode, dropwatch 1.5 with the origin tag and 1.4 without:
 *
 * <pre>
 * 1 drops at __udp4_lib_rcv+207 (0xffffffffb14b0ee7)
 * 4 drops at net_tx_action+0 (0x9d5123d0) [software]
 * </pre>
 *
 * The offset is hex without {@code 0x}. Packet alert mode ({@code set alertmode packet}) prints one record per
 * drop: {@code drop at: SYM+0xOFF/0xSIZE (0xADDR)} followed by {@code origin:}, {@code input port ifindex:},
 * {@code timestamp: Thu Dec 22 13:14:21 2022 005165840 nsec}, {@code protocol: 0x800}, {@code length:} lines;
 * its protocol and time are kept. dropwatch gives no reason. Its prompts and chatter ({@code dropwatch> start},
 * {@code Kernel monitoring activated.}) are understood; {@code Unable to find NET_DM family, dropwatch can't work}
 * (kernel without CONFIG_NET_DROP_MONITOR, fixtures 01 and 08) is a tool message and gives no facts. A drop line
 * that does not parse is malformed; other text is left to the sink.
 */
public final class DropwatchParser implements Parser {

    private static final Pattern SUMMARY = Pattern.compile(
            "^\\s*(\\d+)\\s+drops?\\s+at\\s+(\\S+)(?:\\s+\\((0x[0-9a-fA-F]+)\\))?(?:\\s+\\[(\\w+)\\])?(?:\\s{2,}\\S.*)?\\s*$");
    private static final Pattern SUMMARY_START = Pattern.compile("^\\s*\\S+\\s+drops?\\s+at\\b.*");
    private static final Pattern ALERT = Pattern.compile("^\\s*drop at:\\s+(\\S+)(?:\\s+\\((0x[0-9a-fA-F]+)\\))?\\s*$");
    private static final Pattern FIELD = Pattern.compile("^\\s*([a-z][a-z ]*[a-z]):\\s+(.+?)\\s*$");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\w{3}\\s+(\\w{3}\\s+\\d{1,2}\\s+\\d\\d:\\d\\d:\\d\\d\\s+\\d{4})\\s+(\\d+)\\s+nsec$");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ROOT);
    /** Prompts and messages; a note after them (an author's {@code << 1.}) is tolerated. */
    private static final Pattern CHATTER = Pattern.compile("^\\s*(?:\\^C)?(?:dropwatch>|Initi?alizing |"
            + "(?:Enabling|Disabling) monitoring|Kernel monitoring (?:activated|deactivated)"
            + "|Issue Ctrl-C to stop monitoring|Got a stop message|Shutting down|Setting |Deactivation requested"
            + "|Exiting).*$");
    private static final Pattern ACTIVE = Pattern.compile("^\\s*(?:Kernel monitoring activated|dropwatch>\\s*start).*");
    private static final Pattern NO_NET_DM = Pattern.compile("^\\s*Unable to find NET_DM family.*");
    /** dropwatch itself run (possibly fed by a pipe), not {@code dnf install dropwatch}. */
    private static final Pattern COMMAND = Pattern.compile(
            "(?:^|\\|)\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:timeout\\s+\\S+\\s+)?(?:[\\w./-]*/)?dropwatch(?:\\s|$)");

    @Override
    public String id() {
        return "dropwatch";
    }

    @Override
    public String description() {
        return "dropwatch summary and packet alert mode: drop counts by kernel location (no reasons)";
    }

    @Override
    public List<String> examples() {
        return List.of("dropwatch -l kas", "dropwatch -l kas (set alertmode packet)");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (COMMAND.matcher(nameOrCommand).find()) {
            return 90;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return base.contains("dropwatch") && !base.contains(" ") ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 20; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (SUMMARY.matcher(line).matches() || ALERT.matcher(line).matches() || NO_NET_DM.matcher(line).matches()
                    || line.strip().startsWith("dropwatch>")) {
                return 90;
            }
            if (!CHATTER.matcher(line).matches()) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        DropAggregator agg = new DropAggregator("dropwatch", block, sink);
        boolean active = false;
        int firstLine = -1;
        Alert alert = null;
        boolean broken = false; // the field lines that follow belong to a drop record already reported
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                alert = close(agg, alert);
                broken = false;
                continue;
            }
            Matcher s = SUMMARY.matcher(line);
            Matcher a = ALERT.matcher(line);
            Matcher f = FIELD.matcher(line);
            if (NO_NET_DM.matcher(line).matches()) {
                sink.toolMessage(i, line.strip() + " (the kernel has no drop monitor: trace skb:kfree_skb instead)");
            } else if (CHATTER.matcher(line).matches() || line.strip().startsWith("Cleaning up on socket creation error")) {
                sink.used(i);
                active |= ACTIVE.matcher(line).matches();
            } else if (s.matches()) {
                alert = close(agg, alert);
                Location loc = "hardware".equals(s.group(4)) ? Location.symbolOnly(s.group(2)) : Location.parse(s.group(2));
                Long n = Numbers.decimal(s.group(1));
                if (loc == null || n == null) {
                    agg.malformed(i, "expected 'N drops at SYMBOL+OFFSET (0xADDRESS)'");
                    continue;
                }
                firstLine = firstLine < 0 ? i : firstLine;
                agg.drop(i, null, loc, null, n, null);
                sink.used(i);
                active = true;
            } else if (a.matches()) {
                alert = close(agg, alert);
                broken = false;
                Location loc = Location.parse(a.group(1));
                if (loc == null) {
                    agg.malformed(i, "expected 'drop at: SYMBOL+0xOFF/0xSIZE (0xADDRESS)'");
                    broken = true;
                    continue;
                }
                firstLine = firstLine < 0 ? i : firstLine;
                alert = new Alert(i, loc);
                sink.used(i);
                active = true;
            } else if ((alert != null || broken) && f.matches()) {
                if (alert != null) {
                    alert.field(f.group(1), f.group(2));
                }
                sink.used(i);
            } else if (SUMMARY_START.matcher(line).matches() || line.strip().startsWith("drop at")) {
                agg.malformed(i, "a drop line cut short or garbled");
            }
        }
        close(agg, alert);
        if (active) {
            agg.emit(block.span(firstLine >= 0 ? firstLine : block.firstNonBlank()));
        }
    }

    private static Alert close(DropAggregator agg, Alert alert) {
        if (alert != null) {
            agg.drop(alert.index, null, alert.location, alert.protocol, 1, alert.seconds);
        }
        return null;
    }

    /** One packet alert record, completed by its field lines. */
    private static final class Alert {
        final int index;
        final Location location;
        Integer protocol;
        Double seconds;

        Alert(int index, Location location) {
            this.index = index;
            this.location = location;
        }

        void field(String name, String value) {
            switch (name) {
                case "protocol" -> {
                    Long p = Numbers.hex(value);
                    protocol = p == null ? null : p.intValue();
                }
                case "timestamp" -> seconds = timestamp(value);
                default -> {
                    // origin, input port ifindex, length, original length: understood, not kept
                }
            }
        }

        /** {@code Thu Dec 22 13:14:21 2022 005165840 nsec} as seconds of the epoch (the zone does not matter for spans). */
        private static Double timestamp(String value) {
            Matcher m = TIMESTAMP.matcher(value);
            if (!m.matches()) {
                return null;
            }
            try {
                long epoch = LocalDateTime.parse(m.group(1).replaceAll("\\s+", " "), DATE).toEpochSecond(ZoneOffset.UTC);
                return epoch + Long.parseLong(m.group(2)) / 1e9;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
