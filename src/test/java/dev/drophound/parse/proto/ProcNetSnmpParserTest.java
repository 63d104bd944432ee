package dev.drophound.parse.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import org.junit.jupiter.api.Test;

class ProcNetSnmpParserTest {

    private static final String F01 = "fixtures/01-udp-rcvbuf-overflow/";
    private final ProcNetSnmpParser parser = new ProcNetSnmpParser();

    private static ProtocolCounters group(Parsed parsed, String group) {
        return parsed.all(ProtocolCounters.class).stream().filter(p -> p.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + group + " in " + parsed.facts()));
    }

    private static long value(Parsed parsed, String group, String name) {
        return group(parsed, group).counter(name).orElseThrow(() -> new AssertionError(group + " " + name))
                .value();
    }

    @Test
    void kernel618_udpReceiveBufferErrorsRiseBy3149() {
        Parsed before = TestData.parse(parser, TestData.block(F01 + "proc-net-snmp.before.txt"));
        Parsed after = TestData.parse(parser, TestData.block(F01 + "proc-net-snmp.after.txt"));

        assertThat(before.diagnostics()).isEmpty();
        assertThat(after.diagnostics()).isEmpty();
        assertThat(after.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite");
        assertThat(value(before, "Udp", "RcvbufErrors")).isEqualTo(198215);
        assertThat(value(after, "Udp", "RcvbufErrors")).isEqualTo(201364);
        assertThat(value(after, "Udp", "RcvbufErrors") - value(before, "Udp", "RcvbufErrors")).isEqualTo(3149);

        ProtocolCounters udp = group(after, "Udp");
        assertThat(udp.format()).isEqualTo("proc-net-snmp");
        assertThat(udp.zeroOmitted()).isFalse();
        assertThat(udp.counters()).extracting(Counter::name).containsExactly("InDatagrams", "NoPorts", "InErrors",
                "OutDatagrams", "RcvbufErrors", "SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors");
        Counter rcvbuf = udp.counter("RcvbufErrors").orElseThrow();
        assertThat(rcvbuf.key()).isEqualTo(ProtocolCounters.key("Udp", "RcvbufErrors"));
        assertThat(rcvbuf.bits()).isEqualTo(64);
        assertThat(rcvbuf.span().where()).isEqualTo("proc-net-snmp.after.txt lines 9-10");
        assertThat(rcvbuf.span().lines().get(1).text()).isEqualTo("Udp: 32 1420 201364 212903 201364 0 0 0 0");
        assertThat(udp.span()).isSameAs(rcvbuf.span());
    }

    @Test
    void kernel618_newColumnsAreReadFromTheHeaderAndGaugesAreSkipped() {
        Parsed after = TestData.parse(parser, TestData.block(F01 + "proc-net-snmp.after.txt"));

        assertThat(value(after, "Ip", "OutTransmits")).isEqualTo(215793);
        assertThat(value(after, "Ip", "OutDiscards")).isEqualTo(400);
        assertThat(group(after, "Ip").counter("Forwarding")).isEmpty();
        assertThat(group(after, "Ip").counter("DefaultTTL")).isEmpty();
        assertThat(value(after, "Icmp", "OutRateLimitHost")).isZero();
        assertThat(value(after, "Icmp", "InDestUnreachs")).isEqualTo(1421);
        assertThat(group(after, "Tcp").counters()).extracting(Counter::name)
                .doesNotContain("RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn", "CurrEstab")
                .contains("ActiveOpens", "InCsumErrors");
        assertThat(group(after, "IcmpMsg").zeroOmitted()).isTrue();
        assertThat(value(after, "IcmpMsg", "OutType3")).isEqualTo(1420);
    }

    @Test
    void rhel6_kernel2632_hasSixUdpColumns() {
        Parsed parsed = TestData.parse(parser, TestData.block("fixtures/public/snmp/proc-net-snmp-rhel6-2.6.32-format.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        ProtocolCounters udp = group(parsed, "Udp");
        assertThat(udp.counters()).hasSize(6);
        assertThat(udp.counter("InCsumErrors")).isEmpty();
        assertThat(value(parsed, "Udp", "RcvbufErrors")).isEqualTo(1);
        assertThat(value(parsed, "Udp", "SndbufErrors")).isEqualTo(4);
        assertThat(value(parsed, "UdpLite", "NoPorts")).isEqualTo(10);
        assertThat(udp.span().where()).endsWith("lines 9-10");
        // 26 Icmp columns, no InCsumErrors; the header line ends with a space
        assertThat(group(parsed, "Icmp").counters()).hasSize(26);
    }

    @Test
    void rhel6_tdAgentHost_showsMassiveUdpReceiveErrors() {
        Parsed parsed = TestData.parse(parser,
                TestData.block("fixtures/public/snmp/proc-net-snmp-rhel6-td-agent-udp-errors.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(parsed, "Udp", "InErrors")).isEqualTo(275584595L);
        assertThat(value(parsed, "Udp", "RcvbufErrors")).isEqualTo(4427540L);
        assertThat(value(parsed, "Ip", "InReceives")).isEqualTo(2359553910L);
        assertThat(value(parsed, "IcmpMsg", "InType9")).isEqualTo(5260);
    }

    @Test
    void ubuntu54_perProcessFile() {
        Parsed parsed = TestData.parse(parser, TestData.block("fixtures/public/snmp/proc-net-snmp-ubuntu5.4.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(parsed, "Ip", "OutDiscards")).isEqualTo(46);
        assertThat(group(parsed, "Udp").counters()).hasSize(8);
        assertThat(value(parsed, "Udp", "IgnoredMulti")).isZero();
        assertThat(value(parsed, "Tcp", "OutRsts")).isEqualTo(3818);
    }

    @Test
    void networkNamespaceAndBaselineCaptures() {
        Parsed ns = TestData.parse(parser,
                TestData.block("fixtures/04-qdisc-drops-veth/proc-net-snmp.v04a-ns.A.after.txt"));
        Parsed baseline = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/proc-net-snmp.txt"));

        assertThat(ns.diagnostics()).isEmpty();
        assertThat(value(ns, "Ip", "OutRequests")).isEqualTo(3002);
        assertThat(baseline.diagnostics()).isEmpty();
        assertThat(baseline.all(ProtocolCounters.class)).hasSize(6);
    }

    @Test
    void seed001_grepUdpInsideAnArticle() {
        Block block = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "cat /proc/net/snmp | grep Udp:");

        Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).isEmpty();
        ProtocolCounters udp = parsed.one(ProtocolCounters.class);
        assertThat(udp.group()).isEqualTo("Udp");
        assertThat(udp.counter("InDatagrams").orElseThrow().value()).isEqualTo(75387877L);
        assertThat(udp.counter("InErrors").orElseThrow().value()).isEqualTo(710187);
        assertThat(udp.counter("RcvbufErrors").orElseThrow().value()).isEqualTo(710184);
        assertThat(udp.counter("InCsumErrors").orElseThrow().value()).isEqualTo(3);
        assertThat(udp.span().where()).isEqualTo("seeds/001_64cba6ed93d5da2f.txt lines 231-232");
    }

    @Test
    void emptyInput() {
        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-snmp.txt", ""));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void cutValueLine_isReportedAndOnlyThatGroupLost() {
        String text = TestData.text(F01 + "proc-net-snmp.after.txt");
        Block cut = Block.ofText("proc-net-snmp.after.txt", text.substring(0, text.length() - 10));

        Parsed parsed = TestData.parse(parser, cut);

        assertThat(parsed.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("Ip", "Icmp", "IcmpMsg", "Tcp", "Udp");
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(12);
            assertThat(d.message()).contains("expected 9 values after the UdpLite header (line 11), got 4");
        });
    }

    @Test
    void valueThatIsNotANumber_dropsOnlyThatValue() {
        String text = TestData.text(F01 + "proc-net-snmp.after.txt")
                .replace("Udp: 32 1420 201364 212903", "Udp: 32 1420 201364 x1z");

        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-snmp.after.txt", text));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(d.line()).isEqualTo(10);
            assertThat(d.message()).contains("OutDatagrams \"x1z\"");
        });
        assertThat(group(parsed, "Udp").counter("OutDatagrams")).isEmpty();
        assertThat(value(parsed, "Udp", "RcvbufErrors")).isEqualTo(201364);
        assertThat(parsed.all(ProtocolCounters.class)).hasSize(6);
    }

    @Test
    void valueLineWithoutItsHeader() {
        String text = TestData.text(F01 + "proc-net-snmp.after.txt").replaceFirst("Udp: InDatagrams[^\n]*\n", "");

        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-snmp.after.txt", text));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(9);
            assertThat(d.message()).contains("values without a Udp header");
        });
        assertThat(parsed.all(ProtocolCounters.class)).hasSize(5);
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp.after.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/public/snmp/proc-net-snmp-rhel6-2.6.32-format.txt")))
                .isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-netstat.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp6.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "netstat-su.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "nstat-asz.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-sockstat.after.txt"))).isZero();

        assertThat(parser.nameScore("proc-net-snmp.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("proc-net-snmp-rhel6-2.6.32-format.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("proc/net/snmp")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/net/snmp | grep Udp:")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/96008/net/snmp")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("proc-net-snmp6.after.txt")).isZero();
        assertThat(parser.nameScore("cat /proc/net/snmp6")).isZero();
        assertThat(parser.nameScore("cat /proc/net/netstat")).isZero();
        assertThat(parser.nameScore("netstat -su")).isZero();

        assertThat(parser.startsOutput(Block.splitLines(TestData.text(F01 + "proc-net-snmp.after.txt")).get(0))).isTrue();
        assertThat(parser.startsOutput("Udp: InDatagrams NoPorts InErrors OutDatagrams")).isFalse();
    }
}
