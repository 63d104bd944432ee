package dev.drophound.parse.iface;

import static dev.drophound.parse.iface.IfaceFacts.value;
import static dev.drophound.parse.iface.IfaceFacts.counters;
import static dev.drophound.parse.iface.IfaceFacts.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.InterfaceCounters;
import dev.drophound.facts.InterfaceState;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class IfconfigParserTest {

    private final IfconfigParser parser = new IfconfigParser();

    private static List<Integer> lines(InterfaceCounters c, String name) {
        return c.counter(name).orElseThrow().span().lines().stream().map(Span.Line::number).toList();
    }

    @Test
    void readsNetTools2Format() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/ifconfig.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.format()).isEqualTo("ifconfig");
        assertThat(eth0.counters()).hasSize(13);
        assertThat(value(eth0, IfStat.RX_PACKETS)).isEqualTo(1920L);
        assertThat(value(eth0, IfStat.RX_BYTES)).isEqualTo(47709254L);
        assertThat(value(eth0, IfStat.TX_BYTES)).isEqualTo(137690L);
        assertThat(value(eth0, IfStat.RX_DROPPED_AND_MISSED)).isZero();
        assertThat(eth0.counter(IfStat.RX_FIFO)).isPresent();
        assertThat(eth0.counter(IfStat.RX_FRAME_ALL)).isPresent();
        assertThat(eth0.counter(IfStat.TX_CARRIER_ALL)).isPresent();
        assertThat(eth0.counter(IfStat.COLLISIONS)).isPresent();
        assertThat(lines(eth0, IfStat.RX_BYTES)).containsExactly(6);
        assertThat(lines(eth0, IfStat.RX_DROPPED_AND_MISSED)).containsExactly(7);
        assertThat(eth0.span().firstLine()).isEqualTo(6);
        assertThat(eth0.span().lastLine()).isEqualTo(9);

        InterfaceState s = state(parsed, "eth0");
        assertThat(s.mtu()).isEqualTo(1400);
        assertThat(s.flags()).containsExactly("UP", "BROADCAST", "RUNNING", "MULTICAST");
        assertThat(s.txQueueLen()).isEqualTo(1000L);
        assertThat(s.operState()).isNull();
        assertThat(state(parsed, "lo").mtu()).isEqualTo(65536);
    }

    @Test
    void readsIfconfigAWithDownInterfaces() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/ifconfig-a.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("eth0", "ifb0", "ifb1", "lo");
        assertThat(state(parsed, "ifb0").flags()).containsExactly("BROADCAST", "NOARP");
        assertThat(state(parsed, "ifb0").txQueueLen()).isEqualTo(32L);
    }

    @Test
    void readsNetstatIeAfterItsTableLine() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/netstat-ie.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface).containsExactly("eth0", "lo");
        assertThat(value(counters(parsed, "lo"), IfStat.RX_PACKETS)).isEqualTo(225169L);
        assertThat(state(parsed, "eth0").span().firstLine()).isEqualTo(2);
    }

    @Test
    void readsDropsOfTheScenarios() {
        TestData.Parsed d = TestData.parse(parser, TestData.block("fixtures/04-qdisc-drops-veth/ifconfig.v04a.D.after.txt"));
        assertThat(value(counters(d, "v04a"), IfStat.TX_DROPPED)).isEqualTo(4L);
        assertThat(state(d, "v04a").flags()).containsExactly("UP", "BROADCAST", "MULTICAST");

        TestData.Parsed b = TestData.parse(parser,
                TestData.block("fixtures/05-softnet-backlog-drops/ifconfig.v05b.1.after.txt"));
        assertThat(b.diagnostics()).isEmpty();
        assertThat(value(counters(b, "v05b"), IfStat.RX_DROPPED_AND_MISSED)).isEqualTo(1026L);
        assertThat(value(counters(b, "v05b"), IfStat.RX_PACKETS)).isEqualTo(16985L);
    }

    @Test
    void readsTheSeedArticleSectionDespiteTheAnnotation() {
        Block block = TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt", "ifconfig ens33", 1);
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).isEmpty();
        InterfaceCounters ens33 = parsed.one(InterfaceCounters.class);
        assertThat(value(ens33, IfStat.RX_DROPPED_AND_MISSED)).isEqualTo(10L);
        assertThat(lines(ens33, IfStat.RX_DROPPED_AND_MISSED)).containsExactly(82);
        assertThat(value(ens33, IfStat.RX_BYTES)).isEqualTo(7157952584L);
        assertThat(value(ens33, IfStat.TX_PACKETS)).isEqualTo(67858701L);
    }

    @Test
    void readsTheOldLinkEncapFormatOfBusybox() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/busybox/ifconfig-a.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("eth0", "ifb0", "ifb1", "lo");
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.counters()).hasSize(13);
        assertThat(value(eth0, IfStat.RX_PACKETS)).isEqualTo(893L);
        assertThat(value(eth0, IfStat.RX_BYTES)).isEqualTo(28892211L);
        assertThat(value(eth0, IfStat.TX_BYTES)).isEqualTo(61945L);
        assertThat(value(eth0, IfStat.TX_PACKETS)).isEqualTo(738L);
        assertThat(eth0.counter(IfStat.COLLISIONS)).isPresent();
        assertThat(lines(eth0, IfStat.RX_PACKETS)).containsExactly(6);
        assertThat(lines(eth0, IfStat.TX_BYTES)).containsExactly(9);
        assertThat(eth0.counter(IfStat.TX_BYTES).orElseThrow().span())
                .isSameAs(eth0.counter(IfStat.RX_BYTES).orElseThrow().span());

        InterfaceState s = state(parsed, "eth0");
        assertThat(s.mtu()).isEqualTo(1400);
        assertThat(s.flags()).containsExactly("UP", "BROADCAST", "RUNNING", "MULTICAST");
        assertThat(s.txQueueLen()).isEqualTo(1000L);
        assertThat(s.span().lines()).extracting(Span.Line::number).containsExactly(1, 5, 8);
        assertThat(state(parsed, "ifb1").flags()).containsExactly("BROADCAST", "NOARP");
        assertThat(state(parsed, "lo").mtu()).isEqualTo(65536);
    }

    @Test
    void readsDottedNamesInBothFormats() {
        for (String f : List.of("captured/busybox/ifconfig-a.netns-veth-bridge.txt",
                "captured/net-tools/ifconfig-a.netns-veth-bridge.txt")) {
            TestData.Parsed parsed = TestData.parse(parser, TestData.block(f));
            assertThat(parsed.diagnostics()).as(f).isEmpty();
            assertThat(parsed.all(InterfaceCounters.class)).as(f).extracting(InterfaceCounters::iface)
                    .containsExactly("br-dh", "dh-a.10", "dh-b.20", "lo");
        }
        TestData.Parsed bb = TestData.parse(parser, TestData.block("captured/busybox/ifconfig-a.netns-veth-bridge.txt"));
        assertThat(value(counters(bb, "dh-a.10"), IfStat.RX_PACKETS)).isEqualTo(17L);
        assertThat(value(counters(bb, "dh-b.20"), IfStat.TX_BYTES)).isEqualTo(1430L);
    }

    @Test
    void missingDeviceIsTheToolsMessage() {
        for (String f : List.of("captured/net-tools/ifconfig-nosuch0.txt", "captured/busybox/ifconfig-nosuch0.txt")) {
            TestData.Parsed parsed = TestData.parse(parser, TestData.block(f));
            assertThat(parsed.facts()).as(f).isEmpty();
            assertThat(parsed.diagnostics()).as(f).singleElement().satisfies(d -> {
                assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
                assertThat(d.message()).contains("nosuch0: error fetching interface information: Device not found");
            });
        }
    }

    @Test
    void emptyInputGivesNothing() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ifconfig.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void brokenNumberIsReportedAndTheRestOfTheLineKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/ifconfig.txt")
                .replaceFirst("RX errors 0  dropped 0", "RX errors 0  dropped x1z");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ifconfig.txt", text));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(7);
            assertThat(d.message()).contains("no number after 'dropped'");
        });
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.counter(IfStat.RX_DROPPED_AND_MISSED)).isEmpty();
        assertThat(eth0.counter(IfStat.RX_ERRORS)).isPresent();
        assertThat(eth0.counter(IfStat.RX_FIFO)).isPresent();
        assertThat(counters(parsed, "lo").counters()).hasSize(13);
    }

    @Test
    void truncatedFileIsReportedOnItsLastLine() {
        String text = TestData.text("captured/busybox/ifconfig-eth0.txt");
        String cut2 = text.substring(0, text.indexOf("collisions:") + "collisions:".length());
        TestData.Parsed parsed2 = TestData.parse(parser, Block.ofText("ifconfig-eth0.txt", cut2));
        assertThat(parsed2.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(8);
            assertThat(d.message()).contains("no number after 'collisions'");
        });
        assertThat(parsed2.one(InterfaceCounters.class).counters()).hasSize(10);
    }

    @Test
    void scores() {
        for (String name : List.of("ifconfig", "ifconfig -a", "ifconfig ens33", "/sbin/ifconfig eth0", "busybox ifconfig -a",
                "ifconfig.txt", "ifconfig-a.txt", "ifconfig.v04a.A.after.txt", "netstat -ie", "netstat -i -e",
                "netstat --interfaces --extend", "netstat-ie.txt", "sos_commands/networking/ifconfig_-a")) {
            assertThat(parser.nameScore(name)).as(name).isGreaterThanOrEqualTo(80);
        }
        for (String name : List.of("netstat -i", "netstat-i.txt", "netstat --interfaces=ens33", "netstat -su", "netstat-s.txt",
                "ifconfig eth0 mtu 9000", "ifconfig eth0 up", "ip -s link", "iwconfig", "proc-net-dev.txt")) {
            assertThat(parser.nameScore(name)).as(name).isLessThan(50);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/ifconfig.txt", "fixtures/08-healthy-baseline/netstat-ie.txt",
                "captured/busybox/ifconfig-a.txt", "fixtures/04-qdisc-drops-veth/ifconfig.v04a.B.before.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isGreaterThanOrEqualTo(90);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/netstat-i.txt", "fixtures/08-healthy-baseline/ip-s-link.txt",
                "fixtures/08-healthy-baseline/proc-net-dev.txt", "fixtures/08-healthy-baseline/ethtool-S.eth0.txt",
                "captured/net-tools/netstat-i-c.netns-veth-bridge.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isLessThan(20);
        }
    }
}
