package dev.drophound.parse.proto;

import dev.drophound.evidence.Block;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/net/snmp} (also {@code /proc/<pid>/net/snmp}, a sosreport's {@code proc/net/snmp}, and
 * {@code cat /proc/net/snmp | grep Udp:}): the IPv4 SNMP MIB as pairs of lines,
 * <pre>
 * Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors
 * Udp: 15312386 2139 275584595 16445449 4427540 0
 * </pre>
 * for the groups Ip, Icmp, IcmpMsg, Tcp, Udp and UdpLite. The columns grow with the kernel (2.6.32 has six Udp
 * fields, 3.10+ add InCsumErrors, 4.x IgnoredMulti, 6.x MemErrors, Ip OutTransmits and Icmp
 * OutRateLimitGlobal/Host), so names are always taken from the header line. One {@code ProtocolCounters} per
 * group, every counter spanning the header and value lines; Ip Forwarding/DefaultTTL and Tcp
 * RtoAlgorithm/RtoMin/RtoMax/MaxConn/CurrEstab are settings or gauges and are not emitted. IcmpMsg lists only
 * the ICMP types seen, so it is marked zero-omitted. Odd lines: see {@link HeaderValueTable}.
 */
public final class ProcNetSnmpParser implements Parser {

    public static final String ID = "proc-net-snmp";

    // proc/net/snmp, proc/1234/net/snmp, proc/self/net/snmp; never snmp6 or dev_snmp6
    private static final Pattern PATH = Pattern.compile("proc/(?:\\d+/|self/)?net/snmp(?![\\w])");
    private static final Pattern FILE = Pattern.compile("(?<![A-Za-z])proc[-_]net[-_]snmp(?![\\w])");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/net/snmp: IPv4, ICMP, TCP and UDP counters (header line + value line per group)";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/snmp", "cat /proc/net/snmp | grep Udp:", "cat /proc/<pid>/net/snmp",
                "sosreport proc/net/snmp");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.mentions(nameOrCommand, PATH) || NameHints.mentions(nameOrCommand, FILE) ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        return HeaderValueTable.score(block, MibNames.SNMP_GROUPS, 95);
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("Ip: Forwarding ");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        HeaderValueTable.parse(block, sink, ID);
    }
}
