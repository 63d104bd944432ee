package dev.drophound.parse.tc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.QdiscStats;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcQdiscParserTest {

    private final TcQdiscParser parser = new TcQdiscParser();

    private List<QdiscStats> qdiscs(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.all(QdiscStats.class);
    }

    @Test
    void tbfWithPfifoChildDroppingOnAVeth() {
        Block block = TestData.blockWithCommand("fixtures/04-qdisc-drops-veth/tc-s-qdisc.B.after.txt",
                "tc -s qdisc show dev v04a");
        List<QdiscStats> q = qdiscs(block);
        assertThat(q).hasSize(2);
        QdiscStats tbf = q.get(0);
        assertThat(tbf.device()).isEqualTo("v04a");
        assertThat(tbf.kind()).isEqualTo("tbf");
        assertThat(tbf.handle()).isEqualTo("1:");
        assertThat(tbf.parent()).isEqualTo("root");
        assertThat(tbf.sentBytes()).isEqualTo(13658);
        assertThat(tbf.sentPackets()).isEqualTo(15);
        assertThat(tbf.dropped()).isEqualTo(3087);
        assertThat(tbf.overlimits()).isEqualTo(3116);
        assertThat(tbf.requeues()).isZero();
        assertThat(tbf.backlogBytes()).isZero();
        assertThat(tbf.backlogPackets()).isZero();
        assertThat(tbf.span().firstLine()).isEqualTo(1);
        assertThat(tbf.span().lastLine()).isEqualTo(3);
        assertThat(tbf.entity()).isEqualTo("v04a 1: tbf");

        QdiscStats pfifo = q.get(1);
        assertThat(pfifo.kind()).isEqualTo("pfifo");
        assertThat(pfifo.handle()).isEqualTo("10:");
        assertThat(pfifo.parent()).isEqualTo("1:1");
        assertThat(pfifo.dropped()).isEqualTo(3087);
        assertThat(pfifo.overlimits()).isZero();
        assertThat(pfifo.span().firstLine()).isEqualTo(4);
    }

    @Test
    void withoutTheCommandTheDeviceIsUnknown() {
        List<QdiscStats> q = qdiscs(TestData.block("fixtures/04-qdisc-drops-veth/tc-s-qdisc.A.after.txt"));
        assertThat(q).singleElement().satisfies(p -> {
            assertThat(p.device()).isEqualTo("?");
            assertThat(p.kind()).isEqualTo("pfifo");
            assertThat(p.handle()).isEqualTo("8006:");
            assertThat(p.sentPackets()).isEqualTo(3004);
        });
    }

    @Test
    void detailedOutputOfAllDevices() {
        List<QdiscStats> q = qdiscs(TestData.block("fixtures/04-qdisc-drops-veth/tc-s-d-qdisc.B.after.txt"));
        assertThat(q).extracting(QdiscStats::entity).containsExactly("lo 0: noqueue", "v04a 1: tbf", "v04a 10: pfifo");
        assertThat(q.get(1).dropped()).isEqualTo(3087);
        assertThat(q.get(1).span().firstLine()).isEqualTo(4);

        List<QdiscStats> healthy = qdiscs(TestData.block("fixtures/08-healthy-baseline/tc-s-qdisc.txt"));
        assertThat(healthy).extracting(QdiscStats::entity).containsExactly("lo 0: noqueue", "eth0 0: pfifo_fast");
        assertThat(healthy.get(1).sentBytes()).isEqualTo(137_690);
        assertThat(healthy.get(1).sentPackets()).isEqualTo(1487);
    }

    @Test
    void mqChildAndIngress() {
        List<QdiscStats> q = qdiscs(TestData.block("captured/tc/tc-s-qdisc.mq-ingress.txt"));
        assertThat(q).extracting(QdiscStats::entity)
                .containsExactly("lo 0: noqueue", "dhvA 8003: mq", "dhvA 0: pfifo_fast", "dhvA ffff: ingress");
        assertThat(q.get(1).parent()).isEqualTo("root");
        assertThat(q.get(2).parent()).isEqualTo("8003:1");
        assertThat(q.get(3).parent()).isEqualTo("ffff:fff1");
        assertThat(q.get(2).sentBytes()).isEqualTo(496);
    }

    @Test
    void backlogInKilobytesAndBytes() {
        List<QdiscStats> k = qdiscs(TestData.blockWithCommand("captured/tc/tc-s-qdisc.htb-backlog.txt",
                "tc -s qdisc show dev dhvA"));
        assertThat(k).hasSize(2);
        assertThat(k.get(0).kind()).isEqualTo("htb");
        assertThat(k.get(0).backlogBytes()).isEqualTo(5120);
        assertThat(k.get(0).backlogPackets()).isEqualTo(5);
        assertThat(k.get(1).dropped()).isEqualTo(13);
        assertThat(k.get(1).parent()).isEqualTo("1:10");

        assertThat(qdiscs(TestData.block("captured/tc/tc-s-d-qdisc.htb-backlog.txt")).get(1).backlogBytes())
                .isEqualTo(5120);
        List<QdiscStats> b = qdiscs(TestData.block("captured/tc/tc-s-qdisc.htb-backlog-bytes.txt"));
        assertThat(b.get(1).backlogBytes()).isEqualTo(88_202);
        assertThat(b.get(1).backlogPackets()).isEqualTo(112);
    }

    @Test
    void cannotFindDeviceIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.blockWithCommand("captured/tc/tc-s-qdisc.nosuch.txt",
                "tc -s qdisc show dev nosuch"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).isEqualTo("tc-qdisc: Cannot find device \"nosuch\"");
        });
    }

    @Test
    void withoutDashSThereAreNoStatistics() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/tc/tc-qdisc.no-stats.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("without -s"));
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("tc-s-qdisc.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void malformedSentLineLosesOnlyItsQdisc() {
        String text = TestData.text("fixtures/04-qdisc-drops-veth/tc-s-qdisc.B.after.txt")
                .replaceFirst("dropped 3087,", "dropped x1z,");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("tc-s-qdisc.B.after.txt", text));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("expected 'Sent B bytes");
        });
        assertThat(parsed.all(QdiscStats.class)).singleElement()
                .satisfies(q -> assertThat(q.entity()).isEqualTo("? 10: pfifo"));
    }

    @Test
    void truncatedOutput() {
        String text = TestData.text("fixtures/04-qdisc-drops-veth/tc-s-d-qdisc.B.after.txt");
        String cut = text.substring(0, text.length() - 40); // the last backlog line and the end of the Sent line
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("tc-s-d-qdisc.B.after.txt", cut));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(8));
        assertThat(parsed.all(QdiscStats.class)).extracting(QdiscStats::kind).containsExactly("noqueue", "tbf");
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("tc -s qdisc")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("tc -s qdisc show dev eth0")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ip netns exec lab04a tc -s -d qdisc show")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("tc-s-qdisc.B.after.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("tc-s-d-qdisc.A.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/networking/tc_-s_qdisc_show")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("tc-s-j-qdisc.B.after.txt")).isLessThan(50);
        assertThat(parser.nameScore("tc -s -j qdisc")).isLessThan(50);
        assertThat(parser.nameScore("tc -s class show dev eth0")).isZero();
        assertThat(parser.nameScore("tc-netem-loss.C.txt")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/tc-s-qdisc.txt"))).isGreaterThanOrEqualTo(90);
        for (String other : new String[] {
                "fixtures/08-healthy-baseline/tc-s-j-qdisc.txt",
                "fixtures/04-qdisc-drops-veth/tc-netem-loss.C.txt",
                "fixtures/08-healthy-baseline/ip-s-link.txt",
                "fixtures/08-healthy-baseline/proc-net-dev.txt",
                "fixtures/08-healthy-baseline/ifconfig.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
    }
}
