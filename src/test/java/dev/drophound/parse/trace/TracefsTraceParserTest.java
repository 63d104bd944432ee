package dev.drophound.parse.trace;

import static dev.drophound.parse.trace.TraceFacts.dropsByReason;
import static dev.drophound.parse.trace.TraceFacts.tally;
import static dev.drophound.parse.trace.TraceFacts.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DropTrace;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tracefs trace of skb:kfree_skb from every fixture that has one. Counts were checked with grep, e.g.
 * {@code grep -c 'reason: SOCKET_RCVBUFF' fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt} = 3998.
 */
class TracefsTraceParserTest {

    private final TracefsTraceParser parser = new TracefsTraceParser();

    private TestData.Parsed clean(Block block) {
        return TestData.parseClean(parser, block);
    }

    private TestData.Parsed clean(String relative) {
        return clean(TestData.block(relative));
    }

    @Test
    void socketReceiveBufferOverflowWithTheDestinationsTheKernelNamed() {
        TestData.Parsed p = clean("fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt");

        DropTrace.Tally v4 = tally(p, "SOCKET_RCVBUFF", "udp_queue_rcv_one_skb");
        assertThat(v4.tool()).isEqualTo("tracefs");
        assertThat(v4.count()).isEqualTo(2999);
        assertThat(v4.protocol()).isEqualTo(2048);
        assertThat(v4.offset()).isEqualTo("+0x437/0x4c0");
        assertThat(v4.where()).isNull();
        assertThat(v4.firstSeconds()).isEqualTo(1665.284688);
        assertThat(v4.lastSeconds()).isEqualTo(1665.297874);
        assertThat(v4.span().firstLine()).isEqualTo(14);
        assertThat(v4.span().lines().get(0).text()).contains("reason: SOCKET_RCVBUFF");
        DropTrace.Tally v6 = tally(p, "SOCKET_RCVBUFF", "udpv6_queue_rcv_one_skb");
        assertThat(v6.count()).isEqualTo(999);
        assertThat(v6.protocol()).isEqualTo(34525);
        assertThat(v6.span().firstLine()).isEqualTo(6012);

        List<DropTrace.Destination> d = p.all(DropTrace.Destination.class);
        assertThat(d).extracting(DropTrace.Destination::address).containsExactly("127.0.0.1:47001", "[::1]:47002");
        assertThat(d).extracting(DropTrace.Destination::count).containsExactly(2999L, 999L);
        assertThat(d).extracting(DropTrace.Destination::family).containsExactly("AF_INET", "AF_INET6");
        assertThat(d).allSatisfy(x -> {
            assertThat(x.event()).isEqualTo("udp_fail_queue_rcv_skb");
            assertThat(x.rc()).isEqualTo(-12);
        });
        assertThat(d.get(0).span().firstLine()).isEqualTo(13);

        DropTrace.Window w = window(p);
        assertThat(w.events()).isEqualTo(7996);
        assertThat(w.drops()).isEqualTo(3998);
        assertThat(w.otherEvents()).isEqualTo(3998);
        assertThat(w.consumed()).isZero();
        assertThat(w.lostEvents()).isZero();
        assertThat(w.firstSeconds()).isEqualTo(1665.284686);
        assertThat(w.lastSeconds()).isEqualTo(1665.339212);
        assertThat(w.span().firstLine()).isEqualTo(3); // the entries-in-buffer/entries-written line
    }

    @Test
    void noSocketWithThePortTheIcmpUnreachableNames() {
        TestData.Parsed p = clean("fixtures/02-udp-noport/trace-kfree_skb.txt");
        assertThat(tally(p, "NO_SOCKET", "__udp4_lib_rcv").count()).isEqualTo(600);
        assertThat(tally(p, "NO_SOCKET", "__udp6_lib_rcv").count()).isEqualTo(600);
        assertThat(p.all(DropTrace.Destination.class)).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("icmp_send");
            assertThat(d.address()).isEqualTo("127.0.0.1:47999");
            assertThat(d.count()).isEqualTo(600);
            assertThat(d.rc()).isNull();
        });
        assertThat(window(p).events()).isEqualTo(1800);
    }

    @Test
    void pingNoiseAndPacketSocketDrops() {
        TestData.Parsed packet = clean("fixtures/03-raw-icmpv6-unread/trace-kfree_skb.packet.txt");
        assertThat(tally(packet, "NO_SOCKET", "ping_rcv").count()).isEqualTo(400);
        DropTrace.Tally ps = tally(packet, "PACKET_SOCK_ERROR", "packet_rcv");
        assertThat(ps.count()).isEqualTo(672);
        assertThat(ps.span().firstLine()).isEqualTo(77);

        TestData.Parsed raw6 = clean("fixtures/03-raw-icmpv6-unread/trace-kfree_skb.raw6.txt");
        assertThat(TraceFacts.tallies(raw6)).singleElement().satisfies(t -> {
            assertThat(t.location()).isEqualTo("ping_rcv");
            assertThat(t.count()).isEqualTo(2000);
        });
    }

    @Test
    void qdiscAndNeighbourDropsAreGroupedByProtocolToo() {
        TestData.Parsed b = clean("fixtures/04-qdisc-drops-veth/trace-kfree_skb.B.txt");
        assertThat(tally(b, "QDISC_DROP", "__dev_queue_xmit").count()).isEqualTo(2993);
        assertThat(tally(b, "NOT_SPECIFIED", "ip6_mc_input").span().firstLine()).isEqualTo(3006);

        TestData.Parsed d = clean("fixtures/04-qdisc-drops-veth/trace-kfree_skb.D.txt");
        List<DropTrace.Tally> qdisc = TraceFacts.tallies(d).stream().filter(t -> "QDISC_DROP".equals(t.reason())).toList();
        assertThat(qdisc).extracting(DropTrace.Tally::protocol).containsExactly(2054, 34525);
        assertThat(qdisc).extracting(DropTrace.Tally::count).containsExactly(3L, 1L);
        assertThat(qdisc.get(1).span().firstLine()).isEqualTo(519);
        assertThat(dropsByReason(d, "NEIGH_QUEUEFULL")).isEqualTo(409);
        assertThat(tally(d, "NEIGH_FAILED", "neigh_invalidate").span().firstLine()).isEqualTo(425);
        assertThat(window(d).drops()).isEqualTo(507);
    }

    @Test
    void backlogDrops() {
        TestData.Parsed one = clean("fixtures/05-softnet-backlog-drops/trace-kfree_skb.1.txt");
        assertThat(tally(one, "CPU_BACKLOG", "enqueue_to_backlog").count()).isEqualTo(312);
        assertThat(tally(one, "NOT_SPECIFIED", "ip6_mc_input").count()).isEqualTo(10);
        TestData.Parsed two = clean("fixtures/05-softnet-backlog-drops/trace-kfree_skb.2.txt");
        assertThat(dropsByReason(two, "CPU_BACKLOG")).isEqualTo(90);
    }

    @Test
    void anIdleTraceGivesOnlyItsWindow() {
        Block block = TestData.block("fixtures/08-healthy-baseline/trace-kfree_skb.idle-10s.txt");
        TestData.Parsed p = clean(block);
        assertThat(p.facts()).singleElement().isInstanceOf(DropTrace.Window.class);
        DropTrace.Window w = window(p);
        assertThat(w.events()).isZero();
        assertThat(w.firstSeconds()).isNull();
        assertThat(w.seconds()).isNull();
        assertThat(w.span().lines().get(0).text()).startsWith("# entries-in-buffer/entries-written: 0/0");
        // a header alone is not much to go on, but with its name the idle trace still reaches this parser
        assertThat(ParserRegistry.standard().route(block)).hasValueSatisfying(c -> assertThat(c.parser().id())
                .isEqualTo("tracefs-trace"));
    }

    @Test
    void consumeSkbIsCountedApartNeverAsADrop() {
        TestData.Parsed p = clean("captured/trace/trace-kfree_skb-consume_skb.txt");
        DropTrace.Window w = window(p);
        // grep -c ': consume_skb: ' = 103, ': kfree_skb: ' = 401, udp_fail 299 + icmp_send 100
        assertThat(w.consumed()).isEqualTo(103);
        assertThat(w.drops()).isEqualTo(401);
        assertThat(w.otherEvents()).isEqualTo(399);
        assertThat(w.events()).isEqualTo(903);
        assertThat(TraceFacts.tallies(p)).extracting(DropTrace.Tally::location).doesNotContain("icmp_rcv",
                "virtio_transport_tx_work");
        assertThat(tally(p, "SOCKET_RCVBUFF", "udp_queue_rcv_one_skb").count()).isEqualTo(299);
        assertThat(tally(p, "NO_SOCKET", "__udp4_lib_rcv").count()).isEqualTo(100);
        assertThat(tally(p, "QUEUE_PURGE", "sk_stream_kill_queues").span().firstLine()).isEqualTo(913);
        DropTrace.Tally vsock = tally(p, "NOT_SPECIFIED", "virtio_transport_recv_pkt");
        assertThat(vsock.protocol()).isZero();
        assertThat(vsock.span().firstLine()).isEqualTo(915);
        assertThat(p.all(DropTrace.Destination.class)).extracting(DropTrace.Destination::address)
                .containsExactly("127.0.0.1:47101", "127.0.0.1:47199");
    }

    @Test
    void eventsTheRingBufferOverwroteAreCounted() {
        TestData.Parsed p = clean("captured/trace/trace-kfree_skb.overwritten.txt");
        // entries-in-buffer/entries-written: 183/18000
        assertThat(window(p).lostEvents()).isEqualTo(18000 - 183);
        assertThat(window(p).events()).isEqualTo(183);
    }

    @Test
    void tracePipeText() {
        Block pipe = TestData.blockWithCommand("captured/trace/trace_pipe-kfree_skb.no-overwrite.txt",
                "timeout 2 cat /sys/kernel/tracing/instances/dhlab-trace-23352/trace_pipe");
        assertThat(parser.contentScore(pipe)).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore(pipe.nameOrCommand())).isGreaterThanOrEqualTo(90);
        TestData.Parsed p = clean(pipe);
        assertThat(tally(p, "SOCKET_RCVBUFF", "udp_queue_rcv_one_skb").count()).isEqualTo(65);
        assertThat(p.all(DropTrace.Destination.class)).singleElement().satisfies(d -> assertThat(d.count()).isEqualTo(65));
        assertThat(window(p).consumed()).isEqualTo(1);
        assertThat(window(p).span().firstLine()).isEqualTo(1);
        // with overwrite off the full buffer dropped the rest of the flood, and the text does not say so
        assertThat(window(p).lostEvents()).isZero();
    }

    @Test
    void aTraceFileCutBelowItsHeaderReadsAsTracePipe() {
        String text = TestData.text("fixtures/02-udp-noport/trace-kfree_skb.txt");
        List<String> lines = Block.splitLines(text);
        Block pipe = Block.ofCommand("stdin", "cat /sys/kernel/tracing/trace_pipe",
                String.join("\n", lines.subList(12, lines.size())));
        assertThat(parser.contentScore(pipe)).isGreaterThanOrEqualTo(90);
        TestData.Parsed p = clean(pipe);
        assertThat(dropsByReason(p, "NO_SOCKET")).isEqualTo(1200);
        assertThat(tally(p, "NO_SOCKET", "__udp4_lib_rcv").span().firstLine()).isEqualTo(2);
        assertThat(window(p).span().firstLine()).isEqualTo(1); // the first event line
    }

    @Test
    void aCutEventLineIsNamedAndTheRestKept() {
        Block real = TestData.block("fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt");
        String line14 = real.line(13);
        Block cutReason = TestData.withLine(real, 13, line14.substring(0, line14.length() - 20)); // "... re"
        Block cutPrefix = TestData.withLine(cutReason, 19, real.line(19).substring(0, 40)); // "...  ..s1.  16"
        TestData.Parsed p = TestData.parse(parser, cutPrefix);
        assertThat(p.warnings()).extracting(d -> d.line()).containsExactly(14, 20);
        assertThat(p.warnings().get(0).message()).contains("unexpected 're'");
        assertThat(p.warnings().get(1).message()).contains("not a whole trace event line");
        DropTrace.Tally v4 = tally(p, "SOCKET_RCVBUFF", "udp_queue_rcv_one_skb");
        assertThat(v4.count()).isEqualTo(2997);
        assertThat(v4.span().firstLine()).isEqualTo(16);
        assertThat(tally(p, "SOCKET_RCVBUFF", "udpv6_queue_rcv_one_skb").count()).isEqualTo(999);
    }

    @Test
    void aBrokenProtocolOrLocationIsMalformed() {
        Block real = TestData.block("fixtures/05-softnet-backlog-drops/trace-kfree_skb.2.txt");
        Block bad = TestData.withLine(real, 12, real.line(12).replace("protocol=2048", "protocol=x1z"));
        bad = TestData.withLine(bad, 13, real.line(13).replace("enqueue_to_backlog+0x153/0x440", "enqueue_to_back"));
        TestData.Parsed p = TestData.parse(parser, bad);
        assertThat(p.warnings()).extracting(d -> d.line()).containsExactly(13, 14);
        assertThat(p.warnings().get(0).message()).contains("protocol is not a number");
        assertThat(p.warnings().get(1).message()).contains("neither symbol+offset nor an address");
        assertThat(dropsByReason(p, "CPU_BACKLOG")).isEqualTo(88);
    }

    @Test
    void onlyTheFirstTenBrokenLinesAreNamed() {
        Block block = TestData.block("fixtures/05-softnet-backlog-drops/trace-kfree_skb.2.txt");
        for (int i = 12; i < 37; i++) {
            block = TestData.withLine(block, i, block.line(i).substring(0, 40));
        }
        TestData.Parsed p = TestData.parse(parser, block);
        assertThat(p.warnings()).hasSize(11); // ten named, the other fifteen in the sink's summary
        assertThat(p.warnings().get(10).message()).contains("15 lines not understood");
        assertThat(dropsByReason(p, "CPU_BACKLOG")).isEqualTo(90 - 25);
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("trace-kfree_skb.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("cat /sys/kernel/tracing/instances/drophound-4711/trace")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("/sys/kernel/tracing/instances/drophound-4711/trace")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /sys/kernel/debug/tracing/trace_pipe > drops.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("trace-kfree_skb.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("trace-kfree_skb.idle-10s.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /sys/kernel/tracing/available_tracers")).isZero();
        assertThat(parser.nameScore("tracefs-available_tracers.txt")).isZero();
        assertThat(parser.nameScore("perf-kfree_skb-script.txt")).isZero();
        assertThat(parser.nameScore("ftrace-function-header-only-6.x.txt")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt")))
                .isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/trace-kfree_skb.idle-10s.txt")))
                .isBetween(20, 60);
        for (String other : new String[] {
                "fixtures/public/slub-ftrace/ftrace-function-tracer-6.x-userfault.txt",
                "fixtures/public/slub-ftrace/ftrace-function-alloc_pages-igb-softirq.txt",
                "fixtures/public/slub-ftrace/ftrace-function_graph-6.x-synchronize_rcu.txt",
                "fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-script.txt",
                "fixtures/08-healthy-baseline/proc-net-snmp.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.startsOutput("# tracer: nop")).isTrue();
        assertThat(parser.startsOutput("# tracer: function")).isFalse();
    }
}
