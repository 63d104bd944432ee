package dev.drophound.parse.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SockstatLine;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SockstatParserTest {

    private final SockstatParser parser = new SockstatParser();

    private Parsed parse(String relative) {
        return TestData.parse(parser, TestData.block(relative));
    }

    private static SockstatLine line(Parsed r, String protocol) {
        return r.all(SockstatLine.class).stream().filter(l -> l.protocol().equals(protocol)).findFirst().orElseThrow();
    }

    @Test
    void sockstat_one_fact_per_line() {
        Parsed r = parse("fixtures/01-udp-rcvbuf-overflow/proc-net-sockstat.after.txt");
        assertThat(r.all(SockstatLine.class)).extracting(SockstatLine::protocol)
                .containsExactly("sockets", "TCP", "UDP", "UDPLITE", "RAW", "FRAG");
        assertThat(line(r, "sockets").field("used")).hasValue(13);
        SockstatLine tcp = line(r, "TCP");
        assertThat(tcp.fields()).containsOnlyKeys("inuse", "orphan", "tw", "alloc", "mem");
        assertThat(tcp.field("alloc")).hasValue(1);
        SockstatLine udp = line(r, "UDP");
        assertThat(udp.field("mem")).hasValue(253);
        assertThat(udp.span().firstLine()).isEqualTo(3);
        assertThat(line(r, "FRAG").field("memory")).hasValue(0);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void other_samples() {
        assertThat(line(parse("fixtures/09-kernel-memory-growth-netns/proc-net-sockstat.plateau.txt"), "UDP").field("mem")).hasValue(439);
        Parsed captured = parse("captured/sockets/proc-net-sockstat.txt");
        assertThat(line(captured, "TCP").field("mem")).hasValue(222);
        assertThat(line(captured, "TCP").field("tw")).hasValue(1);
        assertThat(line(parse("fixtures/08-healthy-baseline/proc-net-sockstat.after-10s.txt"), "sockets").field("used")).hasValue(12);
    }

    @Test
    void sockstat6() {
        Parsed r = parse("fixtures/03-raw-icmpv6-unread/proc-net-sockstat6.after.txt");
        assertThat(r.all(SockstatLine.class)).extracting(SockstatLine::protocol)
                .containsExactly("TCP6", "UDP6", "UDPLITE6", "RAW6", "FRAG6");
        SockstatLine raw6 = line(r, "RAW6");
        assertThat(raw6.field("inuse")).hasValue(1);
        assertThat(raw6.span().firstLine()).isEqualTo(4);
        assertThat(line(parse("captured/sockets/proc-net-sockstat6.txt"), "UDP6").field("inuse")).hasValue(4);
        assertThat(line(parse("fixtures/08-healthy-baseline/proc-net-sockstat6.txt"), "TCP6").field("inuse")).hasValue(0);
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-net-sockstat.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void malformed_line_is_reported_and_the_others_kept() {
        String text = TestData.text("fixtures/01-udp-rcvbuf-overflow/proc-net-sockstat.after.txt").replace("mem 253", "mem x1z");
        Parsed r = TestData.parse(parser, Block.ofText("proc-net-sockstat.txt", text));
        assertThat(r.all(SockstatLine.class)).hasSize(5).noneMatch(l -> l.protocol().equals("UDP"));
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("\"mem\" is not followed by a number");
        });
    }

    @Test
    void trailing_annotation_is_ignored() {
        String text = TestData.text("fixtures/01-udp-rcvbuf-overflow/proc-net-sockstat.after.txt")
                .replace("mem 253", "mem 253  <<ココ");
        Parsed r = TestData.parse(parser, Block.ofText("proc-net-sockstat.txt", text));
        assertThat(line(r, "UDP").fields()).containsOnlyKeys("inuse", "mem");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-sockstat.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-sockstat6.txt"))).isGreaterThanOrEqualTo(90);
        for (String other : List.of("fixtures/08-healthy-baseline/ss-s.txt", "fixtures/08-healthy-baseline/proc-net-snmp.txt",
                "fixtures/08-healthy-baseline/netstat-st.txt", "fixtures/08-healthy-baseline/netstat-i.txt",
                "fixtures/08-healthy-baseline/proc-net-dev.txt", "fixtures/08-healthy-baseline/proc-net-protocols.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("proc-net-sockstat6.before.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/net/sockstat")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ss -s")).isZero();
        assertThat(parser.nameScore("ss-s.txt")).isZero();
        assertThat(parser.nameScore("proc-net-snmp.txt")).isZero();
        assertThat(parser.startsOutput(firstLine("fixtures/01-udp-rcvbuf-overflow/proc-net-sockstat.after.txt"))).isTrue();
        assertThat(parser.startsOutput(firstLine("fixtures/08-healthy-baseline/ss-s.txt"))).isFalse();
    }

    private static String firstLine(String relative) {
        return Block.splitLines(TestData.text(relative)).get(0);
    }
}
