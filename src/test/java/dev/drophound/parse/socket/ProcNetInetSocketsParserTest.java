package dev.drophound.parse.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketTable;
import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetInetSocketsParserTest {

    private final ProcNetInetSocketsParser parser = new ProcNetInetSocketsParser();

    private Parsed parse(String relative) {
        return TestData.parse(parser, TestData.block(relative));
    }

    @Test
    void udp_socket_with_full_buffer_and_drops() {
        Parsed r = parse("fixtures/01-udp-rcvbuf-overflow/proc-net-udp.after.txt");
        SocketEntry s = r.one(SocketEntry.class);
        assertThat(s.protocol()).isEqualTo("udp");
        assertThat(s.local()).isEqualTo(new Endpoint("127.0.0.1", "47001"));
        assertThat(s.remote()).isEqualTo(new Endpoint("0.0.0.0", "*"));
        assertThat(s.state()).isEqualTo("UNCONN");
        assertThat(s.recvQ()).isEqualTo(0x500);
        assertThat(s.sendQ()).isZero();
        assertThat(s.uid()).isZero();
        assertThat(s.inode()).isEqualTo(119456);
        assertThat(s.drops()).isEqualTo(3149);
        assertThat(s.rcvbuf()).isNull();
        assertThat(s.span().firstLine()).isEqualTo(2);
        Counter drops = s.counters().get(0);
        assertThat(drops.value()).isEqualTo(3149);
        assertThat(drops.bits()).isEqualTo(32);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void udp6_loopback() {
        SocketEntry s = parse("fixtures/01-udp-rcvbuf-overflow/proc-net-udp6.after.txt").one(SocketEntry.class);
        assertThat(s.protocol()).isEqualTo("udp6");
        assertThat(s.local()).hasToString("[::1]:47002");
        assertThat(s.remote()).isEqualTo(new Endpoint("::", "*"));
        assertThat(s.drops()).isEqualTo(999);
        assertThat(s.inode()).isEqualTo(118524);
    }

    @Test
    void raw6_drops_grow_over_the_samples_and_port_is_the_ip_protocol() {
        long[] expected = {0, 544, 1344, 2144, 2944, 3744};
        for (int n = 0; n <= 5; n++) {
            Parsed r = parse("fixtures/03-raw-icmpv6-unread/samples/proc-net-raw6.0" + n + ".txt");
            SocketEntry s = r.one(SocketEntry.class);
            assertThat(s.protocol()).isEqualTo("raw6");
            assertThat(s.local()).isEqualTo(new Endpoint("::", "58"));
            assertThat(s.drops()).isEqualTo(expected[n]);
            assertThat(s.recvQ()).isEqualTo(n == 0 ? 0 : 0x34000);
            assertThat(r.diagnostics()).isEmpty();
        }
    }

    @Test
    void syslog_ng_listener_with_queue_full_on_rhel7() {
        List<SocketEntry> all = parse("fixtures/public/sockets/proc-net-udp-syslog-ng-drops-rhel.txt").all(SocketEntry.class);
        assertThat(all).hasSize(9);
        assertThat(all.get(0).uid()).isEqualTo(95);
        assertThat(all.get(1).local()).hasToString("172.16.238.204:123");
        SocketEntry syslog = all.get(7);
        assertThat(syslog.local()).hasToString("0.0.0.0:9002");
        assertThat(syslog.recvQ()).isEqualTo(0x3FFFFFC0L);
        assertThat(syslog.drops()).isEqualTo(1875166813L);
        assertThat(syslog.inode()).isEqualTo(1326199616L);
        assertThat(syslog.span().firstLine()).isEqualTo(9);
    }

    @Test
    void ubuntu_aws_resolver_and_a_connected_socket() {
        List<SocketEntry> all = parse("fixtures/public/sockets/proc-net-udp-ubuntu18.04-aws-5.4.txt").all(SocketEntry.class);
        assertThat(all).hasSize(5);
        assertThat(all.get(0).local()).hasToString("127.0.0.53:53");
        assertThat(all.get(0).uid()).isEqualTo(101);
        SocketEntry connected = all.get(2);
        assertThat(connected.state()).isEqualTo("ESTAB");
        assertThat(connected.local()).hasToString("127.0.0.1:34711");
        assertThat(connected.remote()).hasToString("127.0.0.1:50001");
        assertThat(connected.uid()).isEqualTo(1001);
        assertThat(connected.span().firstLine()).isEqualTo(4);
    }

    @Test
    void tcp_states_queues_and_short_time_wait_rows() {
        Parsed r = parse("captured/sockets/proc-net-tcp.txt");
        List<SocketEntry> all = r.all(SocketEntry.class);
        assertThat(all).extracting(SocketEntry::state)
                .containsExactly("LISTEN", "ESTAB", "TIME-WAIT", "FIN-WAIT-2", "ESTAB", "ESTAB", "CLOSE-WAIT");
        assertThat(all).allMatch(s -> s.protocol().equals("tcp") && s.drops() == null);
        assertThat(all.get(2).inode()).isZero();
        assertThat(all.get(5).recvQ()).isEqualTo(3000);
        assertThat(all.get(5).span().firstLine()).isEqualTo(7);
        assertThat(r.diagnostics()).isEmpty();

        SocketEntry listen = parse("fixtures/08-healthy-baseline/proc-net-tcp.txt").one(SocketEntry.class);
        assertThat(listen.local()).hasToString("0.0.0.0:2024");
        assertThat(listen.state()).isEqualTo("LISTEN");
    }

    @Test
    void tcp6_with_v4_mapped_peer() {
        List<SocketEntry> all = parse("captured/sockets/proc-net-tcp6.txt").all(SocketEntry.class);
        assertThat(all).extracting(s -> s.local().toString())
                .containsExactly("[::]:47102", "[::1]:47102", "[::ffff:127.0.0.1]:47102", "[::1]:44516");
        assertThat(all.get(2).remote()).hasToString("[::ffff:127.0.0.1]:58300");
        assertThat(all).allMatch(s -> s.protocol().equals("tcp6"));
    }

    @Test
    void udp6_documentation_and_link_local_addresses_udplite_and_raw() {
        List<SocketEntry> udp6 = parse("captured/sockets/proc-net-udp6.txt").all(SocketEntry.class);
        assertThat(udp6.get(0).local()).hasToString("[2001:db8::1:0:0:1]:47103");
        assertThat(udp6.get(0).drops()).isEqualTo(49);
        assertThat(udp6.get(1).remote()).hasToString("[2001:db8::1:0:0:1]:47103");
        assertThat(udp6.get(2).local().address()).isEqualTo("fe80::aa:bb:cc:dd");

        SocketEntry lite = parse("captured/sockets/proc-net-udplite.txt").one(SocketEntry.class);
        assertThat(lite.protocol()).isEqualTo("udplite");
        assertThat(lite.local()).hasToString("127.0.0.1:47107");

        SocketEntry icmp = parse("captured/sockets/proc-net-raw.txt").one(SocketEntry.class);
        assertThat(icmp.protocol()).isEqualTo("raw");
        assertThat(icmp.local()).isEqualTo(new Endpoint("0.0.0.0", "1"));
    }

    @Test
    void header_only_says_the_table_was_empty_and_empty_text_gives_nothing() {
        for (String f : List.of("fixtures/02-udp-noport/proc-net-udp.after.txt", "fixtures/02-udp-noport/proc-net-udp6.after.txt",
                "fixtures/08-healthy-baseline/proc-net-raw.txt", "captured/sockets/proc-net-udplite6.txt")) {
            Parsed r = parse(f);
            assertThat(r.all(SocketEntry.class)).as(f).isEmpty();
            // "no such sockets open" is news; "not given" is something else
            assertThat(r.one(SocketTable.class)).as(f).satisfies(t -> {
                assertThat(t.sockets()).isZero();
                assertThat(t.dropsColumn()).isTrue();
                assertThat(t.span().firstLine()).isEqualTo(1);
            });
            assertThat(r.diagnostics()).as(f).isEmpty();
        }
        assertThat(parse("captured/sockets/proc-net-raw.txt").one(SocketTable.class).sockets()).isEqualTo(1);
        Parsed empty = TestData.parse(parser, Block.ofText("proc-net-udp.txt", ""));
        assertThat(empty.facts()).isEmpty();
        assertThat(empty.diagnostics()).isEmpty();
    }

    @Test
    void malformed_rows_are_reported_with_their_line_and_the_rest_kept() {
        String text = TestData.text("fixtures/public/sockets/proc-net-udp-syslog-ng-drops-rhel.txt")
                .replace("1875166813", "x1z");
        Parsed r = TestData.parse(parser, Block.ofText("proc-net-udp-syslog-ng-drops-rhel.txt", text));
        assertThat(r.all(SocketEntry.class)).hasSize(8);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(9);
            assertThat(d.message()).contains("not the hex/decimal number");
        });

        List<String> lines = Block.splitLines(TestData.text("fixtures/public/sockets/proc-net-udp-ubuntu18.04-aws-5.4.txt"));
        String cut = lines.get(2).substring(0, lines.get(2).length() - 20);
        String derived = String.join("\n", lines.get(0), lines.get(1), cut, lines.get(3));
        Parsed c = TestData.parse(parser, Block.ofText("proc-net-udp.txt", derived));
        assertThat(c.all(SocketEntry.class)).hasSize(2);
        assertThat(c.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("expected at least 13 fields");
        });
    }

    @Test
    void protocol_from_a_command_or_an_anonymous_table() {
        // rows grepped out of the table, no header: the command says udp
        List<String> lines = Block.splitLines(TestData.text("fixtures/01-udp-rcvbuf-overflow/proc-net-udp.after.txt"));
        Parsed grepped = TestData.parse(parser, Block.ofCommand("paste.txt", "cat /proc/net/udp | grep B799", lines.get(1)));
        assertThat(grepped.one(SocketEntry.class).protocol()).isEqualTo("udp");
        assertThat(grepped.one(SocketEntry.class).drops()).isEqualTo(3149);

        Parsed anonymous = TestData.parse(parser,
                Block.ofText("paste.txt", TestData.text("fixtures/03-raw-icmpv6-unread/proc-net-raw6.after.txt")));
        assertThat(anonymous.one(SocketEntry.class).protocol()).isEqualTo("inet6");
        assertThat(anonymous.warnings()).singleElement().satisfies(d -> assertThat(d.message()).contains("udp, udplite or raw"));

        Parsed tcp = TestData.parse(parser, Block.ofText("paste.txt", TestData.text("fixtures/08-healthy-baseline/proc-net-tcp.txt")));
        assertThat(tcp.one(SocketEntry.class).protocol()).isEqualTo("tcp");
        assertThat(tcp.warnings()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block("fixtures/01-udp-rcvbuf-overflow/proc-net-udp6.after.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-tcp.txt"))).isGreaterThanOrEqualTo(90);
        for (String other : List.of("fixtures/08-healthy-baseline/netstat-i.txt", "fixtures/08-healthy-baseline/proc-net-dev.txt",
                "fixtures/08-healthy-baseline/proc-net-netlink.txt", "fixtures/08-healthy-baseline/proc-net-packet.txt",
                "fixtures/01-udp-rcvbuf-overflow/ss-uamp.after.txt", "fixtures/08-healthy-baseline/proc-net-stat-arp_cache.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("proc-net-raw6.after.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/net/udp | grep B799")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc/net/tcp6")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/1234/net/udp")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-net-snmp.after.txt")).isZero();
        assertThat(parser.nameScore("proc-net-udp_stats.txt")).isZero();
        assertThat(parser.nameScore("netstat -su")).isZero();
        assertThat(parser.nameScore("cat /proc/net/unix")).isZero();
        assertThat(parser.startsOutput(Block.splitLines(TestData.text("captured/sockets/proc-net-tcp6.txt")).get(0))).isTrue();
    }
}
