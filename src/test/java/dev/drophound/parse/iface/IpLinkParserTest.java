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

class IpLinkParserTest {

    private final IpLinkParser parser = new IpLinkParser();

    @Test
    void readsIpSLinkOfTheHealthyBaseline() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/ip-s-link.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceState.class)).extracting(InterfaceState::iface)
                .containsExactly("lo", "ifb0", "ifb1", "eth0");
        InterfaceState eth0 = state(parsed, "eth0");
        assertThat(eth0.mtu()).isEqualTo(1400);
        assertThat(eth0.flags()).containsExactly("BROADCAST", "MULTICAST", "UP", "LOWER_UP");
        assertThat(eth0.operState()).isEqualTo("UP");
        assertThat(eth0.qdisc()).isEqualTo("pfifo_fast");
        assertThat(eth0.txQueueLen()).isEqualTo(1000L);
        assertThat(eth0.span().firstLine()).isEqualTo(19);
        assertThat(state(parsed, "ifb0").operState()).isEqualTo("DOWN");
        assertThat(state(parsed, "ifb0").txQueueLen()).isEqualTo(32L);

        InterfaceCounters c = counters(parsed, "eth0");
        assertThat(c.format()).isEqualTo("ip-link");
        assertThat(c.counters()).extracting(x -> x.name()).containsExactly(
                "rx_bytes", "rx_packets", "rx_errors", "rx_dropped", "rx_missed_errors", "multicast",
                "tx_bytes", "tx_packets", "tx_errors", "tx_dropped", "tx_carrier_errors", "collisions");
        assertThat(value(c, IfStat.RX_BYTES)).isEqualTo(47709254L);
        assertThat(value(c, IfStat.TX_PACKETS)).isEqualTo(1487L);
        Span rx = c.counter(IfStat.RX_BYTES).orElseThrow().span();
        assertThat(rx.lines()).extracting(Span.Line::number).containsExactly(21, 22);
        assertThat(c.counter(IfStat.RX_MISSED).orElseThrow().span()).isSameAs(rx);
        assertThat(c.counter(IfStat.TX_BYTES).orElseThrow().span().lines()).extracting(Span.Line::number)
                .containsExactly(23, 24);
        assertThat(c.span().firstLine()).isEqualTo(21);
        assertThat(c.span().lastLine()).isEqualTo(24);
    }

    @Test
    void readsTheErrorRowsOfIpSSLink() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/ip-s-s-link.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters c = counters(parsed, "eth0");
        assertThat(c.counters()).hasSize(22);
        assertThat(value(c, "carrier_changes")).isEqualTo(2L);
        assertThat(c.counter("carrier_changes").orElseThrow().span().lines()).extracting(Span.Line::number)
                .containsExactly(39, 40);
        for (String name : List.of(IfStat.RX_LENGTH, IfStat.RX_CRC, IfStat.RX_FRAME, IfStat.RX_FIFO, IfStat.RX_OVER,
                IfStat.TX_ABORTED, IfStat.TX_FIFO, IfStat.TX_WINDOW, IfStat.TX_HEARTBEAT)) {
            assertThat(value(c, name)).as(name).isZero();
        }
    }

    @Test
    void readsADownVethWithTxDrops() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("fixtures/04-qdisc-drops-veth/ip-s-s-link.D.after.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceState v04a = parsed.one(InterfaceState.class);
        assertThat(v04a.iface()).isEqualTo("v04a"); // printed as v04a@if2
        assertThat(v04a.flags()).containsExactly("NO-CARRIER", "BROADCAST", "MULTICAST", "UP");
        assertThat(v04a.operState()).isEqualTo("DOWN");
        InterfaceCounters c = parsed.one(InterfaceCounters.class);
        assertThat(value(c, IfStat.TX_DROPPED)).isEqualTo(4L);
        assertThat(value(c, "carrier_changes")).isEqualTo(3L);
    }

    @Test
    void readsIpLinkWithoutCountersAsStateOnly() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/04-qdisc-drops-veth/ip-link.D.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).isEmpty();
        InterfaceState v04a = parsed.one(InterfaceState.class);
        assertThat(v04a.flags()).contains("NO-CARRIER");
        assertThat(v04a.operState()).isEqualTo("DOWN");
        assertThat(v04a.qdisc()).isEqualTo("noqueue");
        assertThat(v04a.span().lines()).extracting(Span.Line::number).containsExactly(1);
    }

    @Test
    void readsIpAddrAndIpDLinkWithoutComplaint() {
        for (String f : List.of("fixtures/08-healthy-baseline/ip-addr.txt", "fixtures/08-healthy-baseline/ip-d-link.txt",
                "captured/iproute2/ip-link.netns-veth-bridge.txt")) {
            TestData.Parsed parsed = TestData.parse(parser, TestData.block(f));
            assertThat(parsed.diagnostics()).as(f).isEmpty();
            assertThat(parsed.all(InterfaceCounters.class)).as(f).isEmpty();
            assertThat(parsed.all(InterfaceState.class)).as(f).hasSize(4);
        }
    }

    @Test
    void readsBothEndsOfTheBacklogVeth() {
        TestData.Parsed a = TestData.parse(parser,
                TestData.block("fixtures/05-softnet-backlog-drops/ip-s-link.v05a.1.after.txt"));
        TestData.Parsed b = TestData.parse(parser,
                TestData.block("fixtures/05-softnet-backlog-drops/ip-s-link.v05b.1.after.txt"));

        assertThat(value(counters(a, "v05a"), IfStat.TX_DROPPED)).isEqualTo(1026L);
        assertThat(value(counters(b, "v05b"), IfStat.RX_DROPPED)).isEqualTo(1026L);
        assertThat(value(counters(b, "v05b"), IfStat.RX_PACKETS)).isEqualTo(16985L);
    }

    @Test
    void readsDottedNamesWithPeersAndAMaster() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/iproute2/ip-s-link.netns-veth-bridge.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("lo", "dh-b.20", "dh-a.10", "br-dh");
        assertThat(state(parsed, "dh-b.20").qdisc()).isEqualTo("noqueue");
        assertThat(state(parsed, "dh-b.20").operState()).isEqualTo("UP");
        assertThat(value(counters(parsed, "dh-b.20"), IfStat.TX_BYTES)).isEqualTo(1360L);
        assertThat(value(counters(parsed, "br-dh"), IfStat.MULTICAST)).isEqualTo(7L);
    }

    @Test
    void readsIpSAddrWithAddressesBetweenLinkAndCounters() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/iproute2/ip-s-addr.netns-veth-bridge.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(counters(parsed, "dh-a.10"), IfStat.RX_BYTES)).isEqualTo(1360L);
        assertThat(parsed.all(InterfaceCounters.class)).hasSize(4);
    }

    @Test
    void readsOnelineOutputSplitAtTheBackslashes() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/iproute2/ip-o-s-link.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("lo", "ifb0", "ifb1", "eth0");
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.counters()).hasSize(12);
        assertThat(value(eth0, IfStat.RX_BYTES)).isEqualTo(29661996L);
        assertThat(eth0.counter(IfStat.RX_BYTES).orElseThrow().span().lines()).extracting(Span.Line::number)
                .containsExactly(4);
        assertThat(state(parsed, "eth0").txQueueLen()).isEqualTo(1000L);

        TestData.Parsed noStats = TestData.parse(parser, TestData.block("captured/iproute2/ip-o-link.txt"));
        assertThat(noStats.diagnostics()).isEmpty();
        assertThat(noStats.all(InterfaceState.class)).hasSize(4);
        assertThat(noStats.all(InterfaceCounters.class)).isEmpty();
    }

    @Test
    void readsTheSeedArticleSections() {
        Block addr = TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt", "ip -s addr show dev ens33", 1);
        TestData.Parsed parsed = TestData.parse(parser, addr);
        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters c = parsed.one(InterfaceCounters.class);
        assertThat(c.iface()).isEqualTo("ens33");
        assertThat(value(c, IfStat.RX_DROPPED)).isEqualTo(10L);
        assertThat(value(c, IfStat.RX_BYTES)).isEqualTo(7158087885L);
        assertThat(c.counter(IfStat.RX_DROPPED).orElseThrow().span().lines()).extracting(Span.Line::number)
                .containsExactly(112, 113);
        assertThat(parsed.one(InterfaceState.class).qdisc()).isEqualTo("fq_codel");

        Block link = TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt", "ip -s link show dev ens33", 1);
        TestData.Parsed parsedLink = TestData.parse(parser, link);
        assertThat(parsedLink.diagnostics()).isEmpty();
        InterfaceCounters l = parsedLink.one(InterfaceCounters.class);
        assertThat(value(l, IfStat.RX_DROPPED)).isEqualTo(10L); // the row carries "   <<ココ"
        assertThat(value(l, IfStat.TX_PACKETS)).isEqualTo(67859718L);
        assertThat(l.counter(IfStat.RX_DROPPED).orElseThrow().span().lines().get(1).number()).isEqualTo(121);
    }

    @Test
    void readsTheOlderHeaderWordOverrunAsRxOverErrors() {
        // iproute2 before 5.x printed "RX: bytes  packets  errors  dropped overrun mcast": derived from a real file
        String text = TestData.text("fixtures/05-softnet-backlog-drops/ip-s-link.v05b.1.after.txt")
                .replace("dropped  missed   mcast", "dropped overrun mcast");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ip-s-link.txt", text));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters c = parsed.one(InterfaceCounters.class);
        assertThat(c.counter(IfStat.RX_OVER)).isPresent();
        assertThat(c.counter(IfStat.RX_MISSED)).isEmpty();
        assertThat(value(c, IfStat.RX_DROPPED)).isEqualTo(1026L);
    }

    @Test
    void unknownHeaderWordIsKeptAndNotedOnce() {
        String text = TestData.text("fixtures/08-healthy-baseline/ip-s-link.txt").replace(" mcast ", " mcazt ");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ip-s-link.txt", text));

        assertThat(value(counters(parsed, "eth0"), "mcazt")).isZero();
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("unknown column 'mcazt'");
        });
    }

    @Test
    void missingDeviceIsTheToolsMessage() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/iproute2/ip-s-link-show-dev-nosuch0.txt"));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("Device \"nosuch0\" does not exist.");
        });
    }

    @Test
    void emptyInputGivesNothing() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ip-s-link.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void truncatedValueRowIsReportedWithItsNumberAndTheRestKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/ip-s-s-link.txt");
        String cut = text.substring(0, text.stripTrailing().length() - 20);
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ip-s-s-link.txt", cut));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(40);
            assertThat(d.message()).contains("expected 5 numbers under 'TX errors:', got 2");
        });
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.counters()).hasSize(17);
        assertThat(eth0.counter("carrier_changes")).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).hasSize(4);
    }

    @Test
    void brokenNumberIsReportedAndOtherRowsKept() {
        List<String> lines = Block.splitLines(TestData.text("fixtures/08-healthy-baseline/ip-s-link.txt"));
        Block block = TestData.withLine(Block.ofText("ip-s-link.txt", String.join("\n", lines)), 21,
                lines.get(21).replace("47709254", "47x09254"));
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(22));
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.counter(IfStat.RX_BYTES)).isEmpty();
        assertThat(value(eth0, IfStat.TX_BYTES)).isEqualTo(137690L);
    }

    @Test
    void scores() {
        for (String name : List.of("ip-s-link.txt", "ip-s-s-link.txt", "ip-s-link.B.after.txt", "ip-link.D.txt",
                "ip-addr.txt", "ip-d-link.txt", "ip -s link", "ip -s -s link show dev v04a", "ip -s addr show dev ens33",
                "ip a", "ip link", "ip -n lab04b -s link", "ip netns exec lab05b ip -s link show dev v05b",
                "sos_commands/networking/ip_-s_-d_link", "ip -s link | grep -A5 eth0", "ip -o -s link", "ip-o-link.txt")) {
            assertThat(parser.nameScore(name)).as(name).isGreaterThanOrEqualTo(80);
        }
        for (String name : List.of("ip -j -s link", "ip -s -j link show dev v04a", "ip-j-s-link.txt",
                "ip-s-j-link.A.after.txt", "ip -s neigh", "ip-s-neigh.txt", "ip route", "ip-s-ntable-arp.A.after.txt",
                "ip link set eth0 up", "ip -br link", "ifconfig", "proc-net-dev.txt", "zip -r link",
                // one line per address and no link line
                "ip -o addr", "ip -oneline address show dev lo", "sos_commands/networking/ip_-o_addr",
                "ip-o-addr-show-dev-lo.txt")) {
            assertThat(parser.nameScore(name)).as(name).isLessThan(50);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/ip-s-link.txt", "fixtures/08-healthy-baseline/ip-addr.txt",
                "fixtures/04-qdisc-drops-veth/ip-link.D.txt", "fixtures/05-softnet-backlog-drops/ip-s-s-link.v05b.2.after.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isGreaterThanOrEqualTo(90);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/ip-j-s-link.txt", "fixtures/08-healthy-baseline/proc-net-dev.txt",
                "fixtures/08-healthy-baseline/ifconfig.txt", "fixtures/08-healthy-baseline/tc-s-qdisc.txt",
                "fixtures/08-healthy-baseline/ip-s-neigh.txt", "fixtures/08-healthy-baseline/ip-route.txt",
                "fixtures/04-qdisc-drops-veth/ip-s-ntable-arp.A.after.txt", "captured/iproute2/ip-o-addr-show-dev-lo.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isLessThan(20);
        }
        List<String> listing = Block.splitLines(TestData.text("fixtures/08-healthy-baseline/ip-s-link.txt"));
        assertThat(parser.startsOutput(listing.get(0))).isTrue();
        assertThat(parser.startsOutput(listing.get(6))).isFalse(); // "2: ifb0: ..." continues the listing
    }
}
