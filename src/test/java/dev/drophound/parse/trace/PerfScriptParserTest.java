package dev.drophound.parse.trace;

import static dev.drophound.parse.trace.TraceFacts.dropsByReason;
import static dev.drophound.parse.trace.TraceFacts.tally;
import static dev.drophound.parse.trace.TraceFacts.tallies;
import static dev.drophound.parse.trace.TraceFacts.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DropTrace;
import dev.drophound.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * perf script of skb:kfree_skb: the fixtures' {@code perf record -e skb:kfree_skb -a -g} captures on 6.18, the
 * published examples from 3.10 to 6.16 in fixtures/public/drop-trace, and seed 001's RHEL 8 output. Event counts are
 * {@code grep -c skb:kfree_skb} of each file.
 */
class PerfScriptParserTest {

    private final PerfScriptParser parser = new PerfScriptParser();

    private TestData.Parsed clean(Block block) {
        return TestData.parseClean(parser, block);
    }

    private TestData.Parsed clean(String relative) {
        return clean(TestData.block(relative));
    }

    @Test
    void callStacksGiveWhereTheDropHappened() {
        TestData.Parsed p = clean("fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-script.txt");
        DropTrace.Tally t = tally(p, "SOCKET_RCVBUFF", "udp_queue_rcv_one_skb");
        assertThat(t.tool()).isEqualTo("perf");
        assertThat(t.count()).isEqualTo(150);
        assertThat(t.offset()).isEqualTo("+0x437");
        assertThat(t.protocol()).isEqualTo(2048);
        // sk_skb_reason_drop, the freeing itself, is skipped
        assertThat(t.where()).isEqualTo("udp_queue_rcv_one_skb < udp_unicast_rcv_skb < ip_protocol_deliver_rcu");
        assertThat(t.span().firstLine()).isEqualTo(1);
        assertThat(t.firstSeconds()).isEqualTo(1667.506109);
        assertThat(window(p).events()).isEqualTo(150);

        TestData.Parsed noport = clean("fixtures/02-udp-noport/perf-kfree_skb-script.txt");
        assertThat(tally(noport, "NO_SOCKET", "__udp4_lib_rcv").count()).isEqualTo(60);
    }

    @Test
    void severalKindsInOneRecording() {
        TestData.Parsed b = clean("fixtures/04-qdisc-drops-veth/perf-kfree_skb.B-script.txt");
        assertThat(tally(b, "NOT_SPECIFIED", "ip6_mc_input").count()).isEqualTo(2);
        assertThat(tally(b, "NO_SOCKET", "__udp4_lib_rcv").span().firstLine()).isEqualTo(15);
        DropTrace.Tally q = tally(b, "QDISC_DROP", "__dev_queue_xmit");
        assertThat(q.count()).isEqualTo(94);
        assertThat(q.span().firstLine()).isEqualTo(39);
        assertThat(q.where()).startsWith("__dev_queue_xmit < ip_finish_output2");
        assertThat(window(b).drops()).isEqualTo(100);

        TestData.Parsed backlog = clean("fixtures/05-softnet-backlog-drops/perf-kfree_skb.1-script.txt");
        assertThat(tally(backlog, "CPU_BACKLOG", "enqueue_to_backlog").where())
                .isEqualTo("enqueue_to_backlog < netif_rx_internal < __netif_rx");
        assertThat(dropsByReason(backlog, "CPU_BACKLOG")).isEqualTo(714);
        assertThat(tally(backlog, "NOT_SPECIFIED", "ip6_mc_input").span().firstLine()).isEqualTo(13567);
    }

    @Test
    void publishedOutputsFromOtherKernels() {
        String dir = "fixtures/public/drop-trace/";
        TestData.Parsed cake = clean(dir + "perf-script-kfree_skb-6.13-cake-qdisc-reasons.txt");
        assertThat(tallies(cake)).extracting(DropTrace.Tally::reason).containsExactly("QDISC_OVERLIMIT", "QDISC_CONGESTED");
        assertThat(tally(cake, "QDISC_CONGESTED", "cake_dequeue").protocol()).isEqualTo(34525);

        TestData.Parsed can = clean(dir + "perf-script-kfree_skb-6.16-can-socket-rcvbuf.txt");
        assertThat(tally(can, "SOCKET_RCVBUF", "raw_rcv").protocol()).isEqualTo(12);

        // 6.3: a reason but no rx_sk= yet
        TestData.Parsed pktgen = clean(dir + "perf-script-kfree_skb-6.3-pktgen-qdisc-drop.txt");
        assertThat(tally(pktgen, "QDISC_DROP", "kfree_skb_list_reason").offset()).isEqualTo("+0x1e");

        TestData.Parsed bnxt = clean(dir + "perf-script-kfree_skb-6.4-bnxt-not-specified.txt");
        assertThat(tally(bnxt, "NOT_SPECIFIED", "dev_kfree_skb_any_reason").count()).isEqualTo(5);
        assertThat(window(bnxt).lastSeconds()).isEqualTo(12814.562166);

        TestData.Parsed fq = clean(dir + "perf-script-kfree_skb-6.x-fq-flow-limit-rx_sk.txt");
        assertThat(dropsByReason(fq, "FQ_DROP_FLOW_LIMIT")).isEqualTo(5);
    }

    @Test
    void oldKernelsGiveOnlyAnAddressAndTheStackNamesTheSite() {
        String dir = "fixtures/public/drop-trace/";
        TestData.Parsed centos = clean(dir + "perf-script-kfree_skb-centos7-no-reason-callchain.txt");
        DropTrace.Tally c = tallies(centos).get(0);
        assertThat(c.reason()).isNull();
        assertThat(c.location()).isEqualTo("0xffffffff8175a05c");
        assertThat(c.offset()).isNull();
        assertThat(c.protocol()).isZero();
        assertThat(c.where()).isEqualTo("unix_stream_connect < SYSC_connect < sys_connect");
        assertThat(c.site()).isEqualTo("unix_stream_connect");

        // frames without +0x offsets, and the event line indented
        TestData.Parsed bpf = clean(dir + "perf-script-kfree_skb-4.10-bpf-clone-redirect.txt");
        assertThat(tallies(bpf).get(0).where()).isEqualTo("bpf_clone_redirect < bpf_prog_8227addf251b7543 < cls_bpf_classify");
        assertThat(tallies(bpf).get(0).site()).isEqualTo("bpf_clone_redirect");
    }

    @Test
    void seed001PerfScriptSection() {
        Block section = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "perf script");
        TestData.Parsed p = clean(section);
        DropTrace.Tally t = tallies(p).get(0);
        assertThat(t.location()).isEqualTo("0xffffffffb14b0ee7");
        assertThat(t.span().firstLine()).isEqualTo(397);
        // the two kfree_skb+0x73 frames are the freeing itself
        assertThat(t.where()).startsWith("__udp4_lib_rcv < ip_protocol_deliver_rcu");
        assertThat(t.site()).isEqualTo("__udp4_lib_rcv");
    }

    @Test
    void aCutFrameOrEventLineIsNamedAndTheRestKept() {
        Block real = TestData.block("fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-script.txt");
        Block bad = TestData.withLine(real, 1, real.line(1).substring(0, 28)); // "\tffffffff81e44fd0 sk_skb_rea"
        bad = TestData.withLine(bad, 25, real.line(25).substring(0, 30)); // the second event, cut in its time
        TestData.Parsed p = TestData.parse(parser, bad);
        assertThat(p.warnings()).extracting(d -> d.line()).containsExactly(2, 26);
        assertThat(p.warnings().get(0).message()).contains("not a whole stack frame line");
        assertThat(p.warnings().get(1).message()).contains("not a whole perf script event line");
        DropTrace.Tally t = tally(p, "SOCKET_RCVBUFF", "udp_queue_rcv_one_skb");
        assertThat(t.count()).isEqualTo(149);
        assertThat(t.where()).startsWith("udp_queue_rcv_one_skb <");
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("perf-script.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("perf script")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("perf script -i /srv/lab/01-udp-rcvbuf-overflow/_scratch/perf.data")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("perf-kfree_skb-script.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("perf-kfree_skb.B-script.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("perf-script-kfree_skb-6.13-cake-qdisc-reasons.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("perf record -a -g -e skb:kfree_skb sleep 10")).isZero();
        assertThat(parser.nameScore("perf-kfree_skb-report.txt")).isZero();
        assertThat(parser.nameScore("udp_flood.perf.txt")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-script.txt")))
                .isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/public/drop-trace/perf-script-kfree_skb-4.10-bpf-clone-redirect.txt")))
                .isGreaterThanOrEqualTo(90);
        for (String other : new String[] {
                "fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt",
                "fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-report.txt",
                "fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-record.txt",
                "fixtures/08-healthy-baseline/perf-list-skb.txt",
                "fixtures/public/slub-ftrace/ftrace-function-alloc_pages-igb-softirq.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
    }
}
