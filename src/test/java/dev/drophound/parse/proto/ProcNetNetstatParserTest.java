package dev.drophound.parse.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetNetstatParserTest {

    private static final String F01 = "fixtures/01-udp-rcvbuf-overflow/";
    private final ProcNetNetstatParser parser = new ProcNetNetstatParser();

    private static ProtocolCounters group(Parsed parsed, String group) {
        return parsed.all(ProtocolCounters.class).stream().filter(p -> p.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + group));
    }

    private static long value(Parsed parsed, String group, String name) {
        return group(parsed, group).counter(name).orElseThrow(() -> new AssertionError(group + " " + name))
                .value();
    }

    @Test
    void kernel618_tcpExtIpExtAndMptcp() {
        Parsed parsed = TestData.parse(parser, TestData.block(F01 + "proc-net-netstat.after.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("TcpExt", "IpExt", "MPTcpExt");
        ProtocolCounters tcpExt = group(parsed, "TcpExt");
        assertThat(tcpExt.format()).isEqualTo("proc-net-netstat");
        assertThat(tcpExt.zeroOmitted()).isFalse();
        assertThat(tcpExt.counters()).hasSize(135);
        assertThat(tcpExt.counters()).extracting(Counter::name)
                .contains("ListenOverflows", "ListenDrops", "PruneCalled", "TCPBacklogDrop", "TCPRcvQDrop");
        assertThat(value(parsed, "TcpExt", "ListenDrops")).isZero();
        assertThat(value(parsed, "TcpExt", "TCPRcvCoalesce")).isEqualTo(568);
        assertThat(tcpExt.counter("ListenDrops").orElseThrow().key()).isEqualTo(ProtocolCounters.key("TcpExt", "ListenDrops"));

        Counter inOctets = group(parsed, "IpExt").counter("InOctets").orElseThrow();
        assertThat(inOctets.value()).isEqualTo(70699207L);
        assertThat(inOctets.span().where()).isEqualTo("proc-net-netstat.after.txt lines 3-4");
        // MPCurrEstab is a gauge: 76 columns, 75 counters
        assertThat(group(parsed, "MPTcpExt").counters()).hasSize(75);
        assertThat(group(parsed, "MPTcpExt").counter("MPCurrEstab")).isEmpty();
    }

    @Test
    void kernel612_tcpAoColumnsAndReceivePruning() {
        Parsed parsed = TestData.parse(parser,
                TestData.block("fixtures/public/snmp/proc-net-netstat-6.12-tcpao-mptcp.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(value(parsed, "TcpExt", "TCPTimeouts")).isEqualTo(58359);
        assertThat(value(parsed, "TcpExt", "PruneCalled")).isEqualTo(1050);
        assertThat(value(parsed, "TcpExt", "TCPOFODrop")).isZero();
        assertThat(group(parsed, "TcpExt").counter("TCPAODroppedIcmps")).isPresent();
        assertThat(value(parsed, "IpExt", "InOctets")).isEqualTo(49809079466L);
        assertThat(group(parsed, "MPTcpExt").counter("Blackhole")).isPresent();
    }

    @Test
    void ubuntu54_withoutMptcp() {
        Parsed parsed = TestData.parse(parser, TestData.block("fixtures/public/snmp/proc-net-netstat-ubuntu5.4.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("TcpExt", "IpExt");
        assertThat(value(parsed, "TcpExt", "ListenOverflows")).isZero();
        assertThat(value(parsed, "TcpExt", "TCPTimeouts")).isEqualTo(3);
        assertThat(value(parsed, "IpExt", "InOctets")).isEqualTo(792635547L);
    }

    @Test
    void baselineHasNoProblems() {
        Parsed parsed = TestData.parse(parser, TestData.block("fixtures/08-healthy-baseline/proc-net-netstat.txt"));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.all(ProtocolCounters.class)).hasSize(3);
    }

    @Test
    void emptyInput() {
        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-netstat.txt", "\n\n"));

        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void cutTcpExtValueLine_isReportedAndTheOtherGroupsKept() {
        List<String> lines = Block.splitLines(TestData.text(F01 + "proc-net-netstat.after.txt"));
        String cut = lines.get(1).substring(0, lines.get(1).length() - 40);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == 1 ? cut : lines.get(i)).append('\n');
        }

        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-netstat.after.txt", text.toString()));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("expected 135 values after the TcpExt header (line 1)");
        });
        assertThat(parsed.all(ProtocolCounters.class)).extracting(ProtocolCounters::group)
                .containsExactly("IpExt", "MPTcpExt");
    }

    @Test
    void headerWithoutValues_atTheEndOfACutFile() {
        List<String> lines = Block.splitLines(TestData.text(F01 + "proc-net-netstat.after.txt"));
        String text = String.join("\n", lines.subList(0, 5)) + "\n";

        Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-netstat.after.txt", text));

        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(5);
            assertThat(d.message()).contains("MPTcpExt header without a value line");
        });
        assertThat(parsed.all(ProtocolCounters.class)).hasSize(2);
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-netstat.after.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/public/snmp/proc-net-netstat-ubuntu5.4.txt")))
                .isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(F01 + "proc-net-snmp.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "netstat-su.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block(F01 + "nstat-asz.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/netstat-s.txt"))).isZero();

        assertThat(parser.nameScore("proc-net-netstat.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("proc/net/netstat")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/net/netstat")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/1/net/netstat")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("netstat -s")).isZero();
        assertThat(parser.nameScore("sos_commands/networking/netstat_-s")).isZero();
        assertThat(parser.nameScore("cat /proc/net/snmp")).isZero();

        assertThat(parser.startsOutput(Block.splitLines(TestData.text(F01 + "proc-net-netstat.after.txt")).get(0)))
                .isTrue();
    }
}
