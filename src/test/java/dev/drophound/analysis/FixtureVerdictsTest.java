package dev.drophound.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdicts the fixtures' NOTES.md expect, from the real captures of each scenario (before/after pairs),
 * and from seed 001 given whole.
 */
class FixtureVerdictsTest {

    static Analysis analyze(String... relative) {
        String[] paths = new String[relative.length];
        for (int i = 0; i < relative.length; i++) {
            paths[i] = TestData.root().resolve(relative[i]).toString();
        }
        return Analyzer.standard().analyzePaths(List.of(paths), new ByteArrayInputStream(new byte[0]));
    }

    static List<Finding> problems(Analysis a, String id) {
        return a.findings().stream().filter(f -> f.id().equals(id) && f.severity().atLeast(Severity.WARNING)).toList();
    }

    @Test
    void emptySocketTablesMeanNoSocketsOpenNotMissingEvidence() {
        Analysis a = analyze("fixtures/02-udp-noport/proc-net-udp.after.txt", "fixtures/08-healthy-baseline/proc-net-raw.txt");
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("socket.drops");
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.summary()).contains("No udp, raw sockets were open");
        });
        assertThat(a.verdict().notChecked()).noneMatch(n -> n.startsWith("Per-socket drops"));
    }

    @Test
    void fixture01UdpReceiveBufferOverflowIsFoundAtTheSocketWithItsProcess() {
        Analysis a = analyze("fixtures/01-udp-rcvbuf-overflow");

        assertThat(a.verdict().stage()).isEqualTo(Stage.SOCKET);
        assertThat(a.verdict().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.verdict().summary()).contains("+3,149").contains("127.0.0.1:47001 (python3 pid 24888)");
        List<Finding> udp = problems(a, "udp.rcvbuf-overflow");
        assertThat(udp).extracting(f -> f.loss().packets()).containsExactlyInAnyOrder(3149L, 999L);
        assertThat(udp).allSatisfy(f -> assertThat(f.loss().cumulative()).isFalse());
        Finding v4 = udp.stream().filter(f -> f.loss().packets() == 3149).findFirst().orElseThrow();
        assertThat(v4.evidence()).anySatisfy(e -> {
            assertThat(e.source()).endsWith("proc-net-snmp.after.txt");
            assertThat(e.line()).isEqualTo(10);
            assertThat(e.text()).startsWith("Udp: 32 1420 201364");
        });
        assertThat(v4.remediation().get(0).command()).isEqualTo("sysctl -w net.core.rmem_max=26214400");
        assertThat(v4.remediation().get(0).persistent()).contains("/etc/sysctl.d/").contains("sysctl --system");

        List<Finding> sockets = problems(a, "socket.drops");
        assertThat(sockets).anySatisfy(f -> {
            assertThat(f.socket().protocol()).isEqualTo("udp");
            assertThat(f.socket().localAddress()).isEqualTo("127.0.0.1");
            assertThat(f.socket().localPort()).isEqualTo("47001");
            assertThat(f.socket().pid()).isEqualTo(24888);
            assertThat(f.socket().command()).isEqualTo("python3");
            assertThat(f.socket().drops()).isEqualTo(3149);
            assertThat(f.socket().rcvbuf()).isEqualTo(2304);
            assertThat(f.summary()).contains("not reading");
        });
        assertThat(sockets).anySatisfy(f -> {
            assertThat(f.socket().localAddress()).isEqualTo("::1");
            assertThat(f.socket().localPort()).isEqualTo("47002");
            assertThat(f.socket().pid()).isEqualTo(24889);
            assertThat(f.socket().drops()).isEqualTo(999);
        });
    }

    @Test
    void fixture02NoListenerIsNotABufferProblem() {
        Analysis a = analyze("fixtures/02-udp-noport");

        assertThat(a.verdict().stage()).isEqualTo(Stage.PROTOCOL);
        assertThat(problems(a, "udp.no-listener")).extracting(f -> f.loss().packets())
                .containsExactlyInAnyOrder(660L, 600L);
        assertThat(problems(a, "udp.rcvbuf-overflow")).isEmpty();
        assertThat(problems(a, "socket.drops")).isEmpty();
        // the ECONNREFUSED sends are counted as Ip OutDiscards: information, not an egress problem
        assertThat(problems(a, "egress.send-errors")).isEmpty();
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("egress.send-errors");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.explanation()).contains("ECONNREFUSED");
        });
    }

    @Test
    void fixture03NeverReadRawIcmpv6SocketIsNamedWithItsProcess() {
        Analysis a = analyze("fixtures/03-raw-icmpv6-unread");

        assertThat(a.verdict().stage()).isEqualTo(Stage.SOCKET);
        List<Finding> sockets = problems(a, "socket.drops");
        assertThat(sockets).anySatisfy(f -> {
            assertThat(f.socket().protocol()).isEqualTo("raw6");
            assertThat(f.socket().localPort()).isEqualTo("58");
            assertThat(f.socket().pid()).isEqualTo(25073);
            assertThat(f.socket().command()).isEqualTo("python3");
            assertThat(f.socket().drops()).isEqualTo(3744);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).contains("not reading");
            assertThat(f.explanation()).contains("no skb:kfree_skb");
        });
        assertThat(sockets).anySatisfy(f -> {
            assertThat(f.socket().protocol()).isEqualTo("packet");
            assertThat(f.socket().pid()).isEqualTo(25141);
            assertThat(f.socket().drops()).isEqualTo(1344);
        });
    }

    @Test
    void fixture05BacklogOverflowOnTheRpsTargetCpu() {
        Analysis a = analyze("fixtures/05-softnet-backlog-drops");

        assertThat(a.verdict().stage()).isEqualTo(Stage.BACKLOG);
        List<Finding> backlog = problems(a, "backlog.softnet-drops");
        // phase 1 (netdev_max_backlog=1) and phase 2 (flow limit) are separate captures in one folder
        assertThat(backlog).extracting(f -> f.loss().packets()).containsExactlyInAnyOrder(1026L, 90L);
        assertThat(backlog).allSatisfy(f -> assertThat(f.summary()).contains("CPU1 +").contains("woken by RPS"));
        assertThat(backlog.get(0).remediation().get(0).command()).startsWith("sysctl -w net.core.netdev_max_backlog=");
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("backlog.flow-limit");
            assertThat(f.summary()).contains("CPU0 +24");
        });
        // veth counts the same drops as RX dropped on v05b and TX dropped on v05a: not separate problems
        assertThat(problems(a, "nic.rx-dropped")).isEmpty();
        assertThat(problems(a, "egress.tx-dropped")).isEmpty();
    }

    @Test
    void fixture08HealthyBaselineGivesNoWarningAndSaysWhatWasChecked() {
        Analysis a = analyze("fixtures/08-healthy-baseline");

        assertThat(a.findings()).noneMatch(f -> f.severity().atLeast(Severity.WARNING));
        assertThat(a.verdict().summary()).startsWith("No packet loss found").contains("10 s apart");
        assertThat(a.verdict().checked()).hasSizeGreaterThan(10);
        assertThat(a.samples()).isEqualTo(2);
        assertThat(a.windowSeconds()).isEqualTo(10.0);
    }

    @Test
    void seed001GivenWholeYieldsTheSocketBufferVerdictWithTheRmemMaxFix() {
        Analysis a = analyze("seeds/001_64cba6ed93d5da2f.txt");

        assertThat(a.verdict().stage()).isEqualTo(Stage.SOCKET);
        assertThat(a.verdict().summary()).contains("710,184").contains("rmem_max");
        Finding udp = problems(a, "udp.rcvbuf-overflow").get(0);
        assertThat(udp.loss().cumulative()).isTrue();
        assertThat(udp.confidenceReason()).contains("one sample");
        assertThat(udp.remediation().get(0).command()).isEqualTo("sysctl -w net.core.rmem_max=26214400");
        // the article raises rmem_max from 212992 to 26214400 between its two sysctl outputs: the latest counts
        assertThat(udp.remediation().get(0).why()).contains("26,214,400").contains("already large enough");
        assertThat(udp.explanation()).contains("rmem_default");
        // the other counts of the article are small next to what was received: information only
        assertThat(a.findings()).filteredOn(f -> f.severity().atLeast(Severity.WARNING))
                .extracting(Finding::id).containsOnly("udp.rcvbuf-overflow");
    }

    @Test
    void fixture04QdiscDropsAreFoundOnTheLeafQdisc() {
        Analysis a = analyze("fixtures/04-qdisc-drops-veth/tc-s-qdisc.B.before.txt",
                "fixtures/04-qdisc-drops-veth/tc-s-qdisc.B.after.txt");

        List<Finding> qdisc = problems(a, "egress.qdisc-drops");
        assertThat(qdisc).singleElement().satisfies(f -> {
            assertThat(f.title()).contains("pfifo 10:");
            assertThat(f.loss().packets()).isEqualTo(3087);
            assertThat(f.summary()).contains("tbf").contains("do not show these drops");
        });
    }

    @Test
    void aPasteTimedByDateOutputGivesAWindowAndARate() {
        // a real terminal paste: date, /proc/net/snmp, 50 datagrams to a closed port, date, /proc/net/snmp
        Analysis a = analyze("captured/paste/date-paste.txt");

        assertThat(a.samples()).isEqualTo(2);
        assertThat(a.windowSeconds()).isEqualTo(2.0);
        Finding noPort = problems(a, "udp.no-listener").get(0);
        assertThat(noPort.loss().packets()).isEqualTo(50);
        assertThat(noPort.loss().perSecond()).isEqualTo(25.0);
        assertThat(noPort.summary()).contains("+50 in 2 s (25.0/s)");
    }

    @Test
    void netstatSuAloneSaysItHasNoIpv6() {
        Analysis a = analyze("fixtures/01-udp-rcvbuf-overflow/netstat-su.before.txt",
                "fixtures/01-udp-rcvbuf-overflow/netstat-su.after.txt");
        Finding udp = problems(a, "udp.rcvbuf-overflow").get(0);
        assertThat(udp.loss().packets()).isEqualTo(3149);
        assertThat(udp.nextSteps()).anySatisfy(s -> assertThat(s).startsWith("netstat -su shows no IPv6"));
    }

    @Test
    void twoDirectoriesTimedByTheirFilesModificationTimes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path before = dir.resolve("before");
        java.nio.file.Path after = dir.resolve("after");
        java.nio.file.Files.createDirectories(before);
        java.nio.file.Files.createDirectories(after);
        java.nio.file.Path b = java.nio.file.Files.copy(TestData.path("fixtures/01-udp-rcvbuf-overflow/proc-net-snmp.before.txt"),
                before.resolve("proc-net-snmp.txt"));
        java.nio.file.Path c = java.nio.file.Files.copy(TestData.path("fixtures/01-udp-rcvbuf-overflow/proc-net-snmp.after.txt"),
                after.resolve("proc-net-snmp.txt"));
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T02:00:00Z");
        java.nio.file.Files.setLastModifiedTime(b, java.nio.file.attribute.FileTime.from(t0));
        java.nio.file.Files.setLastModifiedTime(c, java.nio.file.attribute.FileTime.from(t0.plusSeconds(10)));

        Analysis a = Analyzer.standard().analyzePaths(List.of(before.toString(), after.toString()),
                new ByteArrayInputStream(new byte[0]));

        Finding udp = problems(a, "udp.rcvbuf-overflow").get(0);
        assertThat(udp.loss().perSecond()).isEqualTo(314.9);
        assertThat(udp.summary()).contains("+3,149 in 10 s (315/s)");
        assertThat(udp.confidenceReason()).contains("times from file modification times");
    }
}
