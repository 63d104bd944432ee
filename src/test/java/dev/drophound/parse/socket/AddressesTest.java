package dev.drophound.parse.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

    /** The local_address tokens (second column) of the rows of a /proc/net socket table. */
    private static List<String> localTokens(String relative) {
        List<String> out = new ArrayList<>();
        for (String line : Block.splitLines(TestData.text(relative))) {
            String[] t = line.strip().split("\\s+");
            if (t[0].matches("\\d+:")) {
                out.add(t[1]);
            }
        }
        return out;
    }

    @Test
    void ipv4_words_are_little_endian_and_ports_hex() {
        assertThat(localTokens("fixtures/01-udp-rcvbuf-overflow/proc-net-udp.after.txt")).containsExactly("0100007F:B799");
        assertThat(Addresses.procEndpoint("0100007F:B799")).isEqualTo(new Endpoint("127.0.0.1", "47001"));

        List<String> aws = localTokens("fixtures/public/sockets/proc-net-udp-ubuntu18.04-aws-5.4.txt");
        assertThat(Addresses.procEndpoint(aws.get(0))).hasToString("127.0.0.53:53");
        assertThat(Addresses.procEndpoint(aws.get(1))).hasToString("172.31.10.56:68");

        List<String> rhel = localTokens("fixtures/public/sockets/proc-net-udp-syslog-ng-drops-rhel.txt");
        assertThat(Addresses.procEndpoint(rhel.get(1))).hasToString("172.16.238.204:123");
        assertThat(Addresses.procEndpoint(rhel.get(7))).hasToString("0.0.0.0:9002");
    }

    @Test
    void ipv6_is_four_little_endian_words_then_rfc5952() {
        assertThat(Addresses.procEndpoint(localTokens("fixtures/01-udp-rcvbuf-overflow/proc-net-udp6.after.txt").get(0)))
                .isEqualTo(new Endpoint("::1", "47002"));
        assertThat(Addresses.procEndpoint(localTokens("fixtures/03-raw-icmpv6-unread/proc-net-raw6.after.txt").get(0)))
                .isEqualTo(new Endpoint("::", "58"));

        // the same sockets as ss printed them in the same capture (captured/sockets/ss-uanmpeO.txt)
        List<String> printed = localTokens("captured/sockets/proc-net-udp6.txt").stream()
                .map(t -> Addresses.procEndpoint(t).toString()).toList();
        assertThat(printed).containsExactly("[2001:db8::1:0:0:1]:47103", "[2001:db8:0:1:1:1:1:1]:47104",
                "[fe80::aa:bb:cc:dd]:47105", "[::ffff:127.0.0.1]:47108");
        String ss = TestData.text("captured/sockets/ss-uanmpeO.txt");
        assertThat(ss).contains("[2001:db8::1:0:0:1]:47103", "[2001:db8:0:1:1:1:1:1]:47104", "[fe80::aa:bb:cc:dd]%dh0:47105",
                "[::ffff:127.0.0.1]:47108");
    }

    @Test
    void port_zero_is_a_star_as_ss_prints_it() {
        assertThat(Addresses.procEndpoint("00000000:0000")).isEqualTo(new Endpoint("0.0.0.0", "*"));
        assertThat(TestData.text("fixtures/01-udp-rcvbuf-overflow/ss-uamp.after.txt")).contains("0.0.0.0:*", "[::]:*");
    }

    @Test
    void normalise_keeps_what_ss_printed_and_what_is_not_ipv6() {
        for (String a : List.of("2001:db8::1:0:0:1", "2001:db8:0:1:1:1:1:1", "fe80::aa:bb:cc:dd", "::1", "::",
                "::ffff:127.0.0.1", "127.0.0.1", "*", "192.168.x.x")) {
            assertThat(Addresses.normalise(a)).isEqualTo(a);
        }
        assertThat(Addresses.isIpv6("fe80::aa:bb:cc:dd%dh0")).isTrue();
        assertThat(Addresses.isIpv6("127.0.0.1%lo")).isFalse();
        assertThat(Addresses.isIpv6("*")).isFalse();
    }

    @Test
    void rejects_what_is_not_an_address() {
        assertThat(Addresses.procEndpoint("0100007F")).isNull();
        assertThat(Addresses.procEndpoint("0100x07F:B799")).isNull();
        assertThat(Addresses.procIpv6("0000000000000000FFFF00000100007")).isNull();
    }
}
