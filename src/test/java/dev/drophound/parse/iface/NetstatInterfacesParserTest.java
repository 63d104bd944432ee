package dev.drophound.parse.iface;

import static dev.drophound.parse.iface.IfaceFacts.value;
import static dev.drophound.parse.iface.IfaceFacts.counters;
import static dev.drophound.parse.iface.IfaceFacts.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.InterfaceCounters;
import dev.drophound.facts.InterfaceState;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NetstatInterfacesParserTest {

    private final NetstatInterfacesParser parser = new NetstatInterfacesParser();

    @Test
    void readsTheHealthyBaseline() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/netstat-i.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.format()).isEqualTo("netstat-i");
        assertThat(eth0.counters()).extracting(c -> c.name()).containsExactly(
                IfStat.RX_PACKETS, IfStat.RX_ERRORS, IfStat.RX_DROPPED_AND_MISSED, IfStat.RX_FIFO,
                IfStat.TX_PACKETS, IfStat.TX_ERRORS, IfStat.TX_DROPPED, IfStat.TX_FIFO);
        assertThat(value(eth0, IfStat.RX_PACKETS)).isEqualTo(1920L);
        assertThat(value(eth0, IfStat.TX_PACKETS)).isEqualTo(1487L);
        assertThat(eth0.span().lines()).extracting(Span.Line::number).containsExactly(2, 3);
        assertThat(state(parsed, "eth0").mtu()).isEqualTo(1400);
        assertThat(state(parsed, "eth0").flags()).containsExactly("BROADCAST", "MULTICAST", "RUNNING", "UP");
        assertThat(state(parsed, "lo").flags()).containsExactly("LOOPBACK", "RUNNING", "UP");
        assertThat(value(counters(parsed, "lo"), IfStat.RX_PACKETS)).isEqualTo(225169L);
    }

    @Test
    void readsTheDropsOfTheScenarios() {
        TestData.Parsed b = TestData.parse(parser,
                TestData.block("fixtures/05-softnet-backlog-drops/netstat-i.lab05b.1.after.txt"));
        assertThat(b.diagnostics()).isEmpty();
        assertThat(value(counters(b, "v05b"), IfStat.RX_DROPPED_AND_MISSED)).isEqualTo(1026L);
        assertThat(value(counters(b, "v05b"), IfStat.RX_PACKETS)).isEqualTo(16985L);

        TestData.Parsed d = TestData.parse(parser,
                TestData.block("fixtures/04-qdisc-drops-veth/netstat-i.v04a-ns.D.after.txt"));
        assertThat(value(counters(d, "v04a"), IfStat.TX_DROPPED)).isEqualTo(4L);
        assertThat(state(d, "v04a").flags()).containsExactly("BROADCAST", "MULTICAST", "UP");
    }

    @Test
    void readsTheSeedArticleSection() {
        Block block = TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt", "netstat --interfaces=ens33", 1);
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).isEmpty();
        InterfaceCounters ens33 = parsed.one(InterfaceCounters.class);
        assertThat(ens33.iface()).isEqualTo("ens33");
        assertThat(value(ens33, IfStat.RX_DROPPED_AND_MISSED)).isEqualTo(10L);
        assertThat(value(ens33, IfStat.RX_PACKETS)).isEqualTo(78892766L);
        assertThat(value(ens33, IfStat.TX_PACKETS)).isEqualTo(75656999L);
        assertThat(ens33.span().lines()).extracting(Span.Line::number).containsExactly(88, 89);
    }

    @Test
    void readsEveryTableOfContinuousMode() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/net-tools/netstat-i-c.netns-veth-bridge.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).hasSize(12);
        InterfaceCounters lastBridge = parsed.all(InterfaceCounters.class).get(8);
        assertThat(lastBridge.iface()).isEqualTo("br-dh");
        assertThat(lastBridge.span().lines()).extracting(Span.Line::number).containsExactly(12, 13);
        assertThat(value(counters(parsed, "dh-a.10"), IfStat.RX_PACKETS)).isEqualTo(16L);
    }

    @Test
    void readsDownInterfacesFlags() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/net-tools/netstat-ia.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(state(parsed, "ifb0").flags()).containsExactly("BROADCAST", "NOARP");
        assertThat(parsed.all(InterfaceCounters.class)).hasSize(4);
    }

    @Test
    void readsTheMetColumnOfOlderNetTools() {
        // net-tools 1.60 printed "Iface MTU Met RX-OK ...": derived from a real table by adding the column
        String text = TestData.text("fixtures/08-healthy-baseline/netstat-i.txt").lines()
                .map(l -> l.startsWith("Iface") ? l.replace("MTU    RX-OK", "MTU Met   RX-OK")
                        : l.replaceFirst("^(\\S+\\s+\\d+)", "$1   0"))
                .collect(Collectors.joining("\n"));
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("netstat-i.txt", text));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(counters(parsed, "eth0"), IfStat.RX_PACKETS)).isEqualTo(1920L);
        assertThat(value(counters(parsed, "eth0"), IfStat.TX_FIFO)).isZero();
        assertThat(counters(parsed, "eth0").counters()).hasSize(8);
        assertThat(state(parsed, "eth0").mtu()).isEqualTo(1400);
        assertThat(state(parsed, "eth0").flags()).contains("UP");
    }

    @Test
    void emptyInputGivesNothing() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("netstat-i.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void brokenAndTruncatedRowsAreReportedAndOthersKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/netstat-i.txt").replace("     1920 ", "     19x0 ");
        String cut = text.substring(0, text.stripTrailing().length() - 30);
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("netstat-i.txt", cut));

        assertThat(parsed.all(InterfaceCounters.class)).isEmpty();
        assertThat(parsed.warnings()).hasSize(2);
        assertThat(parsed.warnings().get(0).line()).isEqualTo(3);
        assertThat(parsed.warnings().get(0).message()).contains("RX-OK of eth0 is not a number: '19x0'");
        assertThat(parsed.warnings().get(1).line()).isEqualTo(4);
        assertThat(parsed.warnings().get(1).message()).contains("expected 9 numbers after the interface name, got 6");

        TestData.Parsed onlyBroken = TestData.parse(parser, Block.ofText("netstat-i.txt", text));
        assertThat(onlyBroken.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface).containsExactly("lo");
    }

    @Test
    void scores() {
        for (String name : List.of("netstat -i", "netstat -ia", "netstat --interfaces=ens33", "netstat -i -c",
                "netstat-i.txt", "netstat-i.v04a-ns.A.after.txt", "netstat-i.lab05b.1.after.txt", "netstat-ia.txt")) {
            assertThat(parser.nameScore(name)).as(name).isGreaterThanOrEqualTo(80);
        }
        for (String name : List.of("netstat -ie", "netstat-ie.txt", "netstat -su", "netstat-su.txt", "netstat -s",
                "netstat -tuanp", "ifconfig", "proc-net-dev.txt", "ip -s link")) {
            assertThat(parser.nameScore(name)).as(name).isLessThan(50);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/netstat-i.txt", "fixtures/04-qdisc-drops-veth/netstat-i.v04a-ns.B.after.txt",
                "captured/net-tools/netstat-i-c.netns-veth-bridge.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isGreaterThanOrEqualTo(90);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/netstat-ie.txt", "fixtures/08-healthy-baseline/netstat-su.txt",
                "fixtures/08-healthy-baseline/ifconfig.txt", "fixtures/08-healthy-baseline/proc-net-dev.txt",
                "fixtures/08-healthy-baseline/netstat-s.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isLessThan(20);
        }
        assertThat(parser.startsOutput("Kernel Interface table")).isTrue();
    }
}
