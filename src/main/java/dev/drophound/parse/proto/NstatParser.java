package dev.drophound.parse.proto;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iproute2 {@code nstat -asz} (also {@code nstat -az}, {@code nstat -a}, plain {@code nstat}, sosreport
 * {@code nstat_-zas}): a {@code #kernel} line, then one counter per line with its value and a rate,
 * <pre>
 * Udp6RcvbufErrors                2997               0.0
 * </pre>
 * The full name is split at the longest known group prefix (TcpExt, IpExt, MPTcpExt, IcmpMsg, Icmp6, Icmp, Ip6,
 * Ip, UdpLite6, UdpLite, Udp6, Udp, Tcp, Sctp): {@code Icmp6InType1} is Icmp6 / InType1. One
 * {@code ProtocolCounters} per group, each counter spanning its line; the rate is ignored. Without {@code -z}
 * zero counters are left out (zero-omitted, unless a 0 is printed or the command has {@code -z}).
 *
 * <p>Without {@code -a} nstat prints the increments since its previous run (kept in a history file), not the
 * kernel's totals: when the command is known and lacks {@code -a}, one info line says so; the facts are still
 * emitted. A value that is not a number is reported with its line and the rest kept; lines with an unknown
 * prefix are left to the sink; nstat's own messages ({@code nstat: ...}) are tool messages.
 */
public final class NstatParser implements Parser {

    public static final String ID = "nstat";

    private static final Pattern COMMAND = Pattern.compile("(?<![\\w.-])nstat(?=\\s|$|[|;&)])((?:\\s+-[^\\s|;&>]+)*)");
    private static final Pattern FILE = Pattern.compile("(?<![A-Za-z])nstat(?![A-Za-z])");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern RATE = Pattern.compile("\\d+(?:\\.\\d+)?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "nstat: kernel SNMP counters of all groups, one per line (totals with -a, else increments)";
    }

    @Override
    public List<String> examples() {
        return List.of("nstat -asz", "nstat -az", "nstat -a", "nstat", "sos_commands/networking/nstat_-zas");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        String flags = flags(nameOrCommand);
        if (flags != null) {
            return flags.indexOf('j') >= 0 ? 10 : 95; // -j is JSON, another format
        }
        return nameOrCommand != null && FILE.matcher(nameOrCommand).find() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int ours = 0;
        for (int i = 0; i < block.size() && seen < 10; i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (seen++ == 0 && line.equals("#kernel")) {
                return 95;
            }
            String[] t = SPACES.split(line);
            if (t.length == 3 && MibNames.groupOf(t[0], MibNames.ALL_GROUPS) != null
                    && Numbers.decimal(t[1]) != null && RATE.matcher(t[2]).matches()) {
                ours++;
            }
        }
        return seen > 0 && ours >= Math.min(seen, 3) ? 80 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.strip().equals("#kernel");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String flags = flags(block.command());
        Map<String, List<Counter>> counters = new LinkedHashMap<>();
        Map<String, List<Integer>> lines = new LinkedHashMap<>();
        boolean zeroPrinted = false;
        int first = -1;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("#kernel")) {
                sink.used(i);
                first = first < 0 ? i : first;
                continue;
            }
            if (line.startsWith("nstat: ")) {
                sink.toolMessage(i, line);
                continue;
            }
            String[] t = SPACES.split(line);
            String group = MibNames.groupOf(t[0], MibNames.ALL_GROUPS);
            if (group == null) {
                continue; // not ours; the sink reports it
            }
            Long value = t.length >= 2 ? Numbers.decimal(t[1]) : null;
            if (value == null || t.length > 2 && !RATE.matcher(t[2]).matches() && MibNames.looksNumeric(t[2])) {
                sink.malformed(i, t.length < 2 ? "no value after " + t[0] : "value of " + t[0] + " is not a number");
                continue;
            }
            sink.used(i);
            first = first < 0 ? i : first;
            String name = t[0].substring(group.length());
            if (MibNames.isGauge(group, name)) {
                continue;
            }
            zeroPrinted |= value == 0;
            counters.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(new Counter(ProtocolCounters.key(group, name), value, 64, block.span(i)));
            lines.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
        }
        boolean zeroOmitted = !(zeroPrinted || flags != null && flags.indexOf('z') >= 0);
        counters.forEach((group, list) -> {
            Span span = block.span(lines.get(group).stream().mapToInt(Integer::intValue).toArray());
            sink.fact(new ProtocolCounters(group, ID, list, zeroOmitted, span));
        });
        if (flags != null && flags.indexOf('a') < 0 && first >= 0) {
            sink.toolMessage(first, "nstat without -a prints increments since its previous run (history file),"
                    + " not totals: these values may not be compared like counters");
        }
    }

    /** nstat's option letters from a command line ({@code nstat -asz}, {@code nstat --zeros --ignore}), or null. */
    static String flags(String command) {
        if (command == null) {
            return null;
        }
        Matcher m = COMMAND.matcher(command);
        if (!m.find()) {
            return null;
        }
        StringBuilder letters = new StringBuilder();
        for (String option : m.group(1).strip().split("\\s+")) {
            if (option.startsWith("--")) {
                letters.append(switch (option.substring(2)) {
                    case "ignore" -> "a";
                    case "zeros" -> "z";
                    case "json" -> "j";
                    case "noupdate" -> "s";
                    case "reset" -> "r";
                    case "nooutput" -> "n";
                    default -> "";
                });
            } else if (option.startsWith("-")) {
                letters.append(option.substring(1));
            }
        }
        return letters.toString();
    }
}
