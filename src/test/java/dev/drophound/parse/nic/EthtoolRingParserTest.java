package dev.drophound.parse.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.RingParameters;
import dev.drophound.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EthtoolRingParserTest {

    private static final String SEED = "001_64cba6ed93d5da2f.txt";
    private final EthtoolRingParser parser = new EthtoolRingParser();

    private RingParameters ring(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.one(RingParameters.class);
    }

    @Test
    void ethtool61WithNewerSettingLines() {
        RingParameters r = ring(TestData.block("fixtures/08-healthy-baseline/ethtool-g.eth0.txt"));
        assertThat(r.iface()).isEqualTo("eth0");
        assertThat(r.rxMax()).isEqualTo(256);
        assertThat(r.rxCurrent()).isEqualTo(256);
        assertThat(r.txMax()).isEqualTo(256);
        assertThat(r.txCurrent()).isEqualTo(256);
        assertThat(r.rxMaxSpan().firstLine()).isEqualTo(3);
        assertThat(r.rxCurrentSpan().firstLine()).isEqualTo(8);
        assertThat(r.rxCurrentSpan().lines().get(0).text()).isEqualTo("RX:\t\t256");
        assertThat(r.span().firstLine()).isEqualTo(1);
        assertThat(r.span().lastLine()).isEqualTo(15);
    }

    @Test
    void undersizedRingOfANewerDriver() {
        RingParameters r = ring(TestData.block("fixtures/public/ethtool/g-mlx-like-ethtool6-insights.txt"));
        assertThat(r.iface()).isEqualTo("pri");
        assertThat(r.rxMax()).isEqualTo(4096);
        assertThat(r.rxCurrent()).isEqualTo(1024);
        assertThat(r.txMax()).isEqualTo(4096);
        assertThat(r.txCurrent()).isEqualTo(512);
    }

    @Test
    void spaceSeparatedWithABlankLineBetweenTheSections() {
        RingParameters r = ring(TestData.block("fixtures/public/ethtool/g-eth2-rhel-insights.txt"));
        assertThat(r.iface()).isEqualTo("eth2");
        assertThat(r.rxMax()).isEqualTo(2047);
        assertThat(r.txMax()).isEqualTo(511);
        assertThat(r.rxCurrent()).isEqualTo(200);
        assertThat(r.txCurrent()).isEqualTo(511);
        assertThat(r.rxMaxSpan().firstLine()).isEqualTo(3);
        assertThat(r.rxCurrentSpan().firstLine()).isEqualTo(9);

        RingParameters virtio = ring(TestData.block("fixtures/public/ethtool/g-virtio_net-ens3-ubuntu5.4.txt"));
        assertThat(virtio.iface()).isEqualTo("ens3");
        assertThat(virtio.rxCurrent()).isEqualTo(virtio.rxMax()).isEqualTo(256);
    }

    @Test
    void seedBeforeAndAfterEthtoolG() {
        RingParameters before = ring(TestData.section("seeds/001_64cba6ed93d5da2f.txt", "ethtool -g ens33", 1));
        assertThat(before.iface()).isEqualTo("ens33");
        assertThat(before.rxMax()).isEqualTo(4096);
        assertThat(before.rxCurrent()).isEqualTo(256);
        assertThat(before.txCurrent()).isEqualTo(256);
        assertThat(before.rxMaxSpan().firstLine()).isEqualTo(134);
        // the quote keeps the article's line as written, annotation included
        assertThat(before.rxMaxSpan().lines().get(0).text()).isEqualTo("RX:             4096  << 最大値");
        assertThat(before.rxCurrentSpan().firstLine()).isEqualTo(139);

        RingParameters after = ring(TestData.section("seeds/001_64cba6ed93d5da2f.txt", "ethtool -g ens33", 2));
        assertThat(after.rxCurrent()).isEqualTo(512);
        assertThat(after.rxMax()).isEqualTo(4096);
        assertThat(after.rxCurrentSpan().firstLine()).isEqualTo(158);
    }

    @Test
    void trailingAnnotationsAreIgnoredEvenWhenNotCutOff() {
        RingParameters r = ring(TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt", "ethtool -g ens33", 1));
        assertThat(r.rxMax()).isEqualTo(4096);
        assertThat(r.rxCurrent()).isEqualTo(256);
    }

    @Test
    void notSupportedIsAToolMessageAndTheBareHeaderNoFact() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/public/ethtool/g-tap-ubuntu5.4.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("Cannot get device ring settings: Operation not supported");
        });
    }

    @Test
    void netlinkErrorOfVethIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/04-qdisc-drops-veth/ethtool-g.v04a.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("ethtool-g: netlink error: Operation not supported"));
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ethtool-g.eth0.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void malformedCurrentRxIsReportedAndTheRestKept() {
        List<String> lines = new ArrayList<>(Block.splitLines(TestData.text("fixtures/08-healthy-baseline/ethtool-g.eth0.txt")));
        assertThat(lines.get(7)).isEqualTo("RX:\t\t256");
        lines.set(7, "RX:\t\tx1z");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ethtool-g.eth0.txt", String.join("\n", lines)));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(8);
            assertThat(d.message()).contains("neither a number nor n/a");
        });
        RingParameters r = parsed.one(RingParameters.class);
        assertThat(r.rxCurrent()).isNull();
        assertThat(r.rxCurrentSpan()).isNull();
        assertThat(r.rxMax()).isEqualTo(256);
        assertThat(r.txCurrent()).isEqualTo(256);
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ethtool -g ens33")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ethtool --show-ring eth0")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ethtool-g.v04a.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/networking/ethtool_-g_ens3")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ethtool -G ens33 rx 512")).isZero();
        assertThat(parser.nameScore("ethtool -S eth0")).isZero();
        assertThat(parser.nameScore("ethtool-l.eth0.txt")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/ethtool-g.eth0.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/public/ethtool/g-tap-ubuntu5.4.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.startsOutput("Ring parameters for eth0:")).isTrue();
        assertThat(parser.startsOutput("Channel parameters for eth0:")).isFalse();
        for (String other : new String[] {
                "fixtures/08-healthy-baseline/ethtool-l.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-c.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-k.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-S.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-i.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool.eth0.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
        // ethtool -l without its first line still is no ring output
        List<String> channels = Block.splitLines(TestData.text("fixtures/08-healthy-baseline/ethtool-l.eth0.txt"));
        Block cut = Block.ofText("paste.txt", String.join("\n", channels.subList(1, channels.size())));
        assertThat(parser.contentScore(cut)).isLessThan(30);
    }
}
