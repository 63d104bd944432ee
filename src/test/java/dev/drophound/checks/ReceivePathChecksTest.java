package dev.drophound.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each receive-path check on real outputs that make it fire (mostly the published captures in
 * testdata/fixtures/public, single samples) and on the healthy baseline where it must stay quiet.
 * The fixture scenarios with before/after pairs are in FixtureVerdictsTest.
 */
class ReceivePathChecksTest {

    @TempDir
    Path dir;

    /** Analyses real files copied under the given names (names carry the interface or the command). */
    private Analysis analyze(Map<String, String> namedFiles) throws IOException {
        for (Map.Entry<String, String> e : namedFiles.entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(TestData.path(e.getValue()), target);
        }
        return Analyzer.standard().analyzePaths(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]));
    }

    private static List<Finding> found(Analysis a, String id) {
        return a.findings().stream().filter(f -> f.id().equals(id) && f.severity() != Severity.OK).toList();
    }

    private static List<Finding> ok(Analysis a, String id) {
        return a.findings().stream().filter(f -> f.id().equals(id) && f.severity() == Severity.OK).toList();
    }

    private static Analysis healthy() {
        return Analyzer.standard().analyzePaths(List.of(TestData.path("fixtures/08-healthy-baseline").toString()),
                new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void ringOverflowGivesTheRingSizeFixWithItsPersistentFormsAndCost() throws IOException {
        // a bnxt_en capture with rx_stat_discard 49337 and a ring of 200 of 2047; two real outputs from different
        // hosts, joined under one interface name to exercise the remediation
        Analysis a = analyze(Map.of("ethtool-S.eth2.txt", "fixtures/public/ethtool/bnxt_en-2024-rx_discards.txt",
                "ethtool-g.eth2.txt", "fixtures/public/ethtool/g-eth2-rhel-insights.txt"));
        Finding f = found(a, "nic.rx-ring-overflow").get(0);
        assertThat(f.summary()).contains("eth2").contains("rx_stat_discard 49,337 since boot");
        assertThat(f.remediation().get(0).command()).isEqualTo("ethtool -G eth2 rx 2047");
        assertThat(f.remediation().get(0).persistent()).contains("ethtool.ring-rx 2047").contains("RxBufferSize=2047")
                .contains("RUN+=\"/usr/sbin/ethtool -G eth2 rx 2047\"");
        assertThat(f.remediation().get(0).cost()).contains("latency");
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("rx_stat_discard: 49337"));
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).startsWith("RX:").contains("200"));
    }

    @Test
    void nicBufferOverflowAndXdpDropsOnMlx5() throws IOException {
        Analysis a = analyze(Map.of("ethtool-S.ens1f0.txt", "fixtures/public/ethtool/mlx5_core-5.15-xdp-rx_discards_phy.txt"));
        Finding ring = found(a, "nic.rx-ring-overflow").get(0);
        assertThat(ring.summary()).contains("rx_discards_phy 58,591,428,329");
        assertThat(ring.nextSteps()).anySatisfy(s -> assertThat(s).contains("flow control (ethtool -a ens1f0)"));
        assertThat(found(a, "nic.policy-drops")).anySatisfy(f -> assertThat(f.summary()).contains("rx_xdp_drop")
                .contains("XDP program dropped these on purpose"));
    }

    @Test
    void crcErrorsAreMalformedFramesNotABufferProblem() throws IOException {
        Analysis a = analyze(Map.of("ethtool-S.eth1.txt", "fixtures/public/ethtool/ixgbe-ubuntu12.04-rx_errors-watch.txt"));
        Finding f = found(a, "frames.link-errors").get(0);
        assertThat(f.summary()).contains("rx_crc_errors 11,547");
        assertThat(f.explanation()).contains("cable").contains("Buffers and sysctls do not help");
        assertThat(ok(healthy(), "frames.link-errors")).isNotEmpty();
    }

    @Test
    void backlogDropsInOneSampleAreJudgedAgainstWhatEachCpuProcessed() throws IOException {
        Analysis a = analyze(Map.of("proc-net-softnet_stat.txt", "fixtures/public/softnet/rhel6-7-10col.txt"));
        Finding f = found(a, "backlog.softnet-drops").get(0);
        assertThat(f.summary()).contains("CPU0 18 (woken by RPS 5 times); CPU1 255 (woken by RPS 6 times); CPU3 1")
                .contains("since boot or the last counter reset");
        assertThat(f.confidenceReason()).contains("one sample");
        assertThat(ok(healthy(), "backlog.softnet-drops")).isNotEmpty();
    }

    @Test
    void timeSqueezeOnEveryCpuIsInformation() throws IOException {
        Analysis a = analyze(Map.of("proc-net-softnet_stat.txt", "fixtures/public/softnet/ubuntu-5.4-lxd-11col.txt"));
        Finding f = found(a, "backlog.time-squeeze").get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.remediation().get(0).command()).startsWith("sysctl -w net.core.netdev_budget=");
        assertThat(ok(healthy(), "backlog.time-squeeze")).isNotEmpty();
    }

    @Test
    void udpInErrorsBeyondBufferErrorsAreSomethingElse() throws IOException {
        Analysis a = analyze(Map.of("proc-net-snmp.txt", "fixtures/public/snmp/proc-net-snmp-rhel6-td-agent-udp-errors.txt"));
        Finding other = found(a, "udp.inerrors-other").get(0);
        assertThat(other.summary()).contains("InErrors 275,584,595").contains("271,157,055 are neither");
        assertThat(other.explanation()).contains("socket filter");
        assertThat(found(a, "udp.rcvbuf-overflow")).singleElement()
                .satisfies(f -> assertThat(f.loss().packets()).isEqualTo(4_427_540L));
        assertThat(ok(healthy(), "udp.inerrors-other")).isNotEmpty();
    }

    @Test
    void listenQueueOverflowFromNetstatS() throws IOException {
        Analysis a = analyze(Map.of("netstat-s.txt", "fixtures/public/snmp/netstat-s-ubuntu9.10-2.6.31-listen-overflow.txt"));
        assertThat(found(a, "tcp.listen-overflow")).anySatisfy(f -> {
            assertThat(f.summary()).contains("ListenOverflows 56");
            assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).isEqualTo("sysctl -w net.core.somaxconn=4096"));
        });
    }

    @Test
    void tcpReceiveQueuePruningFromProcNetNetstat() throws IOException {
        Analysis a = analyze(Map.of("proc-net-netstat.txt", "fixtures/public/snmp/proc-net-netstat-6.12-tcpao-mptcp.txt"));
        assertThat(found(a, "tcp.receive-queue-drops")).anySatisfy(f -> assertThat(f.summary()).contains("PruneCalled 1,050"));
        assertThat(ok(healthy(), "tcp.receive-queue-drops")).isNotEmpty();
    }

    @Test
    void ipAddressErrorsAreReported() throws IOException {
        Analysis a = analyze(Map.of("proc-net-snmp.txt", "fixtures/public/snmp/proc-net-snmp-ubuntu5.4.txt"));
        assertThat(found(a, "ip.input-discards")).anySatisfy(f -> assertThat(f.summary()).contains("Ip InAddrErrors 32"));
        assertThat(found(a, "egress.send-errors")).anySatisfy(f -> assertThat(f.summary()).contains("Ip OutDiscards 46"));
    }

    @Test
    void aSocketWithAFullQueueAndLifetimeDropsInOneSample() throws IOException {
        Analysis a = analyze(Map.of("proc-net-udp.txt", "fixtures/public/sockets/proc-net-udp-syslog-ng-drops-rhel.txt"));
        Finding f = found(a, "socket.drops").get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.socket().localPort()).isEqualTo("9002");
        assertThat(f.socket().drops()).isEqualTo(1_875_166_813L);
        assertThat(f.socket().recvQ()).isEqualTo(0x3FFFFFC0L);
    }

    @Test
    void udpMemoryPressureAgainstUdpMem() throws IOException {
        // fixture 01's sockstat (UDP mem 253 pages) with its udp_mem line lowered below that: derived from real lines
        Files.writeString(dir.resolve("sysctl-udp-mem.txt"),
                TestData.text("fixtures/01-udp-rcvbuf-overflow/sysctl-rmem.txt")
                        .replace("575799\t767734\t1151598", "100\t200\t300"));
        Analysis a = analyze(Map.of("proc-net-sockstat.txt", "fixtures/01-udp-rcvbuf-overflow/proc-net-sockstat.after.txt"));
        Finding f = found(a, "socket.memory-pressure").get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).contains("253 pages").contains("pressure threshold 200");
        assertThat(ok(healthy(), "socket.memory-pressure")).isNotEmpty();
    }

    @Test
    void oneCpuDoingAllReceiveWorkInSeed001() {
        Analysis a = Analyzer.standard().analyzePaths(List.of(TestData.path("seeds/001_64cba6ed93d5da2f.txt").toString()),
                new ByteArrayInputStream(new byte[0]));
        assertThat(found(a, "backlog.cpu-imbalance")).singleElement().satisfies(f -> {
            assertThat(f.summary()).startsWith("CPU3 processed 99.96% of the 70,544,187 frames received since boot");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
        });
        assertThat(found(a, "frames.checksum-errors")).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("Udp InCsumErrors 3"));
    }

    @Test
    void quietHostQdiscsAndSockets() {
        Analysis a = healthy();
        assertThat(ok(a, "egress.qdisc-drops")).singleElement().satisfies(f -> assertThat(f.summary()).contains("2 qdiscs"));
        assertThat(ok(a, "socket.drops")).isNotEmpty();
        assertThat(ok(a, "nic.rx-ring-overflow")).isNotEmpty();
    }

    @Test
    void driverBufferAllocationFailures() throws IOException {
        // the real i40e capture has rx_alloc_fail 0 (quiet); the same text with that line set to 12 must fire
        Analysis quiet = analyze(Map.of("ethtool-S.ens2f0.txt", "fixtures/public/ethtool/i40e-rhel8-4.18-sfp.txt"));
        assertThat(ok(quiet, "nic.rx-alloc-failures")).isNotEmpty();

        Files.writeString(dir.resolve("ethtool-S.ens2f1.txt"), TestData.text("fixtures/public/ethtool/i40e-rhel8-4.18-sfp.txt")
                .replace("     rx_alloc_fail: 0", "     rx_alloc_fail: 12"));
        Analysis a = Analyzer.standard().analyzePaths(List.of(dir.resolve("ethtool-S.ens2f1.txt").toString()),
                new ByteArrayInputStream(new byte[0]));
        assertThat(found(a, "nic.rx-alloc-failures")).singleElement().satisfies(f -> {
            assertThat(f.summary()).contains("ens2f1").contains("rx_alloc_fail 12");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(22));
        });
    }

    @Test
    void xdpCountersThatStayAtZeroAreFine() throws IOException {
        Analysis a = analyze(Map.of("ethtool-S.ens3.txt", "fixtures/public/ethtool/virtio_net-ens3-ubuntu5.4.txt"));
        assertThat(found(a, "nic.policy-drops")).isEmpty();
        assertThat(ok(a, "nic.policy-drops")).isNotEmpty();
    }
}
