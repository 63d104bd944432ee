package dev.drophound.parse.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.Source;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.facts.SocketEntry.Owner;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsParserTest {

    private final SsParser parser = new SsParser();

    private Parsed parse(String relative) {
        return TestData.parse(parser, TestData.block(relative));
    }

    private static SocketEntry byLocal(Parsed r, String local) {
        return r.all(SocketEntry.class).stream().filter(s -> s.local().toString().equals(local)).findFirst().orElseThrow();
    }

    @Test
    void udp_v4_and_v6_with_skmem_on_the_tab_line() {
        Parsed r = parse("fixtures/01-udp-rcvbuf-overflow/ss-uamp.after.txt");
        List<SocketEntry> all = r.all(SocketEntry.class);
        assertThat(all).hasSize(2);
        SocketEntry v4 = all.get(0);
        assertThat(v4.protocol()).isEqualTo("udp");
        assertThat(v4.local()).isEqualTo(new Endpoint("127.0.0.1", "47001"));
        assertThat(v4.remote()).isEqualTo(new Endpoint("0.0.0.0", "*"));
        assertThat(v4.state()).isEqualTo("UNCONN");
        assertThat(v4.recvQ()).isEqualTo(1280);
        assertThat(v4.sendQ()).isZero();
        assertThat(v4.drops()).isEqualTo(3149);
        assertThat(v4.rcvbuf()).isEqualTo(2304);
        assertThat(v4.skmem()).containsEntry("r", 1280L).containsEntry("tb", 212992L).containsEntry("bl", 0L).hasSize(9);
        assertThat(v4.owners()).containsExactly(new Owner("python3", 24888, 3));
        assertThat(v4.span().firstLine()).isEqualTo(2);
        assertThat(v4.span().lastLine()).isEqualTo(3);
        assertThat(v4.counters().get(0).bits()).isEqualTo(32);
        SocketEntry v6 = all.get(1);
        assertThat(v6.protocol()).isEqualTo("udp6");
        assertThat(v6.local()).isEqualTo(new Endpoint("::1", "47002"));
        assertThat(v6.remote()).isEqualTo(new Endpoint("::", "*"));
        assertThat(v6.drops()).isEqualTo(999);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void extended_info_gives_the_inode() {
        Parsed r = parse("fixtures/01-udp-rcvbuf-overflow/ss-uanmpe.after.txt");
        assertThat(r.all(SocketEntry.class)).extracting(SocketEntry::inode).containsExactly(119456L, 118524L);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void raw_socket_from_the_proc_fallback_has_no_skmem() {
        for (int n = 1; n <= 5; n++) {
            Parsed r = parse("fixtures/03-raw-icmpv6-unread/samples/ss-wanmp.0" + n + ".txt");
            SocketEntry s = r.one(SocketEntry.class);
            assertThat(s.protocol()).isEqualTo("raw"); // "*" says no family
            assertThat(s.local()).isEqualTo(new Endpoint("*", "58"));
            assertThat(s.remote()).isEqualTo(new Endpoint("*", "*"));
            assertThat(s.recvQ()).isEqualTo(212992);
            assertThat(s.drops()).isNull();
            assertThat(s.skmem()).isEmpty();
            assertThat(s.owners()).containsExactly(new Owner("python3", 25073, 3));
            assertThat(r.diagnostics()).isEmpty();
        }
    }

    @Test
    void packet_sockets_with_skmem_on_the_same_line_and_without_state_column() {
        SocketEntry s = parse("fixtures/03-raw-icmpv6-unread/ss-0anmp.packet-after.txt").one(SocketEntry.class);
        assertThat(s.protocol()).isEqualTo("packet");
        assertThat(s.local()).isEqualTo(new Endpoint("*", "lo"));
        assertThat(s.remote()).isNull();
        assertThat(s.drops()).isEqualTo(1344);
        assertThat(s.rcvbuf()).isEqualTo(212992);
        assertThat(s.span().firstLine()).isEqualTo(2);
        assertThat(s.span().lastLine()).isEqualTo(2);

        Parsed noState = parse("fixtures/03-raw-icmpv6-unread/ss-0.packet-after.txt");
        SocketEntry p = noState.one(SocketEntry.class);
        assertThat(p.state()).isNull();
        assertThat(p.recvQ()).isEqualTo(212992);
        assertThat(p.protocol()).isEqualTo("packet");
        assertThat(noState.diagnostics()).isEmpty();

        List<SocketEntry> captured = parse("captured/sockets/ss-0anmp.txt").all(SocketEntry.class);
        assertThat(captured).extracting(SocketEntry::local).containsExactly(new Endpoint("2048", "dh1"), new Endpoint("*", "*"));
        assertThat(captured.get(1).recvQ()).isEqualTo(12544);
    }

    @Test
    void tcp_listener_of_the_baseline_and_unix_sockets() {
        SocketEntry tcp = parse("fixtures/08-healthy-baseline/ss-tuanmp.txt").one(SocketEntry.class);
        assertThat(tcp.protocol()).isEqualTo("tcp");
        assertThat(tcp.state()).isEqualTo("LISTEN");
        assertThat(tcp.sendQ()).isEqualTo(128);
        assertThat(tcp.rcvbuf()).isEqualTo(131072);
        assertThat(tcp.drops()).isZero();

        List<SocketEntry> unix = parse("fixtures/08-healthy-baseline/ss-xanmp.txt").all(SocketEntry.class);
        assertThat(unix).hasSize(2).allMatch(s -> s.protocol().equals("unix"));
        assertThat(unix.get(0).local()).isEqualTo(new Endpoint("*", "1081"));
        assertThat(unix.get(0).remote()).isEqualTo(new Endpoint("*", "1082"));
        assertThat(unix.get(0).inode()).isEqualTo(1081);
        assertThat(unix.get(1).drops()).isZero();

        SocketEntry named = parse("captured/sockets/ss-xanmp.txt").all(SocketEntry.class).get(0);
        assertThat(named.local().address()).isEqualTo("/tmp/dhlab-u4ztyuf_/sink.sock");
        assertThat(named.recvQ()).isEqualTo(64);
    }

    @Test
    void mixed_listing_with_scopes_devices_and_v4_mapped() {
        Parsed r = parse("captured/sockets/ss-tuwanmp.txt");
        assertThat(r.all(SocketEntry.class)).hasSize(19); // 2 raw, 6 udp, 11 tcp
        SocketEntry linkLocal = byLocal(r, "[fe80::aa:bb:cc:dd%dh0]:47105");
        assertThat(linkLocal.protocol()).isEqualTo("udp6");
        assertThat(byLocal(r, "127.0.0.1%lo:514").protocol()).isEqualTo("udp");
        SocketEntry flooded = byLocal(r, "[2001:db8::1:0:0:1]:47103");
        assertThat(flooded.drops()).isEqualTo(49);
        assertThat(flooded.rcvbuf()).isEqualTo(2304);
        assertThat(byLocal(r, "[::ffff:127.0.0.1]:47108").remote()).isEqualTo(new Endpoint("::ffff:127.0.0.1", "47106"));
        assertThat(byLocal(r, "*:47102").protocol()).isEqualTo("tcp"); // dual-stack listener: ss prints "*"
        assertThat(byLocal(r, "0.0.0.0:1").protocol()).isEqualTo("raw");
        SocketEntry timeWait = byLocal(r, "127.0.0.1:59556");
        assertThat(timeWait.state()).isEqualTo("TIME-WAIT");
        assertThat(timeWait.skmem()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();

        // without -n: service names stay as printed
        assertThat(parse("captured/sockets/ss-uamp.txt").all(SocketEntry.class).get(1).local())
                .isEqualTo(new Endpoint("127.0.0.1%lo", "syslog"));
    }

    @Test
    void tcp_info_lines_and_one_line_output() {
        Parsed r = parse("captured/sockets/ss-tanmpie.txt");
        List<SocketEntry> all = r.all(SocketEntry.class);
        assertThat(all).hasSize(11);
        SocketEntry unread = byLocal(r, "127.0.0.1:47101");
        assertThat(unread.state()).isEqualTo("LISTEN");
        SocketEntry withData = all.stream().filter(s -> s.recvQ() == 3000).findFirst().orElseThrow();
        assertThat(withData.skmem()).containsEntry("r", 3832L);
        assertThat(withData.inode()).isEqualTo(15575);
        assertThat(withData.span().lines()).hasSize(2);
        // ss printed "Failed to find cgroup2 mount" eleven times on stderr before the header
        assertThat(r.diagnostics()).hasSize(11).allMatch(d -> d.level() == Diagnostic.Level.INFO && d.message().contains("cgroup2"));

        Parsed oneLine = parse("captured/sockets/ss-tnmpiO.txt");
        assertThat(oneLine.all(SocketEntry.class)).hasSize(8).allMatch(s -> s.rcvbuf() == 131072L && s.span().lines().size() == 1);
        assertThat(oneLine.diagnostics()).isEmpty();
    }

    @Test
    void all_kinds_with_a_netlink_error_message_first() {
        Parsed r = parse("captured/sockets/ss-an.txt");
        assertThat(r.all(SocketEntry.class)).extracting(SocketEntry::protocol).contains("netlink", "packet", "unix", "raw", "udp",
                "udp6", "tcp", "tcp6");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("RTNETLINK answers: Invalid argument");
        });
    }

    @Test
    void public_captures_old_and_new() {
        Parsed old = parse("fixtures/public/sockets/ss-m-old-iproute-no-drops-field.txt");
        List<SocketEntry> ssh = old.all(SocketEntry.class);
        assertThat(ssh).hasSize(3).allMatch(s -> s.protocol().equals("tcp") && s.drops() == null);
        assertThat(ssh.get(0).local()).isEqualTo(new Endpoint("10.0.2.15", "ssh"));
        assertThat(ssh.get(1).rcvbuf()).isEqualTo(445148);
        assertThat(ssh.get(1).skmem()).doesNotContainKey("d");
        // the author's "..." is not ss output
        assertThat(old.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(8));

        SocketEntry sshd = parse("fixtures/public/sockets/ss-tiepm-centos7.txt").one(SocketEntry.class);
        assertThat(sshd.sendQ()).isEqualTo(36);
        assertThat(sshd.inode()).isEqualTo(40613);
        assertThat(sshd.owners()).containsExactly(new Owner("sshd", 6779, 3));
        assertThat(sshd.skmem()).containsEntry("w", 2304L);
        assertThat(sshd.span().lastLine()).isEqualTo(3);

        Parsed receiver = parse("fixtures/public/sockets/ss-tnpOHoemi-oneline-receiver-d19.txt");
        SocketEntry nc = receiver.one(SocketEntry.class);
        assertThat(nc.protocol()).isEqualTo("tcp"); // no header, no Netid: -t of the file name
        assertThat(nc.drops()).isEqualTo(19);
        assertThat(nc.rcvbuf()).isEqualTo(262144);
        assertThat(nc.inode()).isEqualTo(19894);
        assertThat(receiver.diagnostics()).isEmpty();

        SocketEntry masked = parse("fixtures/public/sockets/ss-uampn-connected-udp-4mb-buffers.txt").one(SocketEntry.class);
        assertThat(masked.protocol()).isEqualTo("udp");
        assertThat(masked.state()).isEqualTo("ESTAB");
        assertThat(masked.local()).isEqualTo(new Endpoint("192.168.x.x", "43672"));
        assertThat(masked.rcvbuf()).isEqualTo(4194304);
    }

    @Test
    void capture_cut_inside_users_keeps_the_socket() {
        Parsed r = parse("fixtures/public/sockets/ss-uamp-ffmpeg-multicast-rtp-d75818.txt");
        SocketEntry s = r.one(SocketEntry.class);
        assertThat(s.recvQ()).isEqualTo(1119285120L);
        assertThat(s.local()).isEqualTo(new Endpoint("225.164.14.100", "20000"));
        assertThat(s.drops()).isEqualTo(75818);
        assertThat(s.rcvbuf()).isEqualTo(1342177280L);
        assertThat(s.owners()).isEmpty();
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("cut off");
        });
    }

    @Test
    void header_only_gives_no_sockets_and_no_warning() {
        for (String f : List.of("fixtures/01-udp-rcvbuf-overflow/ss-nump.after.txt", "fixtures/02-udp-noport/ss-uanmp.after.txt",
                "fixtures/03-raw-icmpv6-unread/ss-w.after.txt", "fixtures/08-healthy-baseline/ss-0anmp.txt")) {
            Parsed r = parse(f);
            assertThat(r.facts()).as(f).isEmpty();
            assertThat(r.diagnostics()).as(f).isEmpty();
        }
        // seed 001: "# while true; do ss -nump; sleep 1; done", the header, a blank line, then the article goes on
        List<String> seed = Block.splitLines(TestData.text("seeds/001_64cba6ed93d5da2f.txt"));
        int header = seed.indexOf("# while true; do ss -nump; sleep 1; done") + 1;
        List<String> lines = seed.subList(header, header + 3);
        Block block = new Block(Source.file("001_64cba6ed93d5da2f.txt"), header + 1, lines, lines,
                "001_64cba6ed93d5da2f.txt", "while true; do ss -nump; sleep 1; done", true);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(90);
        Parsed r = TestData.parse(parser, block);
        assertThat(r.facts()).isEmpty();
        assertThat(r.warnings()).isEmpty();

        Parsed empty = TestData.parse(parser, Block.ofText("ss-uamp.txt", ""));
        assertThat(empty.facts()).isEmpty();
        assertThat(empty.diagnostics()).isEmpty();
    }

    @Test
    void malformed_socket_line_is_reported_and_the_next_kept() {
        String text = TestData.text("fixtures/01-udp-rcvbuf-overflow/ss-uamp.after.txt").replace("UNCONN 1280   0          127",
                "UNCONN x1z   0          127");
        Parsed r = TestData.parse(parser, Block.ofText("ss-uamp.after.txt", text));
        assertThat(r.one(SocketEntry.class).local()).isEqualTo(new Endpoint("::1", "47002"));
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("Recv-Q Send-Q");
        });

        List<String> lines = Block.splitLines(TestData.text("fixtures/01-udp-rcvbuf-overflow/ss-uanmpe.after.txt"));
        String last = lines.get(4);
        String cut = String.join("\n", lines.subList(0, 4)) + "\n" + last.substring(0, last.length() - 10);
        Parsed c = TestData.parse(parser, Block.ofText("ss-uanmpe.after.txt", cut));
        List<SocketEntry> both = c.all(SocketEntry.class);
        assertThat(both).hasSize(2);
        assertThat(both.get(0).drops()).isEqualTo(3149);
        assertThat(both.get(1).drops()).isNull();
        assertThat(both.get(1).inode()).isEqualTo(118524);
        assertThat(c.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(5));
    }

    @Test
    void protocol_from_the_command_or_unknown() {
        List<String> lines = Block.splitLines(TestData.text("captured/sockets/ss-tnH.txt"));
        Parsed byCommand = TestData.parse(parser, Block.ofCommand("paste.txt", "ss -tnH", String.join("\n", lines)));
        assertThat(byCommand.all(SocketEntry.class)).hasSize(8);
        assertThat(byCommand.all(SocketEntry.class).get(0).protocol()).isEqualTo("tcp");
        assertThat(byCommand.all(SocketEntry.class).get(5).protocol()).isEqualTo("tcp6");
        assertThat(byCommand.warnings()).isEmpty();

        Parsed longOption = TestData.parse(parser, Block.ofCommand("paste.txt", "sudo ss --raw -anmp",
                TestData.text("fixtures/03-raw-icmpv6-unread/ss-wanmp.after.txt")));
        assertThat(longOption.one(SocketEntry.class).protocol()).isEqualTo("raw");

        Parsed unknown = TestData.parse(parser, Block.ofText("paste.txt", TestData.text("fixtures/03-raw-icmpv6-unread/ss-wanmp.after.txt")));
        assertThat(unknown.one(SocketEntry.class).protocol()).isEqualTo("inet");
        assertThat(unknown.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("no Netid column");
        });
    }

    @Test
    void scores() {
        for (String own : List.of("fixtures/01-udp-rcvbuf-overflow/ss-nump.after.txt", "fixtures/08-healthy-baseline/ss-xanmp.txt",
                "captured/sockets/ss-tanmpie.txt", "fixtures/02-udp-noport/port-check.txt")) {
            assertThat(parser.contentScore(TestData.block(own))).as(own).isGreaterThanOrEqualTo(90);
        }
        assertThat(parser.contentScore(TestData.block("fixtures/public/sockets/ss-tnpOHoemi-oneline-receiver-d19.txt"))).isBetween(50, 89);
        assertThat(parser.contentScore(TestData.block("captured/sockets/ss-tnH.txt"))).isBetween(50, 89);
        for (String other : List.of("fixtures/08-healthy-baseline/ss-s.txt", "fixtures/08-healthy-baseline/netstat-i.txt",
                "fixtures/08-healthy-baseline/proc-net-dev.txt", "fixtures/01-udp-rcvbuf-overflow/proc-net-udp.after.txt",
                "fixtures/08-healthy-baseline/netstat-st.txt", "fixtures/08-healthy-baseline/proc-net-sockstat.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("while true; do ss -nump; sleep 1; done")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ss -uampn |grep xxx -A 1")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ss-uamp.after.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/networking/ss_-peaonmi")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ss -s")).isLessThan(20);
        assertThat(parser.nameScore("ss-s.txt")).isLessThan(20);
        assertThat(parser.nameScore("netstat -su")).isZero();
        assertThat(parser.nameScore("ssh-config.txt")).isZero();
        assertThat(parser.nameScore("cat /proc/net/udp")).isZero();
        assertThat(parser.startsOutput(Block.splitLines(TestData.text("fixtures/01-udp-rcvbuf-overflow/ss-uamp.after.txt")).get(0))).isTrue();
        assertThat(parser.startsOutput(Block.splitLines(TestData.text("fixtures/08-healthy-baseline/netstat-i.txt")).get(1))).isFalse();
    }
}
