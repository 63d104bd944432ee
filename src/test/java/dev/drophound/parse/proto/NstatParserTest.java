package dev.drophound.parse.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import org.junit.jupiter.api.Test;

class NstatParserTest {

    private static final String F01 = "fixtures/01-udp-rcvbuf-overflow/";
    private final NstatParser parser = new NstatParser();

    private static ProtocolCounters group(Parsed parsed, String group) {
        return parsed.all(ProtocolCounters.class).stream().filter(p -> p.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + group));
    }

    private static Counter counter(Parsed parsed, String group, String name) {
        return group(parsed, group).counter(name).orElseThrow(() -> new AssertionError(group + " " + name));
    }

    @Test
    void nstatAsz_groupsByLongestPrefix_udpRcvbufRisesBy3149() {
        Parsed before = TestData.parse(parser, TestData.block(F01 + "nstat-asz.before.txt"));
        Parsed after = TestData.parse(parser, TestData.block(F01 + "nstat-asz.after.txt"));

        assertThat(after.diagnostics()).isEmpty();
        assertThat(after.all(ProtocolCounters.class)).extracting(ProtocolCounters::group).containsExactly(
                "Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite", "Ip6", "Icmp6", "Udp6", "UdpLite6",
                "TcpExt", "IpExt", "MPTcpExt");
        Counter rcvbuf = counter(after, "Udp", "RcvbufErrors");
        assertThat(rcvbuf.value()).isEqualTo(201364);
        assertThat(rcvbuf.key()).isEqualTo(ProtocolCounters.key("Udp", "RcvbufErrors"));
        assertThat(rcvbuf.span().where()).isEqualTo("nstat-asz.after.txt line 65");
        assertThat(rcvbuf.value() - counter(before, "Udp", "RcvbufErrors").value()).isEqualTo(3149);

        assertThat(counter(after, "Udp6", "RcvbufErrors").value()).isEqualTo(2997);
        assertThat(counter(after, "Icmp6", "InType1").value()).isEqualTo(1201);
        assertThat(counter(after, "IcmpMsg", "OutType3").value()).isEqualTo(1420);
        assertThat(counter(after, "IpExt", "InOctets").value()).isEqualTo(70699207);
        assertThat(counter(after, "TcpExt", "ListenDrops").span().firstLine()).isEqualTo(196);
        assertThat(group(after, "UdpLite6").counters()).hasSize(8);
        assertThat(group(after, "MPTcpExt").counter("MPCurrEstab")).isEmpty();

        ProtocolCounters udp = group(after, "Udp");
        assertThat(udp.format()).isEqualTo("nstat");
        assertThat(udp.zeroOmitted()).isFalse(); // -z: zeros are printed
        assertThat(udp.span().where()).isEqualTo("nstat-asz.after.txt lines 61-69");
    }

    @Test
    void otherCaptures() {
        Parsed raw6 = TestData.parse(parser, TestData.block("fixtures/03-raw-icmpv6-unread/nstat-asz.after.txt"));
        Parsed baseline = TestData.parse(parser, TestData.blockWithCommand("fixtures/08-healthy-baseline/nstat-asz.txt",
                "nstat -asz"));

        assertThat(raw6.diagnostics()).isEmpty();
        assertThat(counter(raw6, "Icmp6", "InEchos").value()).isEqualTo(6800);
        assertThat(baseline.diagnostics()).isEmpty();
        assertThat(baseline.all(ProtocolCounters.class)).hasSize(13);
    }

    @Test
    void withoutA_valuesAreIncrementsAndSaidSo() {
        Parsed parsed = TestData.parse(parser,
                TestData.blockWithCommand("captured/iproute2/nstat-increments.txt", "nstat"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("increments since its previous run");
        });
        assertThat(counter(parsed, "Udp", "NoPorts").value()).isEqualTo(25);
        assertThat(counter(parsed, "Udp6", "NoPorts").value()).isEqualTo(7);
        assertThat(counter(parsed, "Udp6", "NoPorts").span().firstLine()).isEqualTo(27);
        assertThat(group(parsed, "Udp").zeroOmitted()).isTrue();
    }

    @Test
    void withAButNotZ_totalsWithZerosLeftOut() {
        Parsed parsed = TestData.parse(parser, TestData.blockWithCommand("captured/iproute2/nstat-a.txt", "nstat -a"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(ProtocolCounters.class)).allSatisfy(p -> assertThat(p.zeroOmitted()).isTrue());
        assertThat(group(parsed, "Udp").counter("RcvbufErrors")).isEmpty();
    }

    @Test
    void emptyInput() {
        Parsed parsed = TestData.parse(parser, Block.ofText("nstat.txt", ""));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void valueThatIsNotANumber_isReportedAndTheRestKept() {
        String text = TestData.text(F01 + "nstat-asz.after.txt")
                .replace("UdpRcvbufErrors                 201364", "UdpRcvbufErrors                 x1z");

        Parsed parsed = TestData.parse(parser, Block.ofText("nstat-asz.after.txt", text));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(65);
            assertThat(d.message()).contains("value of UdpRcvbufErrors is not a number");
        });
        assertThat(group(parsed, "Udp").counter("RcvbufErrors")).isEmpty();
        assertThat(counter(parsed, "Udp", "InErrors").value()).isEqualTo(201364);
        assertThat(parsed.all(ProtocolCounters.class)).hasSize(13);
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block(F01 + "nstat-asz.after.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("captured/iproute2/nstat-increments.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp6.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "netstat-su.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-softnet_stat.txt"))).isZero();

        assertThat(parser.nameScore("nstat -asz")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("nstat")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("nstat-asz.after.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/networking/nstat_-zas")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("nstat -j")).isLessThan(50);
        assertThat(parser.nameScore("netstat -su")).isZero();
        assertThat(parser.nameScore("netstat-s.txt")).isZero();
        assertThat(parser.nameScore("proc-net-netstat.txt")).isZero();

        assertThat(parser.startsOutput("#kernel")).isTrue();
        assertThat(parser.startsOutput("UdpRcvbufErrors                 201364             0.0")).isFalse();
    }
}
