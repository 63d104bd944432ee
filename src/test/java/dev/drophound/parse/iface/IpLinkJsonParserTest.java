package dev.drophound.parse.iface;

import static dev.drophound.parse.iface.IfaceFacts.value;
import static dev.drophound.parse.iface.IfaceFacts.counters;
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

class IpLinkJsonParserTest {

    private final IpLinkJsonParser parser = new IpLinkJsonParser();

    @Test
    void readsTheOneLineArrayWithAnExcerptPerInterface() {
        String text = TestData.text("fixtures/08-healthy-baseline/ip-j-s-link.txt");
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/ip-j-s-link.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("lo", "ifb0", "ifb1", "eth0");
        InterfaceCounters eth0 = counters(parsed, "eth0");
        assertThat(eth0.format()).isEqualTo("ip-link-json");
        assertThat(eth0.counters()).extracting(c -> c.name()).containsExactly(
                "rx_bytes", "rx_packets", "rx_errors", "rx_dropped", "rx_over_errors", "multicast",
                "tx_bytes", "tx_packets", "tx_errors", "tx_dropped", "tx_carrier_errors", "collisions");
        assertThat(value(eth0, IfStat.RX_BYTES)).isEqualTo(47709254L);
        assertThat(value(eth0, IfStat.TX_PACKETS)).isEqualTo(1487L);
        assertThat(eth0.counters()).allMatch(c -> c.bits() == 64);

        // the span quotes exactly eth0's object out of the single line
        String line = text.lines().findFirst().orElseThrow();
        int start = line.indexOf("{\"ifindex\":4,");
        String object = line.substring(start, line.length() - 1);
        Span span = eth0.span();
        assertThat(span.lines()).singleElement().satisfies(l -> {
            assertThat(l.number()).isEqualTo(1);
            assertThat(l.text()).isEqualTo(object).startsWith("{\"ifindex\":4,\"ifname\":\"eth0\"").endsWith("}}}");
        });
        assertThat(eth0.counter(IfStat.RX_BYTES).orElseThrow().span()).isSameAs(span);
        assertThat(counters(parsed, "lo").span().lines().get(0).text()).startsWith("{\"ifindex\":1,").endsWith("}}}");

        InterfaceState state = parsed.all(InterfaceState.class).get(3);
        assertThat(state.iface()).isEqualTo("eth0");
        assertThat(state.mtu()).isEqualTo(1400);
        assertThat(state.flags()).containsExactly("BROADCAST", "MULTICAST", "UP", "LOWER_UP");
        assertThat(state.operState()).isEqualTo("UP");
        assertThat(state.qdisc()).isEqualTo("pfifo_fast");
        assertThat(state.txQueueLen()).isEqualTo(1000L);
        assertThat(state.span()).isSameAs(span);
    }

    @Test
    void readsTheDownVethOfTheQdiscScenario() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("fixtures/04-qdisc-drops-veth/ip-s-j-link.D.after.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters v04a = parsed.one(InterfaceCounters.class);
        assertThat(v04a.iface()).isEqualTo("v04a");
        assertThat(value(v04a, IfStat.TX_DROPPED)).isEqualTo(4L);
        assertThat(value(v04a, IfStat.TX_BYTES)).isEqualTo(3140412L);
        InterfaceState s = parsed.one(InterfaceState.class);
        assertThat(s.flags()).containsExactly("NO-CARRIER", "BROADCAST", "MULTICAST", "UP");
        assertThat(s.operState()).isEqualTo("DOWN");

        TestData.Parsed b = TestData.parse(parser, TestData.block("fixtures/04-qdisc-drops-veth/ip-s-j-link.B.after.txt"));
        assertThat(b.one(InterfaceState.class).qdisc()).isEqualTo("tbf");
    }

    @Test
    void readsTheErrorDetailsOfIpJSSLink() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/iproute2/ip-j-s-s-link.netns-veth-bridge.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters c = counters(parsed, "dh-b.20");
        assertThat(c.counters()).hasSize(22);
        assertThat(value(c, "carrier_changes")).isEqualTo(2L);
        assertThat(value(c, IfStat.TX_BYTES)).isEqualTo(1360L);
        for (String name : List.of(IfStat.RX_LENGTH, IfStat.RX_CRC, IfStat.RX_FRAME, IfStat.RX_FIFO, IfStat.RX_MISSED,
                IfStat.TX_ABORTED, IfStat.TX_FIFO, IfStat.TX_WINDOW, IfStat.TX_HEARTBEAT)) {
            assertThat(c.counter(name)).as(name).isPresent();
        }
        assertThat(value(counters(parsed, "br-dh"), IfStat.MULTICAST)).isEqualTo(7L);
    }

    @Test
    void readsIpJLinkAsStateOnly() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/iproute2/ip-j-link.netns-veth-bridge.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).isEmpty();
        assertThat(parsed.all(InterfaceState.class)).extracting(InterfaceState::iface)
                .containsExactly("lo", "dh-b.20", "dh-a.10", "br-dh");
    }

    @Test
    void prettyPrintedObjectSpansItsLines() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/iproute2/ip-j-p-s-link-show-dev-lo.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters lo = parsed.one(InterfaceCounters.class);
        assertThat(value(lo, IfStat.RX_BYTES)).isEqualTo(10397L);
        assertThat(lo.span().firstLine()).isEqualTo(1);
        assertThat(lo.span().lastLine()).isEqualTo(32);
    }

    @Test
    void cutFileKeepsTheInterfacesReadBeforeTheCut() {
        String text = TestData.text("fixtures/08-healthy-baseline/ip-j-s-link.txt");
        Block cut = Block.ofText("ip-j-s-link.txt", text.substring(0, text.length() - 200));
        TestData.Parsed parsed = TestData.parse(parser, cut);

        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("lo", "ifb0", "ifb1");
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("JSON broken at column").contains("end-of-input");
        });
    }

    @Test
    void brokenValueInTheMiddleKeepsTheInterfacesBeforeIt() {
        String text = TestData.text("fixtures/04-qdisc-drops-veth/ip-s-j-link.B.after.txt")
                + TestData.text("fixtures/08-healthy-baseline/ip-j-s-link.txt").replace("\"mtu\":1500", "\"mtu\":15x0");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ip-j-s-link.txt", text));

        // line 1 (a whole array) is kept, line 2 breaks in its second object (ifb0)
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface).containsExactly("v04a", "lo");
        assertThat(counters(parsed, "lo").span().firstLine()).isEqualTo(2);
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("JSON broken at column");
        });
    }

    @Test
    void missingDeviceIsTheToolsMessage() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/iproute2/ip-j-s-link-show-dev-nosuch0.txt"));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("does not exist");
        });
    }

    @Test
    void emptyInputGivesNothing() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ip-j-s-link.txt", "\n"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        for (String name : List.of("ip-j-s-link.txt", "ip-s-j-link.A.after.txt", "ip -j -s link", "ip -s -j link show dev v04a",
                "ip -j -s -s link", "ip -j link", "ip -json -s link", "ip-j-p-s-link-show-dev-lo.txt")) {
            assertThat(parser.nameScore(name)).as(name).isGreaterThanOrEqualTo(80);
        }
        for (String name : List.of("ip -s link", "ip-s-link.txt", "tc -s -j qdisc", "tc-s-j-qdisc.txt", "ip -j route",
                "ip -j neigh", "ifconfig")) {
            assertThat(parser.nameScore(name)).as(name).isZero();
        }
        for (String f : List.of("fixtures/08-healthy-baseline/ip-j-s-link.txt", "fixtures/04-qdisc-drops-veth/ip-s-j-link.A.before.txt",
                "captured/iproute2/ip-j-link.netns-veth-bridge.txt", "captured/iproute2/ip-j-p-s-link-show-dev-lo.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isGreaterThanOrEqualTo(90);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/tc-s-j-qdisc.txt", "fixtures/08-healthy-baseline/ip-s-link.txt",
                "fixtures/08-healthy-baseline/proc-net-dev.txt", "fixtures/04-qdisc-drops-veth/tc-s-j-qdisc.B.after.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isLessThan(20);
        }
        assertThat(parser.startsOutput(TestData.text("fixtures/08-healthy-baseline/ip-j-s-link.txt").strip())).isTrue();
    }
}
