package dev.drophound.parse.iface;

import static dev.drophound.parse.iface.IfaceFacts.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.InterfaceCounters;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SysfsNetStatisticsParserTest {

    private static final String LISTING = "fixtures/08-healthy-baseline/sys-class-net-eth0-statistics.txt";

    private final SysfsNetStatisticsParser parser = new SysfsNetStatisticsParser();

    /** The value of one counter as the real listing has it, e.g. "1487" for tx_packets. */
    private static String listed(String name) {
        return TestData.text(LISTING).lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow()
                .substring(name.length() + 1);
    }

    @Test
    void readsTheGrepListingWithTheInterfaceFromTheFileName() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block(LISTING));

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters eth0 = parsed.one(InterfaceCounters.class);
        assertThat(eth0.iface()).isEqualTo("eth0");
        assertThat(eth0.format()).isEqualTo("sysfs-net-statistics");
        assertThat(eth0.counters()).hasSize(24);
        assertThat(value(eth0, IfStat.RX_BYTES)).isEqualTo(47709254L);
        assertThat(value(eth0, IfStat.TX_PACKETS)).isEqualTo(1487L);
        assertThat(value(eth0, IfStat.RX_MISSED)).isZero();
        assertThat(value(eth0, IfStat.RX_NOHANDLER)).isZero();
        assertThat(eth0.counter(IfStat.RX_BYTES).orElseThrow().span().lines()).extracting(Span.Line::number)
                .containsExactly(3);
        assertThat(eth0.counter(IfStat.TX_PACKETS).orElseThrow().span().lines().get(0).text()).isEqualTo("tx_packets:1487");
        assertThat(eth0.span().firstLine()).isEqualTo(1);
        assertThat(eth0.span().lastLine()).isEqualTo(24);
        assertThat(eth0.counters()).allMatch(c -> c.bits() == 64);
    }

    @Test
    void takesTheInterfaceFromTheCommand() {
        Block block = TestData.blockWithCommand(LISTING, "cd /sys/class/net/eth0/statistics && grep . *");
        Block renamed = new Block(block.source(), 1, block.lines(), block.raw(), "paste.txt", block.command(), false);
        TestData.Parsed parsed = TestData.parse(parser, renamed);

        assertThat(parsed.one(InterfaceCounters.class).iface()).isEqualTo("eth0");
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void readsPathPrefixedLinesOfSeveralInterfaces() {
        // grep . /sys/class/net/*/statistics/* prefixes each line with its path: derived from the real listing
        String eth0 = TestData.text(LISTING).lines().map(l -> "/sys/class/net/eth0/statistics/" + l)
                .collect(Collectors.joining("\n"));
        String lo = TestData.text(LISTING).lines().map(l -> "/sys/class/net/lo/statistics/" + l)
                .collect(Collectors.joining("\n"));
        Block block = Block.ofCommand("paste.txt", "grep . /sys/class/net/*/statistics/*", eth0 + "\n" + lo + "\n");
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(InterfaceCounters.class)).extracting(InterfaceCounters::iface).containsExactly("eth0", "lo");
        assertThat(value(parsed.all(InterfaceCounters.class).get(1), IfStat.RX_BYTES)).isEqualTo(47709254L);
        assertThat(parsed.all(InterfaceCounters.class).get(1).span().firstLine()).isEqualTo(25);
    }

    @Test
    void readsOneSysfsFileNamedByItsPath() {
        Block block = Block.ofText("sys/class/net/eth0/statistics/tx_packets", listed("tx_packets") + "\n");
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.diagnostics()).isEmpty();
        InterfaceCounters c = parsed.one(InterfaceCounters.class);
        assertThat(c.iface()).isEqualTo("eth0");
        assertThat(c.counters()).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo(IfStat.TX_PACKETS);
            assertThat(x.value()).isEqualTo(1487L);
            assertThat(x.span().lines()).extracting(Span.Line::number).containsExactly(1);
        });

        Block dropped = Block.ofText("/sys/class/net/eth0/statistics/rx_dropped", listed("rx_dropped"));
        assertThat(value(TestData.parse(parser, dropped).one(InterfaceCounters.class), IfStat.RX_DROPPED)).isZero();

        Block cat = Block.ofCommand("paste.txt", "cat /sys/class/net/eth0/statistics/rx_bytes", listed("rx_bytes"));
        assertThat(value(TestData.parse(parser, cat).one(InterfaceCounters.class), IfStat.RX_BYTES)).isEqualTo(47709254L);
    }

    @Test
    void missingInterfaceIsCatsMessage() {
        Block block = TestData.blockWithCommand("captured/sysfs/cat-sys-class-net-nosuch0-statistics-rx_dropped.txt",
                "cat /sys/class/net/nosuch0/statistics/rx_dropped");
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("No such file or directory");
        });
    }

    @Test
    void listingWithoutAnyInterfaceIsOneWarning() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("stats.txt", TestData.text(LISTING)));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).singleElement().satisfies(d -> assertThat(d.message()).contains("no interface"));
    }

    @Test
    void emptyInputGivesNothing() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("sys-class-net-eth0-statistics.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(TestData.parse(parser, Block.ofText("sys/class/net/eth0/statistics/rx_dropped", "")).facts()).isEmpty();
    }

    @Test
    void brokenValueIsReportedWithItsLineAndTheOthersKept() {
        String text = TestData.text(LISTING).replace("rx_bytes:47709254", "rx_bytes:477x9254");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("sys-class-net-eth0-statistics.txt", text));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("the value of rx_bytes is not a number: '477x9254'");
        });
        assertThat(parsed.one(InterfaceCounters.class).counters()).hasSize(23);

        TestData.Parsed single = TestData.parse(parser,
                Block.ofText("sys/class/net/eth0/statistics/rx_bytes", listed("rx_bytes").replace('7', 'x')));
        assertThat(single.facts()).isEmpty();
        assertThat(single.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(1));
    }

    @Test
    void scores() {
        for (String name : List.of("sys-class-net-eth0-statistics.txt", "cd /sys/class/net/eth0/statistics && grep . *",
                "grep . /sys/class/net/*/statistics/*", "sys/class/net/eth0/statistics/rx_dropped",
                "/sys/class/net/eth0/statistics/rx_missed_errors", "cat /sys/class/net/eth0/statistics/rx_dropped")) {
            assertThat(parser.nameScore(name)).as(name).isGreaterThanOrEqualTo(80);
        }
        for (String name : List.of("sys-class-net-eth0-queues.txt", "cd /sys/class/net/eth0/queues && grep -r . .",
                "ethtool -S eth0", "proc-net-dev.txt", "netstat -s", "sys-kernel-mm-hugepages.txt")) {
            assertThat(parser.nameScore(name)).as(name).isZero();
        }
        assertThat(parser.contentScore(TestData.block(LISTING))).isGreaterThanOrEqualTo(90);
        for (String f : List.of("fixtures/08-healthy-baseline/ethtool-S.eth0.txt", "fixtures/08-healthy-baseline/proc-meminfo.txt",
                "fixtures/08-healthy-baseline/sysctl-a-net-core.txt", "fixtures/08-healthy-baseline/proc-net-snmp.txt",
                "fixtures/08-healthy-baseline/sys-class-net-eth0-queues.txt", "fixtures/08-healthy-baseline/proc-vmstat.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isLessThan(20);
        }
    }
}
