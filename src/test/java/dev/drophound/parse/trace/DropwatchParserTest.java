package dev.drophound.parse.trace;

import static dev.drophound.parse.trace.TraceFacts.tally;
import static dev.drophound.parse.trace.TraceFacts.tallies;
import static dev.drophound.parse.trace.TraceFacts.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.DropTrace;
import dev.drophound.testing.TestData;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** dropwatch -l kas: seed 001 (RHEL 8, dropwatch 1.5), the published summaries and packet alerts, and 6.18 without NET_DM. */
class DropwatchParserTest {

    private final DropwatchParser parser = new DropwatchParser();
    private static final String DIR = "fixtures/public/drop-trace/";

    private TestData.Parsed clean(Block block) {
        return TestData.parseClean(parser, block);
    }

    @Test
    void seed001OneDropAtUdpReceive() {
        Block section = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "dropwatch -l kas");
        TestData.Parsed p = clean(section);
        DropTrace.Tally t = tally(p, null, "__udp4_lib_rcv");
        assertThat(t.tool()).isEqualTo("dropwatch");
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.offset()).isEqualTo("+207"); // hex without 0x: perf shows the same site as +0x207
        assertThat(t.protocol()).isNull();
        assertThat(t.firstSeconds()).isNull();
        assertThat(t.span().firstLine()).isEqualTo(318);
        assertThat(window(p).drops()).isEqualTo(1);

        // the author's notes (<< 1. ...) left on the lines do not hurt
        TestData.Parsed annotated = clean(TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt",
                "dropwatch -l kas", 1));
        assertThat(tally(annotated, null, "__udp4_lib_rcv").count()).isEqualTo(1);
    }

    @Test
    void summaryLinesAreSummedPerLocation() {
        TestData.Parsed old = clean(TestData.block(DIR + "dropwatch-old-summary-no-origin-tag.txt"));
        DropTrace.Tally kill = tally(old, null, "sk_stream_kill_queues");
        assertThat(kill.count()).isEqualTo(1 + 3 + 2 + 2);
        assertThat(kill.span().firstLine()).isEqualTo(1);
        assertThat(tally(old, null, "__brk_limit").offset()).isEqualTo("+1de1308c"); // an unresolved module address
        assertThat(tallies(old)).hasSize(6);
        assertThat(window(old).events()).isEqualTo(10);
        assertThat(window(old).drops()).isEqualTo(15);

        TestData.Parsed goflow = clean(TestData.block(DIR + "dropwatch-summary-module-symbol-goflow2.txt"));
        assertThat(tally(goflow, null, "__init_scratch_end").count()).isEqualTo(149); // awk '{s+=$1}' of its lines
        assertThat(tally(goflow, null, "skb_queue_purge_reason").count()).isEqualTo(12);
        assertThat(tally(goflow, null, "__init_scratch_end").span().firstLine()).isEqualTo(5);

        TestData.Parsed tx = clean(TestData.block(DIR + "dropwatch-summary-net_tx_action-2022.txt"));
        assertThat(tally(tx, null, "net_tx_action").count()).isEqualTo(18);
    }

    @Test
    void packetAlertModeKeepsProtocolAndTime() {
        TestData.Parsed p = clean(TestData.block(DIR + "dropwatch-packet-alertmode-2022.txt"));
        DropTrace.Tally t = tally(p, null, "ip_rcv_finish_core.isra.0");
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.offset()).isEqualTo("+0x1de/0x440");
        assertThat(t.protocol()).isEqualTo(2048);
        assertThat(t.span().firstLine()).isEqualTo(3);
        double at = LocalDateTime.of(2022, 12, 22, 13, 14, 21).toEpochSecond(ZoneOffset.UTC);
        assertThat(t.firstSeconds()).isCloseTo(at + 0.005165840, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(t.lastSeconds()).isCloseTo(at + 0.005166271, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void withoutTheDropMonitorItIsAToolMessageAndNoTrace() {
        TestData.Parsed p = TestData.parse(parser, TestData.block("fixtures/01-udp-rcvbuf-overflow/dropwatch-l-kas.txt"));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).startsWith("dropwatch: Unable to find NET_DM family");
        });
    }

    @Test
    void aGarbledDropLineIsNamedAndTheRestKept() {
        Block real = TestData.block(DIR + "dropwatch-old-summary-no-origin-tag.txt");
        Block bad = TestData.withLine(real, 1, real.line(1).replace("1 drops", "x1z drops"));
        bad = TestData.withLine(bad, 5, real.line(5).substring(0, 40)); // "3 drops at sk_stream_kill_queues+50 (0xf"
        TestData.Parsed p = TestData.parse(parser, bad);
        assertThat(p.warnings()).extracting(d -> d.line()).containsExactly(2, 6);
        assertThat(tally(p, null, "sk_stream_kill_queues").count()).isEqualTo(5);
        assertThat(tally(p, null, "tcp_v4_rcv").count()).isEqualTo(1);

        Block alert = TestData.block(DIR + "dropwatch-packet-alertmode-2022.txt");
        Block cut = TestData.withLine(alert, 10, alert.line(10).substring(0, 25)); // "drop at: ip_rcv_finish_co"
        TestData.Parsed q = TestData.parse(parser, cut);
        assertThat(q.warnings()).extracting(d -> d.line()).containsExactly(11); // its field lines go with it
        assertThat(tally(q, null, "ip_rcv_finish_core.isra.0").count()).isEqualTo(1);
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("dropwatch.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("dropwatch -l kas")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("(echo start; sleep 3; echo stop; echo exit) | timeout 15 dropwatch -l kas"))
                .isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("dropwatch-l-kas.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("dnf install dropwatch -y")).isZero();
        assertThat(parser.nameScore("perf script")).isZero();

        for (String own : new String[] {DIR + "dropwatch-old-summary-no-origin-tag.txt",
                DIR + "dropwatch-packet-alertmode-2022.txt", DIR + "dropwatch-summary-net_tx_action-2022.txt",
                "fixtures/08-healthy-baseline/dropwatch-l-kas.txt"}) {
            assertThat(parser.contentScore(TestData.block(own))).as(own).isGreaterThanOrEqualTo(90);
        }
        for (String other : new String[] {"fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt",
                "fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-script.txt",
                "fixtures/08-healthy-baseline/proc-net-snmp.txt", "fixtures/08-healthy-baseline/netstat-s.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
    }
}
