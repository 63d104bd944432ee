package dev.drophound.parse.iface;

import static dev.drophound.parse.iface.IfaceFacts.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.InterfaceCounters;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetDevParserTest {

    private final ProcNetDevParser parser = new ProcNetDevParser();

    private static InterfaceCounters iface(TestData.Parsed parsed, String name) {
        return parsed.all(InterfaceCounters.class).stream().filter(c -> c.iface().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no interface " + name));
    }

    @Test
    void readsTheHealthyBaselineByHeaderNames() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/proc-net-dev.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("lo", "ifb0", "ifb1", "eth0");
        InterfaceCounters eth0 = iface(parsed, "eth0");
        assertThat(eth0.format()).isEqualTo("proc-net-dev");
        assertThat(eth0.counters()).hasSize(16);
        assertThat(value(eth0, IfStat.RX_BYTES)).isEqualTo(47709254L);
        assertThat(value(eth0, IfStat.RX_PACKETS)).isEqualTo(1920L);
        assertThat(value(eth0, IfStat.TX_BYTES)).isEqualTo(137690L);
        assertThat(value(eth0, IfStat.TX_PACKETS)).isEqualTo(1487L);
        assertThat(eth0.counter("rx_compressed")).isPresent();
        assertThat(eth0.counter("tx_compressed")).isPresent();
        assertThat(eth0.counter(IfStat.TX_CARRIER_ALL)).isPresent();
        assertThat(eth0.counter(IfStat.COLLISIONS)).isPresent();
        // header + value line, both quoted
        Span span = eth0.counter(IfStat.RX_BYTES).orElseThrow().span();
        assertThat(span.lines()).extracting(Span.Line::number).containsExactly(2, 6);
        assertThat(span.lines().get(1).text()).startsWith("  eth0: 47709254");
        assertThat(eth0.counter(IfStat.TX_BYTES).orElseThrow().span()).isSameAs(span);
        assertThat(InterfaceCounters.key("eth0", IfStat.RX_BYTES)).isEqualTo(eth0.counters().get(0).key());
        assertThat(eth0.counters()).allMatch(c -> c.bits() == 64);
    }

    @Test
    void readsTheSoftnetBacklogDropsAsDropPlusMissed() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("fixtures/05-softnet-backlog-drops/proc-net-dev.lab05b.1.after.txt"));

        InterfaceCounters v05b = iface(parsed, "v05b");
        assertThat(value(v05b, IfStat.RX_DROPPED_AND_MISSED)).isEqualTo(1026L);
        assertThat(value(v05b, IfStat.RX_PACKETS)).isEqualTo(16985L);
        assertThat(v05b.counter(IfStat.RX_DROPPED)).isEmpty(); // the column is a sum, never rx_dropped alone
        assertThat(v05b.span().lastLine()).isEqualTo(4);
    }

    @Test
    void readsTheVethScenario() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("fixtures/04-qdisc-drops-veth/proc-net-dev.B.after.txt"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(value(iface(parsed, "v04a"), IfStat.TX_BYTES)).isEqualTo(3140412L);
        assertThat(value(iface(parsed, "v04a"), IfStat.TX_PACKETS)).isEqualTo(3024L);
    }

    @Test
    void readsNamesWithDotsAndDashesLongerThanTheColumn() {
        TestData.Parsed parsed = TestData.parse(parser,
                TestData.block("captured/procfs/proc-net-dev.netns-veth-bridge.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("lo", "dh-b.20", "dh-a.10", "br-dh");
        assertThat(value(iface(parsed, "dh-b.20"), IfStat.RX_BYTES)).isEqualTo(586L);
        assertThat(value(iface(parsed, "dh-a.10"), IfStat.TX_PACKETS)).isEqualTo(7L);
        assertThat(value(iface(parsed, "br-dh"), IfStat.MULTICAST)).isEqualTo(7L);
    }

    @Test
    void readsTheSeedArticleSectionWithItsLineNumbers() {
        Block block = TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt", "cat /proc/net/dev", 1);
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).isEmpty();
        InterfaceCounters ens33 = iface(parsed, "ens33");
        assertThat(value(ens33, IfStat.RX_DROPPED_AND_MISSED)).isEqualTo(10L);
        assertThat(value(ens33, IfStat.RX_BYTES)).isEqualTo(7881436763L);
        assertThat(value(ens33, IfStat.TX_PACKETS)).isEqualTo(75657101L);
        assertThat(ens33.span().lines()).extracting(Span.Line::number).containsExactly(101, 103);
    }

    @Test
    void readsANameGluedToItsFirstCounterAsOldKernelsPrintIt() {
        // old kernels printed "%6s:%8lu": a counter of 9+ digits touches the colon
        String text = TestData.text("seeds/001_64cba6ed93d5da2f.txt").lines()
                .filter(l -> l.startsWith("Inter-|") || l.startsWith(" face |") || l.startsWith(" ens33:"))
                .map(l -> l.replace(" ens33: 7881436763", "ens33:7881436763"))
                .reduce("", (a, b) -> a + b + "\n");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-dev.txt", text));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(iface(parsed, "ens33"), IfStat.RX_BYTES)).isEqualTo(7881436763L);
        assertThat(value(iface(parsed, "ens33"), IfStat.RX_PACKETS)).isEqualTo(78892841L);
    }

    @Test
    void readsAGreppedLineWithoutHeaderByTheKernelLayout() {
        String eth0 = TestData.text("fixtures/08-healthy-baseline/proc-net-dev.txt").lines()
                .filter(l -> l.contains("eth0:")).findFirst().orElseThrow();
        Block block = Block.ofCommand("paste.txt", "grep eth0 /proc/net/dev", eth0 + "\n");
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters c = parsed.one(InterfaceCounters.class);
        assertThat(value(c, IfStat.RX_BYTES)).isEqualTo(47709254L);
        assertThat(value(c, IfStat.TX_PACKETS)).isEqualTo(1487L);
        assertThat(c.span().lines()).extracting(Span.Line::number).containsExactly(1);
        assertThat(parser.nameScore(block.nameOrCommand())).isGreaterThanOrEqualTo(80);
    }

    @Test
    void emptyInputGivesNothing() {
        assertThat(TestData.parse(parser, Block.ofText("proc-net-dev.txt", "")).facts()).isEmpty();
        TestData.Parsed blank = TestData.parse(parser, Block.ofText("proc-net-dev.txt", "\n\n"));
        assertThat(blank.facts()).isEmpty();
        assertThat(blank.diagnostics()).isEmpty();
    }

    @Test
    void truncatedLineIsReportedWithItsNumberAndTheOthersKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/proc-net-dev.txt");
        String cut = text.substring(0, text.stripTrailing().length() - 60);
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-dev.txt", cut));

        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("lo", "ifb0", "ifb1");
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(6);
            assertThat(d.message()).contains("expected 16 values after eth0:");
        });
    }

    @Test
    void nonNumberIsReportedWithItsNumberAndTheOthersKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/proc-net-dev.txt")
                .replace("    lo: 24206073  225169", "    lo: 24206073  x1z169");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-dev.txt", text));

        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface)
                .containsExactly("ifb0", "ifb1", "eth0");
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("value 2 of lo is not a number: 'x1z169'");
        });
    }

    @Test
    void unknownColumnIsKeptUnderItsOwnNameAndNoted() {
        String text = TestData.text("fixtures/08-healthy-baseline/proc-net-dev.txt")
                .replace(" fifo colls carrier", " fifo collx carrier");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-dev.txt", text));

        assertThat(iface(parsed, "eth0").counter("tx_collx")).isPresent();
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("unknown column 'collx'");
        });
    }

    @Test
    void scores() {
        for (String name : List.of("proc-net-dev.txt", "proc-net-dev.A.after.txt", "cat /proc/net/dev",
                "proc/net/dev", "sos_commands/networking/proc/net/dev", "grep eth0 /proc/net/dev")) {
            assertThat(parser.nameScore(name)).as(name).isGreaterThanOrEqualTo(90);
        }
        for (String name : List.of("cat /proc/net/snmp", "cat /proc/net/dev_mcast", "proc/net/dev_snmp6/eth0",
                "proc-net-softnet_stat.txt", "netstat-i.txt", "ip-s-link.txt", "cat /proc/net/devices")) {
            assertThat(parser.nameScore(name)).as(name).isZero();
        }
        for (String f : List.of("fixtures/08-healthy-baseline/proc-net-dev.txt",
                "fixtures/05-softnet-backlog-drops/proc-net-dev.lab05b.2.before.txt",
                "captured/procfs/proc-net-dev.netns-veth-bridge.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isGreaterThanOrEqualTo(90);
        }
        for (String f : List.of("fixtures/08-healthy-baseline/ip-s-link.txt",
                "fixtures/08-healthy-baseline/netstat-i.txt", "fixtures/08-healthy-baseline/proc-net-snmp.txt",
                "fixtures/08-healthy-baseline/ifconfig.txt", "fixtures/08-healthy-baseline/proc-net-softnet_stat.txt",
                "fixtures/08-healthy-baseline/sys-class-net-eth0-statistics.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isLessThan(20);
        }
        assertThat(parser.startsOutput("Inter-|   Receive                                                |  Transmit"))
                .isTrue();
        assertThat(parser.startsOutput(" face |bytes    packets errs drop")).isFalse();
    }
}
