package dev.drophound.parse.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import org.junit.jupiter.api.Test;

class ProcNetSnmp6ParserTest {

    private static final String F01 = "fixtures/01-udp-rcvbuf-overflow/";
    private final ProcNetSnmp6Parser parser = new ProcNetSnmp6Parser();

    private static ProtocolCounters group(Parsed parsed, String group) {
        return parsed.all(ProtocolCounters.class).stream().filter(p -> p.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + group));
    }

    private static long value(Parsed parsed, String group, String name) {
        return group(parsed, group).counter(name).orElseThrow(() -> new AssertionError(group + " " + name))
                .value();
    }

    @Test
    void udp6ReceiveBufferErrors() {
        Parsed before = TestData.parse(parser, TestData.block(F01 + "proc-net-snmp6.before.txt"));
        Parsed after = TestData.parse(parser, TestData.block(F01 + "proc-net-snmp6.after.txt"));

        assertThat(after.diagnostics()).isEmpty();
        assertThat(after.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("Ip6", "Icmp6", "Udp6", "UdpLite6");
        assertThat(value(after, "Udp6", "RcvbufErrors")).isEqualTo(2997);
        assertThat(value(before, "Udp6", "RcvbufErrors")).isEqualTo(1998);
        assertThat(value(after, "Udp6", "RcvbufErrors") - value(before, "Udp6", "RcvbufErrors")).isEqualTo(999);

        Counter rcvbuf = group(after, "Udp6").counter("RcvbufErrors").orElseThrow();
        assertThat(rcvbuf.key()).isEqualTo(ProtocolCounters.key("Udp6", "RcvbufErrors"));
        assertThat(rcvbuf.span().where()).isEqualTo("proc-net-snmp6.after.txt line 82");
        assertThat(group(after, "Udp6").counters()).hasSize(9);
        assertThat(group(after, "Udp6").span().where()).isEqualTo("proc-net-snmp6.after.txt lines 78-86");
        assertThat(group(after, "Udp6").format()).isEqualTo("proc-net-snmp6");
        assertThat(value(after, "Ip6", "InReceives")).isEqualTo(15001);
        assertThat(value(after, "Icmp6", "InType1")).isEqualTo(1201);
        assertThat(group(after, "Icmp6").counter("InType1").orElseThrow().span().firstLine()).isEqualTo(70);
    }

    @Test
    void rawIcmpv6Scenario() {
        Parsed parsed = TestData.parse(parser, TestData.block("fixtures/03-raw-icmpv6-unread/proc-net-snmp6.after.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(parsed, "Icmp6", "InEchos")).isEqualTo(6800);
        assertThat(value(parsed, "Icmp6", "InType128")).isEqualTo(6800);
        assertThat(value(parsed, "Ip6", "OutDiscards")).isEqualTo(600);
        assertThat(value(parsed, "Udp6", "NoPorts")).isEqualTo(1800);
    }

    @Test
    void otherCaptures() {
        Parsed noPort = TestData.parse(parser, TestData.block("fixtures/02-udp-noport/proc-net-snmp6.after.txt"));
        Parsed baseline = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/proc-net-snmp6.txt"));

        assertThat(noPort.diagnostics()).isEmpty();
        assertThat(baseline.diagnostics()).isEmpty();
        assertThat(baseline.all(ProtocolCounters.class)).hasSize(4);
        assertThat(group(baseline, "UdpLite6").counters()).hasSize(8);
    }

    @Test
    void emptyInput() {
        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-snmp6.txt", ""));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void valueThatIsNotANumber_andACutLastLine() {
        String text = TestData.text(F01 + "proc-net-snmp6.after.txt")
                .replace("Udp6RcvbufErrors                \t2997", "Udp6RcvbufErrors                \tx1z");
        text = text.substring(0, text.length() - 2); // "UdpLite6MemErrors ... \t0\n" loses its value

        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-snmp6.after.txt", text));

        assertThat(parsed.warnings()).hasSize(2);
        assertThat(parsed.warnings().get(0).line()).isEqualTo(82);
        assertThat(parsed.warnings().get(0).message()).contains("value of Udp6RcvbufErrors is not a number");
        assertThat(parsed.warnings().get(1).line()).isEqualTo(94);
        assertThat(group(parsed, "Udp6").counters()).hasSize(8);
        assertThat(value(parsed, "Udp6", "InErrors")).isEqualTo(2997);
        assertThat(group(parsed, "UdpLite6").counters()).hasSize(7);
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp6.after.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(F01 + "nstat-asz.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("captured/net-tools/netstat-s-6.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-softnet_stat.txt"))).isZero();

        assertThat(parser.nameScore("proc-net-snmp6.after.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/net/snmp6")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("proc/net/snmp6")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/net/snmp")).isZero();
        assertThat(parser.nameScore("proc-net-snmp.after.txt")).isZero();
        assertThat(parser.nameScore("cat /proc/net/dev_snmp6/eth0")).isZero();
        assertThat(parser.nameScore("nstat -asz")).isZero();

        assertThat(parser.startsOutput(Block.splitLines(TestData.text(F01 + "proc-net-snmp6.after.txt")).get(0))).isTrue();
        assertThat(parser.startsOutput("Udp6RcvbufErrors                \t2997")).isFalse();
    }

    @Test
    void aPerInterfaceFileIsNotTheHostsCounters() {
        // the Sectioner cuts /proc/net/dev_snmp6/IF after its ifIndex line, where Ip6InReceives starts an output;
        // the rest looks like snmp6 but counts one interface only
        String text = TestData.text("captured/procfs/proc-net-dev_snmp6-lo.txt");
        var sectioner = new dev.drophound.evidence.Sectioner(new dev.drophound.parse.ParserRegistry(
                java.util.List.of(parser))::startsAnyOutput);
        for (String name : java.util.List.of("proc/net/dev_snmp6/lo", "proc-net-dev_snmp6-lo.txt")) {
            var blocks = sectioner.split(dev.drophound.evidence.Source.file(name), name, text);
            assertThat(blocks).as(name).hasSize(2);
            assertThat(blocks).as(name).allSatisfy(b -> assertThat(parser.contentScore(b)).isZero());
        }
        // the host's file under a name that mentions it keeps its score
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp6.after.txt"))).isEqualTo(95);
    }
}
