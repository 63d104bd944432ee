package dev.drophound.parse.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import org.junit.jupiter.api.Test;

class NetstatStatisticsParserTest {

    private static final String F01 = "fixtures/01-udp-rcvbuf-overflow/";
    private static final String SNMP = "fixtures/public/snmp/";
    private static final String SEED = "seeds/001_64cba6ed93d5da2f.txt";
    private final NetstatStatisticsParser parser = new NetstatStatisticsParser();

    private static ProtocolCounters group(Parsed parsed, String group) {
        return parsed.all(ProtocolCounters.class).stream().filter(p -> p.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + group + " in " + parsed.facts()));
    }

    private static Counter counter(Parsed parsed, String group, String name) {
        return group(parsed, group).counter(name).orElseThrow(() -> new AssertionError(group + " " + name));
    }

    private static long value(Parsed parsed, String group, String name) {
        return counter(parsed, group, name).value();
    }

    @Test
    void netstatSu_kernel618_receiveBufferErrorsRiseBy3149() {
        Parsed before = TestData.parse(parser, TestData.block(F01 + "netstat-su.before.txt"));
        Parsed after = TestData.parse(parser, TestData.block(F01 + "netstat-su.after.txt"));

        assertThat(after.diagnostics()).isEmpty();
        assertThat(after.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("IcmpMsg", "Udp", "IpExt", "MPTcpExt");
        assertThat(value(after, "Udp", "RcvbufErrors") - value(before, "Udp", "RcvbufErrors")).isEqualTo(3149);
        Counter rcvbuf = counter(after, "Udp", "RcvbufErrors");
        assertThat(rcvbuf.value()).isEqualTo(201364);
        assertThat(rcvbuf.key()).isEqualTo(ProtocolCounters.key("Udp", "RcvbufErrors"));
        assertThat(rcvbuf.span().where()).isEqualTo("netstat-su.after.txt line 9");
        assertThat(rcvbuf.span().lines().get(0).text()).isEqualTo("    201364 receive buffer errors");
        assertThat(value(after, "Udp", "InErrors")).isEqualTo(201364);
        assertThat(value(after, "Udp", "NoPorts")).isEqualTo(1420);
        assertThat(value(after, "IpExt", "InOctets")).isEqualTo(70699207);

        ProtocolCounters udp = group(after, "Udp");
        assertThat(udp.format()).isEqualTo("netstat-s");
        assertThat(udp.zeroOmitted()).isFalse();
        assertThat(udp.span().where()).isEqualTo("netstat-su.after.txt lines 4-10");
        assertThat(group(after, "IpExt").zeroOmitted()).isTrue();
        assertThat(group(after, "IcmpMsg").zeroOmitted()).isTrue();
        // an empty zero-omitted section still says "all zero"
        assertThat(group(after, "MPTcpExt").counters()).isEmpty();
        assertThat(group(after, "MPTcpExt").zeroOmitted()).isTrue();
    }

    @Test
    void otherNetstatSuCaptures() {
        Parsed ns = TestData.parse(parser, TestData.block("fixtures/04-qdisc-drops-veth/netstat-su.v04a-ns.B.after.txt"));
        Parsed softnet = TestData.parse(parser,
                TestData.block("fixtures/05-softnet-backlog-drops/netstat-su.lab05b.1.after.txt"));

        assertThat(ns.diagnostics()).isEmpty();
        assertThat(group(ns, "IcmpMsg").counters()).hasSize(3);
        assertThat(softnet.diagnostics()).isEmpty();
        assertThat(value(softnet, "Udp", "InDatagrams")).isEqualTo(16974);
    }

    @Test
    void fullNetstatS_kernel618() {
        Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/netstat-s.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "TcpExt", "IpExt", "MPTcpExt");
        assertThat(group(parsed, "Ip").counter("Forwarding")).isEmpty();
        assertThat(value(parsed, "Ip", "OutDiscards")).isEqualTo(400);
        assertThat(value(parsed, "Ip", "OutTransmits")).isEqualTo(212643);
        // after the input histogram, "1420 ICMP messages sent" is still a main Icmp line
        assertThat(counter(parsed, "Icmp", "OutMsgs").span().firstLine()).isEqualTo(15);
        assertThat(value(parsed, "Icmp", "InDestUnreachs")).isEqualTo(1421);
        assertThat(value(parsed, "Icmp", "OutDestUnreachs")).isEqualTo(1420);
        assertThat(value(parsed, "Udp", "RcvbufErrors")).isEqualTo(198215);
        assertThat(value(parsed, "TcpExt", "DelayedACKLost")).isEqualTo(1);
        assertThat(value(parsed, "TcpExt", "TCPTimeouts")).isEqualTo(2);
        assertThat(value(parsed, "TcpExt", "TcpTimeoutRehash")).isEqualTo(2);
        assertThat(group(parsed, "TcpExt").zeroOmitted()).isTrue();
    }

    @Test
    void netstatSt_skipsCurrentConnectionsGauge() {
        Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/netstat-st.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        ProtocolCounters tcp = group(parsed, "Tcp");
        assertThat(tcp.counters()).hasSize(9);
        assertThat(tcp.counter("CurrEstab")).isEmpty();
        assertThat(value(parsed, "Tcp", "InSegs")).isEqualTo(1911);
        assertThat(value(parsed, "Tcp", "OutRsts")).isEqualTo(2);
    }

    @Test
    void rhel7_netTools160Wordings() {
        Parsed parsed = TestData.parse(parser, TestData.block(SNMP + "netstat-s-rhel7.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(counter(parsed, "Tcp", "RetransSegs").span().firstLine()).isEqualTo(38); // "retransmited"
        assertThat(value(parsed, "Tcp", "RetransSegs")).isEqualTo(428);
        assertThat(value(parsed, "Tcp", "OutSegs")).isEqualTo(2890303); // "segments send out"
        assertThat(value(parsed, "Tcp", "ActiveOpens")).isEqualTo(1648); // "active connections openings"
        assertThat(value(parsed, "Ip", "OutDiscards")).isEqualTo(456);
        assertThat(value(parsed, "Ip", "FragOKs")).isEqualTo(4); // "fragments received ok"
        assertThat(value(parsed, "Icmp", "InEchos")).isEqualTo(4);
        assertThat(value(parsed, "Icmp", "OutEchos")).isEqualTo(3);
        assertThat(value(parsed, "Icmp", "OutEchoReps")).isEqualTo(4);
        assertThat(value(parsed, "TcpExt", "TCPPrequeued")).isEqualTo(999263);
        assertThat(value(parsed, "TcpExt", "TCPHPHitsToUser")).isEqualTo(339500);
        assertThat(value(parsed, "TcpExt", "TCPDeferAcceptDrop")).isEqualTo(537);
        assertThat(value(parsed, "IpExt", "InBcastOctets")).isEqualTo(46402081);
    }

    @Test
    void ubuntu910_kernel2631_listenQueueOverflow() {
        Parsed parsed = TestData.parse(parser, TestData.block(SNMP + "netstat-s-ubuntu9.10-2.6.31-listen-overflow.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(parsed, "TcpExt", "ListenOverflows")).isEqualTo(56);
        assertThat(counter(parsed, "TcpExt", "ListenOverflows").span().firstLine()).isEqualTo(44);
        assertThat(value(parsed, "TcpExt", "ListenDrops")).isEqualTo(56);
        assertThat(value(parsed, "TcpExt", "PruneCalled")).isEqualTo(1);
        assertThat(value(parsed, "TcpExt", "TCPRcvCollapsed")).isEqualTo(94);
        assertThat(value(parsed, "TcpExt", "TCPDSACKUndo")).isEqualTo(1);
        assertThat(value(parsed, "TcpExt", "TCPFACKReorder")).isEqualTo(2);
        // no buffer error lines in this Udp section
        assertThat(group(parsed, "Udp").counters()).extracting(Counter::name)
                .containsExactly("InDatagrams", "NoPorts", "InErrors", "OutDatagrams");
    }

    @Test
    void ubuntu54Lxd_nameValueLinesAndForwardingGauge() {
        Parsed parsed = TestData.parse(parser, TestData.block(SNMP + "netstat-s-ubuntu5.4-lxd.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(group(parsed, "Ip").counter("Forwarding")).isEmpty();
        assertThat(value(parsed, "Icmp", "InErrors")).isEqualTo(98);
        assertThat(value(parsed, "Udp", "IgnoredMulti")).isEqualTo(278);
        assertThat(value(parsed, "TcpExt", "TCPLostRetransmit")).isEqualTo(10);
        assertThat(value(parsed, "TcpExt", "TCPSACKReorder")).isEqualTo(8);
    }

    @Test
    void ipv6Sections_prefixedNamesAndIndentedHistogram() {
        Parsed parsed = TestData.parse(parser,
                TestData.blockWithCommand("captured/net-tools/netstat-s-6.txt", "netstat -s -6"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("Ip6", "Icmp6", "Udp6", "Tcp");
        assertThat(value(parsed, "Ip6", "InOctets")).isEqualTo(2032);
        assertThat(counter(parsed, "Ip6", "InOctets").span().firstLine()).isEqualTo(8);
        assertThat(value(parsed, "Ip6", "OutForwDatagrams")).isZero();
        assertThat(value(parsed, "Icmp6", "OutDestUnreachs")).isEqualTo(8);
        assertThat(value(parsed, "Icmp6", "OutNeighborSolicits")).isEqualTo(4);
        assertThat(value(parsed, "Icmp6", "OutType135")).isEqualTo(4);
        assertThat(value(parsed, "Udp6", "NoPorts")).isEqualTo(7);
    }

    @Test
    void seed001_netstatSuWithAuthorAnnotations() {
        // the raw lines, annotations included: the parser must be lenient even without the sectioner
        Block block = TestData.sectionWithAnnotations(SEED, "netstat -su", 1);

        Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).isEmpty();
        assertThat(value(parsed, "Udp", "InErrors")).isEqualTo(710187);
        assertThat(counter(parsed, "Udp", "InErrors").span().where()).isEqualTo("seeds/001_64cba6ed93d5da2f.txt line 215");
        assertThat(value(parsed, "Udp", "RcvbufErrors")).isEqualTo(710184);
        assertThat(value(parsed, "Udp", "NoPorts")).isEqualTo(1995978);
        assertThat(value(parsed, "Udp", "SndbufErrors")).isEqualTo(51386);
        assertThat(value(parsed, "Udp", "InCsumErrors")).isEqualTo(3);
        assertThat(value(parsed, "IcmpMsg", "InType3")).isEqualTo(60);
        assertThat(value(parsed, "IpExt", "InOctets")).isEqualTo(6821027571L);

        Parsed stripped = TestData.parse(parser, TestData.section(SEED, "netstat -su"));
        assertThat(stripped.facts()).isEqualTo(parsed.facts());
    }

    @Test
    void seed001_grepWithoutSectionHeader_takesTheGroupFromTheCommand() {
        Block block = TestData.section(SEED, "netstat -su | grep InCsumErrors");

        Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).isEmpty();
        ProtocolCounters udp = parsed.one(ProtocolCounters.class);
        assertThat(udp.group()).isEqualTo("Udp");
        assertThat(udp.counter("InCsumErrors").orElseThrow().value()).isEqualTo(1);
        assertThat(udp.span().where()).isEqualTo("seeds/001_64cba6ed93d5da2f.txt line 288");
        assertThat(parsed.diagnostics()).anySatisfy(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(288);
            assertThat(d.message()).contains("taken as Udp");
        });
    }

    @Test
    void grepWithoutSectionHeaderAndUnknownCommand_isReported() {
        Block seed = TestData.section(SEED, "netstat -su | grep InCsumErrors");
        Block noCommand = new Block(seed.source(), seed.firstLine(), seed.lines(), seed.raw(), seed.name(),
                "netstat -s | grep InCsumErrors", true);

        Parsed parsed = TestData.parse(parser, noCommand);

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(288);
            assertThat(d.message()).contains("group unknown");
        });
    }

    @Test
    void toolMessageInsteadOfStatistics() {
        Parsed parsed = TestData.parse(parser,
                TestData.blockWithCommand("captured/net-tools/netstat-sx.txt", "netstat -sx"));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("No statistics support for specified address family: unix");
        });
    }

    @Test
    void unknownSentences_oneInfoLineAndTheRestKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/netstat-s.txt")
                .replace("1 delayed acks sent", "1 delayed acks xyzzy")
                .replace("5 packet headers predicted", "5 packet headers guessed");

        Parsed parsed = TestData.parse(parser, Block.ofText("netstat-s.txt", text));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(43);
            assertThat(d.message()).contains("2 netstat -s sentence(s)").contains("1 delayed acks xyzzy");
        });
        assertThat(group(parsed, "TcpExt").counters()).hasSize(16);
        assertThat(value(parsed, "Udp", "RcvbufErrors")).isEqualTo(198215);
    }

    @Test
    void numberTooLargeForACounter_isMalformed() {
        String text = TestData.text(F01 + "netstat-su.after.txt")
                .replace("201364 receive buffer errors", "999999999999999999999 receive buffer errors");

        Parsed parsed = TestData.parse(parser, Block.ofText("netstat-su.after.txt", text));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(9);
            assertThat(d.message()).contains("64 bits");
        });
        assertThat(group(parsed, "Udp").counter("RcvbufErrors")).isEmpty();
        assertThat(value(parsed, "Udp", "InErrors")).isEqualTo(201364);
    }

    @Test
    void emptyInput() {
        Parsed parsed = TestData.parse(parser, Block.ofText("netstat-s.txt", ""));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block(F01 + "netstat-su.after.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(SNMP + "netstat-s-rhel7.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("captured/net-tools/netstat-s-6.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-netstat.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "nstat-asz.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/netstat-i.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/ethtool-S.eth0.txt"))).isLessThan(50);
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-sockstat.txt"))).isZero();

        assertThat(parser.nameScore("netstat -su | grep InCsumErrors")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("netstat -s -u")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("netstat --statistics")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ip netns exec A netstat -su")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("netstat-su.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("netstat-s-rhel7.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/networking/netstat_-s")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("netstat -i")).isZero();
        assertThat(parser.nameScore("netstat-i.txt")).isZero();
        assertThat(parser.nameScore("netstat-ie.txt")).isZero();
        assertThat(parser.nameScore("sos_commands/networking/netstat_-agn")).isZero();
        assertThat(parser.nameScore("cat /proc/net/netstat")).isZero();
        assertThat(parser.nameScore("proc-net-netstat.txt")).isZero();
        assertThat(parser.nameScore("nstat -asz")).isZero();

        assertThat(parser.startsOutput("Ip:")).isTrue();
        assertThat(parser.startsOutput("IcmpMsg:")).isFalse();
    }
}
