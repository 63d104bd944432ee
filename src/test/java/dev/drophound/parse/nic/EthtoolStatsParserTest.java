package dev.drophound.parse.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.Counter;
import dev.drophound.facts.DriverStatistics;
import dev.drophound.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EthtoolStatsParserTest {

    private final EthtoolStatsParser parser = new EthtoolStatsParser();

    static Stream<String> publicEthtoolS() throws IOException {
        try (Stream<Path> files = Files.list(TestData.path("fixtures/public/ethtool"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt") && !n.startsWith("g-"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("publicEthtoolS")
    void everyPublicDriverParsesCleanly(String file) {
        Block block = TestData.block("fixtures/public/ethtool/" + file);
        TestData.Parsed parsed = TestData.parse(parser, block);

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(50);
        if (file.startsWith("openvswitch")) {
            assertThat(parsed.facts()).isEmpty();
            assertThat(parsed.diagnostics()).singleElement()
                    .satisfies(d -> assertThat(d.message()).contains("no stats available"));
            return;
        }
        DriverStatistics stats = parsed.one(DriverStatistics.class);
        long valueLines = block.lines().stream().filter(l -> l.matches(".*:\\s+\\d+\\s*")).count();
        // every "name: number" line is a counter, except vmxnet3's "Tx Queue#: 0" section lines
        long sections = block.lines().stream().filter(l -> l.contains("Queue#:")).count();
        assertThat(stats.counters()).hasSize((int) (valueLines - sections));
        assertThat(stats.counters()).allSatisfy(c -> {
            assertThat(c.bits()).isEqualTo(64);
            assertThat(c.span().lines()).hasSize(1);
            assertThat(c.span().lines().get(0).text()).contains(": " + c.value());
        });
    }

    private DriverStatistics stats(String relative) {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block(relative));
        assertThat(parsed.warnings()).isEmpty();
        return parsed.one(DriverStatistics.class);
    }

    private static void hasCounter(DriverStatistics s, String name, long value, int line) {
        Counter c = s.counter(name).orElseThrow(() -> new AssertionError("no counter " + name));
        assertThat(c.value()).as(name).isEqualTo(value);
        assertThat(c.span().firstLine()).as(name + " line").isEqualTo(line);
    }

    @Test
    void mlx5RingAndPhyDiscards() {
        DriverStatistics s = stats("fixtures/public/ethtool/mlx5_core-5.15-xdp-rx_discards_phy.txt");
        assertThat(s.iface()).isEqualTo("?");
        hasCounter(s, "rx_out_of_buffer", 990_473_555L, 25);
        hasCounter(s, "rx_discards_phy", 58_591_428_329L, 38);
        assertThat(s.counter("rx_out_of_buffer").orElseThrow().key().toString())
                .isEqualTo("ethtool/?/rx_out_of_buffer");

        DriverStatistics old = stats("fixtures/public/ethtool/mlx5_core-ubuntu18.04-4.15.txt");
        hasCounter(old, "rx_out_of_buffer", 0, 39);
        hasCounter(old, "rx_discards_phy", 0, 78);
    }

    @Test
    void bnxtRingNamesKeepTheirIndexTabIndentedToo() {
        DriverStatistics rhel = stats("fixtures/public/ethtool/bnxt_en-rhel8-4.18.txt");
        hasCounter(rhel, "rx_total_discard_pkts", 13, 194);
        hasCounter(rhel, "[0]: rx_ucast_packets", 276_347_403L, 2);
        assertThat(rhel.span().firstLine()).isEqualTo(1);

        DriverStatistics drops = stats("fixtures/public/ethtool/bnxt_en-2024-rx_discards.txt");
        hasCounter(drops, "[0]: rx_discards", 11_763_190L, 5);
        hasCounter(drops, "[9]: rx_discards", 9_887_942L, 221);
        hasCounter(drops, "rx_stat_discard", 49_337L, 339);
    }

    @Test
    void ixgbeInsideWatchTakesTheInterfaceFromTheWatchHeader() {
        DriverStatistics s = stats("fixtures/public/ethtool/ixgbe-ubuntu12.04-rx_errors-watch.txt");
        assertThat(s.iface()).isEqualTo("eth1");
        hasCounter(s, "rx_crc_errors", 11_547L, 24);
        hasCounter(s, "rx_errors", 4_141_831_567L, 15);
        assertThat(s.counter("rx_crc_errors").orElseThrow().key().entity()).isEqualTo("eth1");
    }

    @Test
    void namesWithDotsBlanksAndBrackets() {
        hasCounter(stats("fixtures/public/ethtool/i40e-rhel8-4.18-sfp.txt"), "veb.rx_discards", 21, 548);
        hasCounter(stats("fixtures/public/ethtool/i40e-2.3.2-k.txt"), "port.rx_dropped", 0, 334);
        hasCounter(stats("fixtures/public/ethtool/ice-rhel8-4.18-25g.txt"), "rx_crc_errors.nic", 1, 566);
        hasCounter(stats("fixtures/public/ethtool/fsl_dpaa2_eth-2024.txt"), "[hw] rx frames", 92_343_581L, 2);
        hasCounter(stats("fixtures/public/ethtool/be2net-emulex-2018.txt"), "rx_dropped_too_short", 5710, 10);
    }

    @Test
    void vmxnet3NestedQueueCountersArePrefixedWithTheirParents() {
        DriverStatistics s = stats("fixtures/public/ethtool/vmxnet3-2018.txt");
        hasCounter(s, "Tx Queue#0: TSO pkts tx", 161, 3);
        hasCounter(s, "Tx Queue#1: TSO pkts tx", 620, 23);
        hasCounter(s, "Tx Queue#0: drv dropped tx total: giant hdr", 0, 15);
        hasCounter(s, "Tx Queue#0: giant hdr", 0, 21);
        hasCounter(s, "Rx Queue#1: ucast pkts rx", 143_523L, 60);
        hasCounter(s, "tx timeout count", 0, 72);
        assertThat(s.counter("Tx Queue#")).isEmpty();
    }

    @Test
    void interfaceFromFileNameAndCommand() {
        DriverStatistics eth0 = stats("fixtures/08-healthy-baseline/ethtool-S.eth0.txt");
        assertThat(eth0.iface()).isEqualTo("eth0");
        hasCounter(eth0, "rx_kicks", 297, 7);
        hasCounter(eth0, "tx0_kicks", 1409, 20);
        assertThat(eth0.counters()).hasSize(20);
        assertThat(eth0.span().firstLine()).isEqualTo(1);
        assertThat(eth0.span().lastLine()).isEqualTo(21);

        DriverStatistics veth = stats("fixtures/05-softnet-backlog-drops/ethtool-S.v05b.1.after.txt");
        assertThat(veth.iface()).isEqualTo("v05b");
        hasCounter(veth, "peer_ifindex", 2, 2);

        DriverStatistics v04a = stats("fixtures/04-qdisc-drops-veth/ethtool-S.v04a.B.after.txt");
        assertThat(v04a.iface()).isEqualTo("v04a");
        hasCounter(v04a, "rx_queue_0_drops", 0, 5);

        Block sos = Block.ofText("sos_commands/networking/ethtool_-S_ens3",
                TestData.text("fixtures/public/ethtool/virtio_net-ens3-ubuntu5.4.txt"));
        DriverStatistics ens3 = TestData.parse(parser, sos).one(DriverStatistics.class);
        assertThat(ens3.iface()).isEqualTo("ens3");
        hasCounter(ens3, "rx_queue_0_kicks", 755, 9);

        Block cmd = TestData.blockWithCommand("fixtures/08-healthy-baseline/ethtool-S.eth0.txt", "ethtool -S ens5");
        assertThat(TestData.parse(parser, cmd).one(DriverStatistics.class).iface()).isEqualTo("ens5");
    }

    @Test
    void seedGrepOutputHasNoHeader() {
        Block block = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "ethtool -S ens33 | grep rx_ | grep errors", 1);
        assertThat(block.command()).isEqualTo("ethtool -S ens33 | grep rx_ | grep errors");
        TestData.Parsed parsed = TestData.parse(parser, block);
        // the section runs on into the article's prose up to the next prompt: no diagnostic for that
        assertThat(parsed.diagnostics()).isEmpty();
        DriverStatistics s = parsed.one(DriverStatistics.class);
        assertThat(s.iface()).isEqualTo("ens33");
        assertThat(s.counters()).hasSize(10);
        hasCounter(s, "rx_crc_errors", 0, 277);
        hasCounter(s, "rx_csum_offload_errors", 0, 283);
        assertThat(parser.nameScore(block.command())).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void noStatsAvailableIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/ethtool-S.lo.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).isEqualTo("ethtool-S: no stats available");
        });
    }

    @Test
    void cannotGetStatsStringsIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/ethtool/ethtool-S.nosuchdev.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).isEqualTo("ethtool-S: Cannot get stats strings information: No such device");
        });
    }

    @Test
    void netlinkErrorIsAToolMessage() {
        // the real message of ethtool 6.1 on a veth (it came from -g there, ethtool prints it the same for -S)
        Block block = TestData.blockWithCommand("fixtures/04-qdisc-drops-veth/ethtool-g.v04a.txt", "ethtool -S v04a");
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("netlink error: Operation not supported"));
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ethtool-S.eth0.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parser.contentScore(Block.ofText("x", "\n\n"))).isZero();
    }

    @Test
    void malformedValueIsReportedWithItsLineAndTheRestKept() {
        String text = TestData.text("fixtures/public/ethtool/ixgbe-ubuntu12.04-rx_errors-watch.txt")
                .replace("rx_crc_errors: 11547", "rx_crc_errors: x1z");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ethtool-S.eth1.txt", text));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(24);
            assertThat(d.message()).contains("value is not a number").contains("rx_crc_errors: x1z");
        });
        DriverStatistics s = parsed.one(DriverStatistics.class);
        assertThat(s.counter("rx_crc_errors")).isEmpty();
        hasCounter(s, "rx_errors", 4_141_831_567L, 15);
        hasCounter(s, "tx_queue_1_packets", 26, 63);
    }

    @Test
    void truncatedLineInsideTheOutputIsMalformed() {
        String text = TestData.text("fixtures/08-healthy-baseline/ethtool-S.eth0.txt")
                .replace("     rx_xdp_tx: 0\n", "     rx_xdp_t\n");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ethtool-S.eth0.txt", text));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("expected 'name: value'");
        });
        assertThat(parsed.one(DriverStatistics.class).counters()).hasSize(19);
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ethtool -S eth0")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ethtool --statistics eth0")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ethtool -S ens33 | grep rx_")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ethtool-S.v05b.1.after.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/networking/ethtool_-S_eth0")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ethtool -s eth0 speed 1000")).isZero();
        assertThat(parser.nameScore("ethtool -g eth0")).isZero();
        assertThat(parser.nameScore("ethtool-g.eth0.txt")).isZero();
        assertThat(parser.nameScore("ethtool-i.eth0.txt")).isZero();
        assertThat(parser.nameScore("netstat -su | grep InCsumErrors")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/ethtool-S.eth0.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.startsOutput("NIC statistics:")).isTrue();
        assertThat(parser.startsOutput("     rx_packets: 1")).isFalse();
        for (String other : new String[] {
                "fixtures/08-healthy-baseline/ethtool-g.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-i.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-l.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-k.eth0.txt",
                "fixtures/08-healthy-baseline/sys-class-net-eth0-statistics.txt",
                "fixtures/08-healthy-baseline/proc-meminfo.txt",
                "fixtures/08-healthy-baseline/netstat-su.txt",
                "fixtures/08-healthy-baseline/ss-s.txt",
                "fixtures/08-healthy-baseline/lscpu.txt",
                "fixtures/08-healthy-baseline/sysctl-a-net-core.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
        // netstat -su | grep InCsumErrors prints one "    InCsumErrors: 1" line: too little to claim
        assertThat(parser.contentScore(TestData.section("seeds/001_64cba6ed93d5da2f.txt", "netstat -su | grep InCsumErrors", 1))).isLessThan(30);
    }
}
