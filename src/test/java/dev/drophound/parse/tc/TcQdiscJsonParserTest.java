package dev.drophound.parse.tc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.QdiscStats;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcQdiscJsonParserTest {

    private final TcQdiscJsonParser parser = new TcQdiscJsonParser();

    private List<QdiscStats> qdiscs(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.all(QdiscStats.class);
    }

    @Test
    void oneLineArrayQuotesEachObject() {
        Block block = TestData.blockWithCommand("fixtures/04-qdisc-drops-veth/tc-s-j-qdisc.B.after.txt",
                "tc -s -j qdisc show dev v04a");
        List<QdiscStats> q = qdiscs(block);
        assertThat(q).hasSize(2);
        QdiscStats tbf = q.get(0);
        assertThat(tbf.entity()).isEqualTo("v04a 1: tbf");
        assertThat(tbf.parent()).isEqualTo("root");
        assertThat(tbf.dropped()).isEqualTo(3087);
        assertThat(tbf.overlimits()).isEqualTo(3116);
        assertThat(tbf.sentBytes()).isEqualTo(13658);
        assertThat(tbf.backlogBytes()).isZero();
        assertThat(tbf.backlogPackets()).isZero();
        QdiscStats pfifo = q.get(1);
        assertThat(pfifo.entity()).isEqualTo("v04a 10: pfifo");
        assertThat(pfifo.parent()).isEqualTo("1:1");
        assertThat(pfifo.dropped()).isEqualTo(3087);

        String line = block.raw().get(0);
        String tbfText = tbf.span().lines().get(0).text();
        String pfifoText = pfifo.span().lines().get(0).text();
        assertThat(tbf.span().firstLine()).isEqualTo(1);
        assertThat(tbfText).startsWith("{\"kind\":\"tbf\"").endsWith("\"qlen\":0}");
        assertThat(pfifoText).startsWith("{\"kind\":\"pfifo\"").endsWith("\"qlen\":0}");
        assertThat(line).isEqualTo("[" + tbfText + "," + pfifoText + "]");
    }

    @Test
    void devicesFromTheJson() {
        List<QdiscStats> q = qdiscs(TestData.block("fixtures/08-healthy-baseline/tc-s-j-qdisc.txt"));
        assertThat(q).extracting(QdiscStats::entity).containsExactly("lo 0: noqueue", "eth0 0: pfifo_fast");
        assertThat(q.get(1).sentPackets()).isEqualTo(1487);
        assertThat(qdiscs(TestData.block("fixtures/04-qdisc-drops-veth/tc-s-j-qdisc.A.after.txt")).get(0).device())
                .isEqualTo("?");
    }

    @Test
    void prettyPrintedObjectsQuoteTheirLines() {
        List<QdiscStats> q = qdiscs(TestData.block("captured/tc/tc-s-j-p-qdisc.mq-ingress.txt"));
        assertThat(q).extracting(QdiscStats::entity)
                .containsExactly("lo 0: noqueue", "dhvA 8003: mq", "dhvA 0: pfifo_fast", "dhvA ffff: ingress");
        assertThat(q.get(0).span().firstLine()).isEqualTo(1);
        assertThat(q.get(0).span().lastLine()).isEqualTo(15);
        assertThat(q.get(2).parent()).isEqualTo("8003:1");
        assertThat(q.get(2).sentBytes()).isEqualTo(496);
        assertThat(q.get(1).span().firstLine()).isEqualTo(15);
        assertThat(q.get(2).span().firstLine()).isEqualTo(28);
        assertThat(q.get(3).span().lastLine()).isEqualTo(58);
    }

    @Test
    void backlogAndQlen() {
        List<QdiscStats> q = qdiscs(TestData.blockWithCommand("captured/tc/tc-s-j-qdisc.htb-backlog.txt",
                "tc -s -j qdisc show dev dhvA"));
        assertThat(q.get(0).entity()).isEqualTo("dhvA 1: htb");
        assertThat(q.get(0).backlogBytes()).isEqualTo(5120);
        assertThat(q.get(0).backlogPackets()).isEqualTo(5);
        assertThat(q.get(1).dropped()).isEqualTo(13);
    }

    @Test
    void cannotFindDeviceIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.blockWithCommand("captured/tc/tc-s-j-qdisc.nosuch.txt",
                "tc -s -j qdisc show dev nosuch"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("Cannot find device \"nosuch\"");
        });
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("tc-s-j-qdisc.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void truncatedJsonKeepsTheObjectsBeforeTheBreak() {
        String text = TestData.text("fixtures/04-qdisc-drops-veth/tc-s-j-qdisc.B.after.txt");
        String cut = text.substring(0, text.length() - 40);
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("tc-s-j-qdisc.B.after.txt", cut));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("broken JSON");
        });
        assertThat(parsed.all(QdiscStats.class)).singleElement()
                .satisfies(q -> assertThat(q.kind()).isEqualTo("tbf"));
    }

    @Test
    void nonNumericStatisticLosesOnlyItsQdisc() {
        String text = TestData.text("captured/tc/tc-s-j-p-qdisc.mq-ingress.txt")
                .replaceFirst("\"bytes\": 496,", "\"bytes\": \"x1z\",");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("tc-s-j-p-qdisc.txt", text));
        // the mq object (lines 15-28) is the first with 496 bytes
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(15);
            assertThat(d.message()).contains("non-numeric");
        });
        assertThat(parsed.all(QdiscStats.class)).extracting(QdiscStats::kind)
                .containsExactly("noqueue", "pfifo_fast", "ingress");
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("tc -s -j qdisc")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("tc -s -j qdisc show dev v04a")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("tc -j -s -p qdisc")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("tc-s-j-qdisc.B.after.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("tc -s qdisc")).isZero();
        assertThat(parser.nameScore("tc-s-qdisc.txt")).isZero();
        assertThat(parser.nameScore("ip -j -s link")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/tc-s-j-qdisc.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("captured/tc/tc-s-j-p-qdisc.mq-ingress.txt"))).isGreaterThanOrEqualTo(90);
        for (String other : new String[] {
                "fixtures/08-healthy-baseline/ip-j-s-link.txt",
                "fixtures/04-qdisc-drops-veth/ip-s-j-link.B.after.txt",
                "fixtures/08-healthy-baseline/tc-s-qdisc.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
    }
}
