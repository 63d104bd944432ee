package dev.drophound.parse.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.DpdkHeap;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpdkMallocStatsParserTest {

    private static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    private static final String CAP = "captured/ovs/";
    private final DpdkMallocStatsParser parser = new DpdkMallocStatsParser();

    @Test
    void fullHeapOfFixture06() {
        // 32 heap slots are printed; only socket_0 is in use
        DpdkHeap h = TestData.parseClean(parser, TestData.block(F06 + "ovs-appctl-dpdk-get-malloc-stats.c.mtu1500.txt"))
                .one(DpdkHeap.class);
        assertThat(h.id()).isZero();
        assertThat(h.name()).isEqualTo("socket_0");
        assertThat(h.socket()).isZero();
        assertThat(h.heapSize()).isEqualTo(102760448);
        assertThat(h.freeSize()).isEqualTo(2112576);
        assertThat(h.allocSize()).isEqualTo(100647872);
        assertThat(h.greatestFreeSize()).isEqualTo(2066944);
        assertThat(h.allocCount()).isEqualTo(97);
        assertThat(h.freeCount()).isEqualTo(2);
        assertThat(h.span().firstLine()).isEqualTo(1);
        assertThat(h.span().lastLine()).isEqualTo(8);
        assertThat(h.span().lines().get(3).text()).isEqualTo("\tFree_size:2112576,");
    }

    @Test
    void heapThatGrewWithHugepagesAddedAtRunTime() {
        DpdkHeap c2 = TestData.parseClean(parser, TestData.block(F06 + "ovs-appctl-dpdk-get-malloc-stats.c2.mtu9000.txt"))
                .one(DpdkHeap.class);
        assertThat(c2.heapSize()).isEqualTo(671088640);
        assertThat(c2.freeSize()).isEqualTo(1275584);
        DpdkHeap captured = TestData.parseClean(parser, TestData.blockWithCommand(CAP + "ovs-appctl-dpdk-get-malloc-stats.txt",
                "timeout 30 ovs-appctl -t /tmp/drophound-ovs-capture/run/vswitchd.ctl dpdk/get-malloc-stats")).one(DpdkHeap.class);
        assertThat(captured.heapSize()).isEqualTo(467664896);
        assertThat(captured.greatestFreeSize()).isEqualTo(67632768);
    }

    @Test
    void aFieldThatIsNotANumberIsMalformedAndTheRestKept() {
        Block real = TestData.block(F06 + "ovs-appctl-dpdk-get-malloc-stats.c.mtu9000.txt");
        assertThat(real.line(3)).isEqualTo("\tFree_size:2112768,");
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 3, "\tFree_size:x1z,"));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("Free_size is not a number");
        });
        DpdkHeap h = parsed.one(DpdkHeap.class);
        assertThat(h.freeSize()).isNull();
        assertThat(h.heapSize()).isEqualTo(102760448);
        assertThat(h.allocCount()).isEqualTo(96);
    }

    @Test
    void aStrangeLineBetweenHeapsIsMalformed() {
        Block real = TestData.block(F06 + "ovs-appctl-dpdk-get-malloc-stats.c.mtu9000.txt");
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 8, "Heap x1z"));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(9));
        assertThat(parsed.one(DpdkHeap.class).name()).isEqualTo("socket_0");
    }

    @Test
    void noDaemonIsAToolMessage() {
        // ovs-appctl prints the same two lines for any command when the daemon's socket is gone; taken with pmd-rxq-show
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("malloc.txt", "ovs-appctl dpdk/get-malloc-stats",
                TestData.text(CAP + "ovs-appctl-dpif-netdev-pmd-rxq-show.no-daemon.txt")));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).hasSize(2).allSatisfy(d -> assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO));
        assertThat(parsed.diagnostics().get(1).message()).contains("cannot connect to");
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("x.txt", "ovs-appctl dpdk/get-malloc-stats", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ovs-appctl dpdk/get-malloc-stats")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-appctl-dpdk-get-malloc-stats.c.mtu1500.txt")).isEqualTo(85);
        assertThat(parser.nameScore("sos_commands/openvswitch/ovs-appctl_dpdk.get-malloc-stats")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-appctl netdev-dpdk/get-mempool-info dpdk0")).isZero();
        assertThat(parser.nameScore("ovs-appctl-memory-show.c.mtu1500.txt")).isZero();

        assertThat(parser.contentScore(TestData.block(F06 + "ovs-appctl-dpdk-get-malloc-stats.c2.mtu9000.txt"))).isEqualTo(95);
        assertThat(parser.startsOutput("Heap id:0")).isTrue();
        for (String other : List.of(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c.mtu1500.txt", F06 + "meminfo-huge.c.mtu1500.txt",
                F06 + "dpdk-hugepages-s.c.mtu1500.txt", F06 + "ovs-appctl-memory-show.c.mtu1500.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
    }
}
