package dev.drophound.parse.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.DpdkMempool;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpdkMempoolDumpParserTest {

    private static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    private static final String CAP = "captured/ovs/";
    private static final String SEED = "seeds/002_c6fad3b7097f7df4.txt";
    private final DpdkMempoolDumpParser parser = new DpdkMempoolDumpParser();

    @Test
    void portPoolSilentlyCutToAnEighth() {
        DpdkMempool m = TestData.parseClean(parser,
                TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c.mtu1500.txt")).one(DpdkMempool.class);
        assertThat(m.name()).isEqualTo("ovsc5a50bce00021580032768");
        assertThat(m.port()).isEqualTo("dpdk0");
        assertThat(m.socket()).isZero();
        assertThat(m.size()).isEqualTo(32768);
        assertThat(m.populatedSize()).isEqualTo(32768);
        assertThat(m.eltSize()).isEqualTo(2880);
        assertThat(m.headerSize()).isEqualTo(64);
        assertThat(m.trailerSize()).isEqualTo(64);
        assertThat(m.totalBytes()).isEqualTo(32768L * (64 + 2880 + 64));
        assertThat(m.availCount()).isEqualTo(32768);
        assertThat(m.inUseCount()).isZero();
        assertThat(m.span().lines()).extracting(Span.Line::number).containsExactly(1, 3, 7, 8, 9, 10, 11, 150);
        assertThat(m.span().lines().get(7).text()).isEqualTo("    count: avail (32768), in use (0)");
    }

    @Test
    void jumboPoolAfterTheFix() {
        DpdkMempool m = TestData.parseClean(parser,
                TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c2.mtu9000.txt")).one(DpdkMempool.class);
        assertThat(m.name()).isEqualTo("ovsc5a50bce00093260065536");
        assertThat(m.size()).isEqualTo(65536);
        assertThat(m.eltSize()).isEqualTo(10048);
        assertThat(m.totalBytes()).isEqualTo(65536L * 10176);
    }

    @Test
    void allPoolsWithoutAPortHaveNoCountLine() {
        DpdkMempool fixture = TestData.parseClean(parser,
                TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info.c.mtu1500.txt")).one(DpdkMempool.class);
        assertThat(fixture.port()).isNull();
        assertThat(fixture.availCount()).isNull();
        assertThat(fixture.inUseCount()).isNull();
        assertThat(fixture.size()).isEqualTo(32768);

        DpdkMempool captured = TestData.parseClean(parser, TestData.blockWithCommand(
                CAP + "ovs-appctl-netdev-dpdk-get-mempool-info.txt",
                "timeout 30 ovs-appctl -t /tmp/drophound-ovs-capture/run/vswitchd.ctl netdev-dpdk/get-mempool-info"))
                .one(DpdkMempool.class);
        assertThat(captured.port()).isNull();
        assertThat(captured.name()).isEqualTo("ovsc5a50bce00021580131072");
        assertThat(captured.size()).isEqualTo(131072);
    }

    @Test
    void portFromTheCommand() {
        Block b = Block.ofCommand("out.txt", "ovs-appctl -t /run/openvswitch/ovs-vswitchd.ctl netdev-dpdk/get-mempool-info dpdk0",
                TestData.text(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c.mtu9000.txt"));
        assertThat(TestData.parseClean(parser, b).one(DpdkMempool.class).port()).isEqualTo("dpdk0");
    }

    @Test
    void seedQuotesOnlyTheHeaderOfOvs29() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.section(SEED, "ovs-appctl netdev-dpdk/get-mempool-info dpdk0"));
        assertThat(parsed.warnings()).isEmpty();
        DpdkMempool m = parsed.one(DpdkMempool.class);
        assertThat(m.name()).isEqualTo("ovs_mp_2030_0_262144");
        assertThat(m.port()).isEqualTo("dpdk0");
        assertThat(m.size()).isNull();
        assertThat(m.totalBytes()).isNull();
        assertThat(m.span().firstLine()).isEqualTo(168);
    }

    @Test
    void emptyOutputMeansNoMempool() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info.d.guest.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void crashedDaemonAndUnknownPortAreToolMessages() {
        TestData.Parsed crash = TestData.parse(parser, TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-vhu0.d.txt"));
        assertThat(crash.facts()).isEmpty();
        assertThat(crash.diagnostics()).hasSize(2).allSatisfy(d -> assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO));
        assertThat(crash.diagnostics().get(1).line()).isEqualTo(2);
        assertThat(crash.diagnostics().get(1).message()).endsWith("transaction error (End of file)");

        TestData.Parsed unknown = TestData.parse(parser, TestData.block(CAP + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk9.txt"));
        assertThat(unknown.facts()).isEmpty();
        assertThat(unknown.warnings()).isEmpty();
        assertThat(unknown.diagnostics().get(0).message()).isEqualTo("ovs-mempool-info: ovs-vswitchd answered: Not a DPDK Interface");
        assertThat(unknown.diagnostics().get(1).message()).endsWith("server returned an error");
    }

    @Test
    void aSizeThatIsNotANumberIsMalformedAndTheRestKept() {
        Block real = TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c.mtu1500.txt");
        assertThat(real.line(6)).isEqualTo("  size=32768");
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 6, "  size=x1z"));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(7);
            assertThat(d.message()).contains("size is not a number");
        });
        DpdkMempool m = parsed.one(DpdkMempool.class);
        assertThat(m.size()).isNull();
        assertThat(m.totalBytes()).isNull();
        assertThat(m.eltSize()).isEqualTo(2880);
        assertThat(m.availCount()).isEqualTo(32768);
    }

    @Test
    void aStrangeLineInsideTheDumpIsMalformed() {
        Block real = TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c.mtu1500.txt");
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 40, "    cache_count[22] 0"));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(41));
        assertThat(parsed.one(DpdkMempool.class).size()).isEqualTo(32768);
    }

    @Test
    void twoDumpsOneAfterTheOtherAndABrokenSecondHeader() {
        // no real all-pools output here has two pools; two real dumps put one after the other stand in for one
        String text = TestData.text(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info.c.mtu1500.txt")
                + TestData.text(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c2.mtu9000.txt");
        Block two = Block.ofText("ovs-appctl-netdev-dpdk-get-mempool-info.txt", text);
        assertThat(TestData.parseClean(parser, two).all(DpdkMempool.class)).extracting(DpdkMempool::size)
                .containsExactly(32768L, 65536L);

        assertThat(two.line(149)).startsWith("mempool <ovsc5a50bce00093260065536>");
        TestData.Parsed broken = TestData.parse(parser, TestData.withLine(two, 149, "mempool <ovsc5a50bce0009326"));
        assertThat(broken.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(150));
        DpdkMempool first = broken.one(DpdkMempool.class);
        assertThat(first.size()).isEqualTo(32768);
        assertThat(first.eltSize()).isEqualTo(2880);
        assertThat(first.availCount()).isNull();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ovs-appctl netdev-dpdk/get-mempool-info dpdk0")).isEqualTo(95);
        assertThat(parser.nameScore("timeout 30 ovs-appctl -t /x/vswitchd.ctl netdev-dpdk/get-mempool-info")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c.mtu1500.txt")).isEqualTo(85);
        assertThat(parser.nameScore("sos_commands/openvswitch/ovs-appctl_netdev-dpdk.get-mempool-info")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-appctl dpdk/get-malloc-stats")).isZero();
        assertThat(parser.nameScore("ovs-appctl-dpdk-get-malloc-stats.c.mtu1500.txt")).isZero();

        assertThat(parser.contentScore(TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info.c.mtu1500.txt"))).isEqualTo(95);
        assertThat(parser.startsOutput("mempool <ovsc5a50bce00021580032768>@0x1180291dc0")).isTrue();
        assertThat(parser.startsOutput("  size=32768")).isFalse();
        for (String other : List.of(F06 + "ovs-appctl-dpdk-get-malloc-stats.c.mtu1500.txt", F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt",
                F06 + "ovs-vswitchd.c.log", "fixtures/07-dpdk-testpmd-memory/dpdk-testpmd.08-ok-small-pool.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
    }
}
