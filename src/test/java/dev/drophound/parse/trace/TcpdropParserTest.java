package dev.drophound.parse.trace;

import static dev.drophound.parse.trace.TraceFacts.tally;
import static dev.drophound.parse.trace.TraceFacts.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.DropTrace;
import dev.drophound.testing.TestData;
import org.junit.jupiter.api.Test;

/** bcc tcpdrop, the 2018 (tcp_drop kprobe, no reason) and 2025 (kfree_skb tracepoint, reason) examples. */
class TcpdropParserTest {

    private final TcpdropParser parser = new TcpdropParser();
    private static final String DIR = "fixtures/public/drop-trace/";

    @Test
    void withoutReasonTheFirstFrameAfterTcpDropIsTheLocation() {
        TestData.Parsed p = TestData.parse(parser, TestData.block(DIR + "bcc-tcpdrop-2018-ena-4.x.txt"));
        DropTrace.Tally t = tally(p, null, "tcp_v4_do_rcv");
        assertThat(t.tool()).isEqualTo("tcpdrop");
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.offset()).isEqualTo("+0x135");
        assertThat(t.protocol()).isEqualTo(2048);
        assertThat(t.where()).isEqualTo("tcp_v4_do_rcv < tcp_v4_rcv < ip_local_deliver_finish");
        assertThat(t.span().firstLine()).isEqualTo(3);
        assertThat(t.firstSeconds()).isEqualTo(20 * 3600 + 49 * 60 + 6.0);
        assertThat(t.lastSeconds()).isEqualTo(20 * 3600 + 49 * 60 + 50.0);
        assertThat(window(p).span().firstLine()).isEqualTo(2);
        // the file goes on with "# ./tcpdrop.py -h" and the help text
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(46);
            assertThat(d.message()).contains("help text");
        });
    }

    @Test
    void withReasonAndQuotedFrames() {
        TestData.Parsed p = TestData.parse(parser, TestData.block(DIR + "bcc-tcpdrop-2025-reason-arm64.txt"));
        assertThat(p.diagnostics()).isEmpty();
        DropTrace.Tally t = tally(p, "NETFILTER_DROP", "nft_do_chain");
        assertThat(t.offset()).isEqualTo("+0x93c");
        assertThat(t.where()).isEqualTo("nft_do_chain < nft_do_chain_ipv4 < nf_hook_slow");
        assertThat(window(p).drops()).isEqualTo(1);
    }

    @Test
    void aCutRecordLineIsNamedWithItsStack() {
        Block real = TestData.block(DIR + "bcc-tcpdrop-2018-ena-4.x.txt");
        Block bad = TestData.withLine(real, 33, real.line(33).substring(0, 30)); // "20:49:50 12431  4  127.0.0.1:8"
        TestData.Parsed p = TestData.parse(parser, bad);
        assertThat(p.warnings()).extracting(d -> d.line()).containsExactly(34);
        assertThat(tally(p, null, "tcp_v4_do_rcv").count()).isEqualTo(1);
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("tcpdrop.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("/usr/share/bcc/tools/tcpdrop")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("tcpdrop-bpfcc")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("bcc-tcpdrop-2018-ena-4.x.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("./tcpdrop.py -h")).isZero();
        assertThat(parser.nameScore("dropwatch -l kas")).isZero();

        assertThat(parser.contentScore(TestData.block(DIR + "bcc-tcpdrop-2018-ena-4.x.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(DIR + "bcc-tcpdrop-2025-reason-arm64.txt"))).isGreaterThanOrEqualTo(90);
        for (String other : new String[] {DIR + "dropwatch-old-summary-no-origin-tag.txt",
                "fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-script.txt",
                "fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.startsOutput(TestData.block(DIR + "bcc-tcpdrop-2025-reason-arm64.txt").line(1))).isTrue();
    }
}
