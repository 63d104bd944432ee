package dev.drophound.parse.proto;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * net-tools {@code netstat -s} and its protocol filters ({@code -su}, {@code -st}, {@code -s -u},
 * {@code --statistics}, {@code -s -6}, sosreport {@code sos_commands/networking/netstat_-s}): sections
 * {@code Ip:}, {@code Icmp:}, {@code IcmpMsg:}, {@code Tcp:}, {@code Udp:}, {@code UdpLite:}, {@code TcpExt:},
 * {@code IpExt:}, {@code MPTcpExt:} (with {@code -6}: {@code Ip6:}, {@code Icmp6:}, {@code Udp6:},
 * {@code UdpLite6:}), each followed by indented lines that are either a sentence
 * ({@code 710184 receive buffer errors}) or {@code Name: value} for counters net-tools has no sentence for
 * ({@code InCsumErrors: 3}, {@code TCPBacklogDrop: 2}; with {@code -6} the name keeps its group prefix,
 * {@code Ip6InOctets: 2032}). Sentences are mapped to MIB names by {@link NetToolsStatisticsTexts}, ICMP
 * histogram lines by the input/output histogram they follow.
 *
 * <p>One {@code ProtocolCounters} per section. net-tools leaves out zero TcpExt/IpExt/MPTcpExt entries (and
 * IcmpMsg lists only types seen), so those are zero-omitted and an empty section still says "all zero"; for
 * Ip, Icmp, Tcp and the Udp groups an absent counter stays unknown. Without any section header (a grep such as
 * {@code netstat -su | grep InCsumErrors}) the group comes from the command's protocol flag ({@code -u} Udp,
 * {@code -t} Tcp, {@code -U} UdpLite). Sentences not in the table are used and counted in one info line; an
 * author's annotation after a count ({@code 710187 packet receive errors  <<ココ}) is ignored; netstat's own
 * messages ({@code netstat: No statistics support for specified address family: unix}) are tool messages.
 */
public final class NetstatStatisticsParser implements Parser {

    public static final String ID = "netstat-s";

    private static final Set<String> ZERO_OMITTED = Set.of("TcpExt", "IpExt", "MPTcpExt", "IcmpMsg");
    private static final Pattern SECTION = Pattern.compile("([A-Z][A-Za-z0-9]*):");
    private static final Pattern NAME_VALUE =
            Pattern.compile("([A-Za-z][A-Za-z0-9_]*):\\s+(-?\\d+)(?:\\s+[^\\p{L}\\p{N}\\s].*)?");
    /** A sentence: starts with a count, or has one after ASCII words ({@code Quick ack mode was activated 1 times}). */
    private static final Pattern SENTENCE =
            Pattern.compile("\\d+\\s+[A-Za-z].*|[A-Za-z][\\x20-\\x7E]*\\s\\d+(?:[\\s.][\\x20-\\x7E]*)?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "netstat -s: protocol statistics of net-tools, as sentences and Name: value lines per section";
    }

    @Override
    public List<String> examples() {
        return List.of("netstat -s", "netstat -su", "netstat -st", "netstat -s -6",
                "netstat -su | grep InCsumErrors", "sos_commands/networking/netstat_-s");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        String flags = NetstatFlags.of(nameOrCommand);
        return flags != null && flags.indexOf('s') >= 0 ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        String previous = null;
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 2; i++) {
            String s = block.line(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            seen++;
            if (previous == null) {
                if (s.startsWith("netstat: ")) {
                    return 30;
                }
                if (!isSection(s)) {
                    return NAME_VALUE.matcher(s).matches() && Character.isUpperCase(s.charAt(0)) ? 25 : 0;
                }
                previous = s;
            } else if (!(isSection(s) || NAME_VALUE.matcher(s).matches()
                    || SENTENCE.matcher(s).matches() || s.endsWith("histogram:"))) {
                return 0;
            }
        }
        return previous != null ? 90 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.strip().equals("Ip:") && !Character.isWhitespace(line.charAt(0));
    }

    /** The counters of one section while it is read. */
    private static final class Section {
        final String group;
        final int header;
        final List<Counter> counters = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();

        Section(String group, int header) {
            this.group = group;
            this.header = header;
            if (header >= 0) {
                lines.add(header);
            }
        }
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String implicitGroup = NetstatFlags.protocolGroup(NetstatFlags.of(block.command()));
        Section section = null;
        String histogram = null;
        int unmapped = 0;
        int firstUnmapped = -1;
        boolean headerlessReported = false;
        for (int i = 0; i < block.size(); i++) {
            String s = block.line(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (isSection(s)) {
                emit(block, sink, section);
                section = new Section(s.substring(0, s.length() - 1), i);
                histogram = null;
                sink.used(i);
                continue;
            }
            if (s.startsWith("netstat: ")) {
                sink.toolMessage(i, s);
                continue;
            }
            Matcher nameValue = NAME_VALUE.matcher(s);
            boolean isNameValue = nameValue.matches();
            boolean isHistogram = s.equals("ICMP input histogram:") || s.equals("ICMP output histogram:");
            boolean isSentence = !isNameValue && !isHistogram;
            NetToolsStatisticsTexts.Match known = isSentence && section != null
                    ? NetToolsStatisticsTexts.match(section.group, histogram, s) : null;
            // an unknown sentence must look like one and be indented as net-tools does (prose after a paste is not)
            if (isSentence && known == null
                    && !(SENTENCE.matcher(s).matches() && Character.isWhitespace(block.line(i).charAt(0)))) {
                continue; // not ours; the sink reports it
            }
            if (section == null) {
                if (implicitGroup == null) {
                    if (!headerlessReported) {
                        sink.warning(i, "counter lines before any section header and the command names no single"
                                + " protocol (-u, -t, -U): group unknown, not kept");
                        headerlessReported = true;
                    }
                    sink.used(i);
                    continue;
                }
                section = new Section(implicitGroup, -1);
                sink.toolMessage(i, "no section header (output filtered?): counters taken as " + implicitGroup
                        + " from the command's protocol flag");
                known = isSentence ? NetToolsStatisticsTexts.match(section.group, histogram, s) : null;
            }
            sink.used(i);
            section.lines.add(i);
            if (isHistogram) {
                histogram = s.startsWith("ICMP input") ? "in" : "out";
                continue;
            }
            String name;
            Long value;
            if (isNameValue) {
                name = withoutGroupPrefix(nameValue.group(1), section.group);
                value = Numbers.signedDecimal(nameValue.group(2));
            } else {
                if (known == null) {
                    unmapped++;
                    firstUnmapped = firstUnmapped < 0 ? i : firstUnmapped;
                    continue;
                }
                name = known.name();
                value = known.value();
            }
            if (name == null || MibNames.isGauge(section.group, name)) {
                continue; // a setting or gauge: understood, not a counter
            }
            if (value == null) {
                sink.malformed(i, "number does not fit in 64 bits");
                continue;
            }
            section.counters.add(new Counter(ProtocolCounters.key(section.group, name), value, 64, block.span(i)));
        }
        emit(block, sink, section);
        if (unmapped > 0) {
            sink.toolMessage(firstUnmapped, unmapped + " netstat -s sentence(s) without a known MIB name, not kept"
                    + " (first: \"" + block.line(firstUnmapped).strip() + "\")");
        }
    }

    private static void emit(Block block, ParseSink sink, Section section) {
        if (section == null) {
            return;
        }
        boolean zeroOmitted = ZERO_OMITTED.contains(section.group);
        if (section.counters.isEmpty() && !(zeroOmitted && section.header >= 0)) {
            return;
        }
        int[] lines = section.lines.stream().mapToInt(Integer::intValue).toArray();
        var span = section.header >= 0 ? block.spanRange(section.header, lines[lines.length - 1]) : block.span(lines);
        sink.fact(new ProtocolCounters(section.group, ID, section.counters, zeroOmitted, span));
    }

    /** A section header: a known group alone on its line ({@code Udp:}), indented or not (pastes vary). */
    private static boolean isSection(String stripped) {
        if (!SECTION.matcher(stripped).matches()) {
            return false;
        }
        String group = stripped.substring(0, stripped.length() - 1);
        return MibNames.ALL_GROUPS.contains(group);
    }

    /** {@code netstat -s -6} prints unknown IPv6 counters with their group: {@code Ip6InOctets} in Ip6. */
    private static String withoutGroupPrefix(String name, String group) {
        return name.length() > group.length() && name.startsWith(group)
                && Character.isUpperCase(name.charAt(group.length())) ? name.substring(group.length()) : name;
    }
}
