package dev.drophound.parse.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.PmdRxq;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PmdRxqShowParserTest {

    private static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    private static final String CAP = "captured/ovs/";
    private final PmdRxqShowParser parser = new PmdRxqShowParser();

    @Test
    void pmdWithNoQueueAfterThePortLeftTheDatapath() {
        PmdRxq q = TestData.parseClean(parser, TestData.block(F06 + "ovs-appctl-dpif-netdev-pmd-rxq-show.c.mtu9000.txt"))
                .one(PmdRxq.class);
        assertThat(q.numa()).isZero();
        assertThat(q.core()).isEqualTo(1);
        assertThat(q.isolated()).isFalse();
        assertThat(q.port()).isNull();
        assertThat(q.queue()).isNull();
        assertThat(q.enabled()).isNull();
        assertThat(q.usagePercent()).isNull();
        assertThat(q.span().lines()).extracting(Span.Line::number).containsExactly(2, 3);
    }

    @Test
    void twoQueuesOfOnePort() {
        List<PmdRxq> queues = TestData.parseClean(parser, TestData.blockWithCommand(
                CAP + "ovs-appctl-dpif-netdev-pmd-rxq-show.after-12s.txt",
                "timeout 30 ovs-appctl -t /tmp/drophound-ovs-capture/run/vswitchd.ctl dpif-netdev/pmd-rxq-show"))
                .all(PmdRxq.class);
        assertThat(queues).hasSize(2);
        assertThat(queues).extracting(PmdRxq::queue).containsExactly(0, 1);
        assertThat(queues).allSatisfy(q -> {
            assertThat(q.port()).isEqualTo("dpdk0");
            assertThat(q.numa()).isZero();
            assertThat(q.core()).isEqualTo(1);
            assertThat(q.isolated()).isFalse();
            assertThat(q.enabled()).isTrue();
            assertThat(q.usagePercent()).isZero();
        });
        assertThat(queues.get(1).span().lines()).extracting(Span.Line::number).containsExactly(2, 5);
        assertThat(queues.get(1).span().lines().get(1).text())
                .isEqualTo("  port: dpdk0             queue-id:  1 (enabled)   pmd usage:  0 %");
    }

    @Test
    void usageNotAvailableYetIsNull() {
        List<PmdRxq> queues = TestData.parseClean(parser, TestData.block(CAP + "ovs-appctl-dpif-netdev-pmd-rxq-show.txt"))
                .all(PmdRxq.class);
        assertThat(queues).hasSize(2).allSatisfy(q -> {
            assertThat(q.usagePercent()).isNull();
            assertThat(q.enabled()).isTrue();
        });
    }

    @Test
    void noDaemonIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block(CAP + "ovs-appctl-dpif-netdev-pmd-rxq-show.no-daemon.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).hasSize(2).allSatisfy(d -> assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO));
        assertThat(parsed.diagnostics().get(0).line()).isEqualTo(1);
        assertThat(parsed.diagnostics().get(1).message())
                .isEqualTo("pmd-rxq-show: ovs-appctl: cannot connect to \"/tmp/drophound-ovs-capture/run/vswitchd.ctl\" (No such file or directory)");
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("x.txt", "ovs-appctl dpif-netdev/pmd-rxq-show", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void aPortLineWithABrokenNumberIsMalformedAndTheOtherQueueKept() {
        Block real = TestData.block(CAP + "ovs-appctl-dpif-netdev-pmd-rxq-show.after-12s.txt");
        String line = real.line(3);
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 3, line.replace("pmd usage:  0 %", "pmd usage: x1z %")));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("pmd usage is not a number");
        });
        assertThat(parsed.one(PmdRxq.class).queue()).isEqualTo(1);

        // a port line without the queue state (as older OVS printed it) is not guessed at
        TestData.Parsed other = TestData.parse(parser, TestData.withLine(real, 3, line.replace(" (enabled)", "")));
        assertThat(other.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("port line not in the layout");
        });
        assertThat(other.one(PmdRxq.class).queue()).isEqualTo(1);
    }

    @Test
    void aBrokenPmdHeaderIsMalformedAndItsQueuesNotKept() {
        Block real = TestData.block(CAP + "ovs-appctl-dpif-netdev-pmd-rxq-show.after-12s.txt");
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 1, "pmd thread numa_id 0 core_id x1z:"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("numa_id or core_id is not a number");
        });
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ovs-appctl dpif-netdev/pmd-rxq-show")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-appctl-dpif-netdev-pmd-rxq-show.c.mtu9000.txt")).isEqualTo(85);
        assertThat(parser.nameScore("sos_commands/openvswitch/ovs-appctl_dpif-netdev.pmd-rxq-show")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-appctl dpif-netdev/pmd-stats-show")).isZero();
        assertThat(parser.nameScore("ovs-appctl-dpctl-show.c.mtu9000.txt")).isZero();

        assertThat(parser.contentScore(TestData.block(F06 + "ovs-appctl-dpif-netdev-pmd-rxq-show.c.mtu9000.txt"))).isEqualTo(95);
        assertThat(parser.startsOutput("Displaying last 60 seconds pmd usage %")).isTrue();
        assertThat(parser.startsOutput("pmd thread numa_id 0 core_id 1:")).isFalse();
        for (String other : List.of(F06 + "ovs-appctl-dpctl-show.c.mtu9000.txt", F06 + "vlog-list.c.txt",
                F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt", F06 + "ovs-appctl-memory-show.c.mtu1500.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
    }
}
