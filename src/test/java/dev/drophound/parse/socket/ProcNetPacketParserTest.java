package dev.drophound.parse.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetPacketParserTest {

    private final ProcNetPacketParser parser = new ProcNetPacketParser();

    private Parsed parse(String relative) {
        return TestData.parse(parser, TestData.block(relative));
    }

    @Test
    void unread_capture_socket_on_lo_has_its_buffer_full() {
        Parsed r = parse("fixtures/03-raw-icmpv6-unread/proc-net-packet.packet-after.txt");
        SocketEntry s = r.one(SocketEntry.class);
        assertThat(s.protocol()).isEqualTo("packet");
        assertThat(s.local()).isEqualTo(new Endpoint("*", "1"));
        assertThat(s.remote()).isNull();
        assertThat(s.recvQ()).isEqualTo(212992);
        assertThat(s.uid()).isZero();
        assertThat(s.inode()).isEqualTo(119993);
        assertThat(s.drops()).isNull();
        assertThat(s.counters()).isEmpty();
        assertThat(s.span().firstLine()).isEqualTo(2);
        assertThat(r.diagnostics()).isEmpty();

        assertThat(parse("fixtures/03-raw-icmpv6-unread/proc-net-packet.packet-before.txt").one(SocketEntry.class).recvQ()).isZero();
    }

    @Test
    void ethertype_bound_and_all_protocols_sockets() {
        List<SocketEntry> all = parse("captured/sockets/proc-net-packet.txt").all(SocketEntry.class);
        assertThat(all).hasSize(2);
        // ss -0anmp of the same capture prints these as [2048]:dh1 and *:*
        assertThat(all.get(0).local()).isEqualTo(new Endpoint("2048", "2"));
        assertThat(all.get(0).inode()).isEqualTo(15595);
        assertThat(all.get(1).local()).isEqualTo(new Endpoint("*", "0"));
        assertThat(all.get(1).recvQ()).isEqualTo(12544);
        assertThat(all.get(1).span().firstLine()).isEqualTo(3);
    }

    @Test
    void header_only_and_empty_give_nothing() {
        Parsed r = parse("fixtures/08-healthy-baseline/proc-net-packet.txt");
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
        Parsed empty = TestData.parse(parser, Block.ofText("proc-net-packet.txt", "\n"));
        assertThat(empty.facts()).isEmpty();
        assertThat(empty.diagnostics()).isEmpty();
    }

    @Test
    void malformed_row_is_reported_and_the_other_kept() {
        String text = TestData.text("captured/sockets/proc-net-packet.txt").replace("12544", "x1z");
        Parsed r = TestData.parse(parser, Block.ofText("proc-net-packet.txt", text));
        assertThat(r.one(SocketEntry.class).inode()).isEqualTo(15595);
        assertThat(r.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(3));

        List<String> lines = Block.splitLines(TestData.text("fixtures/03-raw-icmpv6-unread/proc-net-packet.packet-after.txt"));
        String cut = lines.get(0) + "\n" + lines.get(1).substring(0, 30);
        Parsed c = TestData.parse(parser, Block.ofText("proc-net-packet.txt", cut));
        assertThat(c.facts()).isEmpty();
        assertThat(c.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("expected 9 values");
        });
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-packet.txt"))).isGreaterThanOrEqualTo(90);
        for (String other : List.of("fixtures/08-healthy-baseline/proc-net-netlink.txt", "fixtures/08-healthy-baseline/proc-net-ptype.txt",
                "fixtures/08-healthy-baseline/netstat-i.txt", "fixtures/03-raw-icmpv6-unread/ss-0anmp.packet-after.txt",
                "fixtures/03-raw-icmpv6-unread/proc-net-raw6.after.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("proc-net-packet.packet-after.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/net/packet")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-net-netlink.txt")).isZero();
        assertThat(parser.nameScore("cat /proc/net/ptype")).isZero();
        assertThat(parser.nameScore("ss -0anmp")).isZero();
        assertThat(parser.startsOutput(Block.splitLines(TestData.text("fixtures/08-healthy-baseline/proc-net-packet.txt")).get(0))).isTrue();
        assertThat(parser.startsOutput(Block.splitLines(TestData.text("fixtures/08-healthy-baseline/proc-net-netlink.txt")).get(0))).isFalse();
    }
}
