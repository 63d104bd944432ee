package dev.drophound.parse.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dpdk-app-log on real outputs: every dpdk-testpmd run of fixture 07 (DPDK 22.11, merged and split streams), the
 * testpmd "guest" of fixture 06, and the public EAL outputs (DPDK 19.11 arm64 in Docker, a Kubernetes pod, testpmd
 * 21.11, NDN-DPDK's JSON log).
 */
class DpdkAppLogParserTest {

    private final DpdkAppLogParser parser = new DpdkAppLogParser();
    private static final String F07 = "fixtures/07-dpdk-testpmd-memory/dpdk-testpmd.";
    private static final String PUB = "fixtures/public/ovs-dpdk/";

    private List<DpdkEvent> events(String file) {
        return TestData.parseClean(parser, TestData.block(file)).all(DpdkEvent.class);
    }

    private static DpdkEvent at(List<DpdkEvent> events, int line) {
        return events.stream().filter(e -> e.span().firstLine() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no event at line " + line + ": " + events));
    }

    private static List<Integer> lines(Span span) {
        return span.lines().stream().map(Span.Line::number).toList();
    }

    @Test
    void noHugepagesAndNoMountEndInPermissionDenied() {
        List<DpdkEvent> e = events(F07 + "01-no-hugepages.txt"); // [exit status 1] is used too
        assertThat(e).extracting(x -> x.span().firstLine(), DpdkEvent::kind).containsExactly(
                tuple(2, Kind.NUMA_NODES), tuple(6, Kind.HUGEPAGE_INFO_FAILED), tuple(7, Kind.HUGEPAGE_INFO_FAILED),
                tuple(8, Kind.INIT_FAILED));
        DpdkEvent exit = at(e, 8);
        assertThat(exit.error()).isEqualTo("Permission denied");
        assertThat(exit.text()).isEqualTo("Cause: Cannot init EAL: Permission denied");
        assertThat(lines(exit.span())).containsExactly(8, 9);
        assertThat(exit.program()).isEqualTo("testpmd"); // from the file name: no testpmd: line before the failure
        assertThat(exit.time()).isNull();
        assertThat(exit.module()).isNull();

        for (String f : List.of("02-no-hugetlbfs-mount.txt", "02-no-hugetlbfs-mount.stderr-only.txt")) {
            DpdkEvent notMounted = at(events(F07 + f), 6);
            assertThat(notMounted.kind()).isEqualTo(Kind.HUGEPAGES_NOT_MOUNTED);
            assertThat(notMounted.pages()).isEqualTo(64L);
            assertThat(notMounted.pageSizeKb()).isEqualTo(2048L);
        }
        assertThat(events(F07 + "02-no-hugetlbfs-mount.stdout-only.txt")).isEmpty();
    }

    @Test
    void ealMemoryLargerThanTheHugepages() {
        DpdkEvent m = at(events(F07 + "04-m-larger-than-hugepages.txt"), 6);
        assertThat(m.kind()).isEqualTo(Kind.NOT_ENOUGH_MEMORY);
        assertThat(m.socket()).isNull(); // -m: no socket in the message
        assertThat(m.requestedMb()).isEqualTo(512L);
        assertThat(m.availableMb()).isEqualTo(128L);
        List<DpdkEvent> e = events(F07 + "05-socket-mem-too-large.txt");
        DpdkEvent socketMem = at(e, 6);
        assertThat(socketMem.socket()).isZero();
        assertThat(socketMem.requestedMb()).isEqualTo(1024L);
        assertThat(socketMem.availableMb()).isEqualTo(128L);
        assertThat(e).extracting(DpdkEvent::kind).containsSubsequence(Kind.MEMORY_INIT_FAILED, Kind.MEMORY_INIT_FAILED,
                Kind.INIT_FAILED);
        assertThat(at(e, 9).error()).isEqualTo("Cannot allocate memory");
    }

    @Test
    void mbufPoolTooBigForTheMemory() {
        for (String f : List.of("06-default-pool-too-big.txt", "06-default-pool-too-big.stderr-only.txt")) {
            List<DpdkEvent> e = events(F07 + f);
            DpdkEvent request = at(e, 6);
            assertThat(request.kind()).isEqualTo(Kind.APP_POOL_REQUEST);
            assertThat(request.pool()).isEqualTo("mb_pool_0");
            assertThat(request.mbufs()).isEqualTo(155456L);
            assertThat(request.mbufSize()).isEqualTo(2176L);
            assertThat(request.socket()).isZero();
            assertThat(request.program()).isEqualTo("testpmd");
            DpdkEvent failed = at(e, 8);
            assertThat(failed.kind()).isEqualTo(Kind.APP_POOL_FAILED);
            assertThat(failed.socket()).isZero();
            assertThat(failed.error()).isEqualTo("Cannot allocate memory");
            assertThat(lines(failed.span())).containsExactly(8, 9);
            assertThat(e).hasSize(3);
        }
        assertThat(events(F07 + "06-default-pool-too-big.stdout-only.txt")).isEmpty();
        DpdkEvent jumbo = at(events(F07 + "07-jumbo-pool-too-big.txt"), 6);
        assertThat(jumbo.mbufs()).isEqualTo(16384L);
        assertThat(jumbo.mbufSize()).isEqualTo(10240L);
        assertThat(at(events(F07 + "09-no-huge-m16.txt"), 9).kind()).isEqualTo(Kind.APP_POOL_FAILED);
        DpdkEvent tooSmall = at(events(F07 + "10-no-huge-m2.txt"), 7);
        assertThat(tooSmall.kind()).isEqualTo(Kind.APP_EXIT);
        assertThat(tooSmall.error()).isEqualTo("rte_zmalloc(32 struct rte_port) failed");
    }

    @Test
    void successfulRunsHaveOnlyTheirPool() {
        for (String f : List.of("03-no-hugetlbfs-in-memory.txt", "08-ok-small-pool.txt", "11-no-huge-ok.txt")) {
            List<DpdkEvent> e = events(F07 + f); // testpmd's whole stdout is used
            assertThat(e).extracting(DpdkEvent::kind).doesNotContain(Kind.APP_POOL_FAILED, Kind.APP_EXIT,
                    Kind.INIT_FAILED);
            assertThat(e).filteredOn(x -> x.kind() == Kind.APP_POOL_REQUEST).singleElement()
                    .extracting(DpdkEvent::mbufs).isEqualTo(8192L);
        }
        List<DpdkEvent> guest = events("fixtures/06-ovs-dpdk-memory/dpdk-testpmd-virtio-user-guest.d.txt");
        assertThat(at(guest, 8).mbufs()).isEqualTo(2048L);
        assertThat(at(guest, 5).pageSizeKb()).isEqualTo(1048576L);
    }

    @Test
    void programFromTheCommand() {
        Block b = TestData.blockWithCommand(PUB + "eal-testpmd-dpdk21.11-no-hugepages.txt",
                "dpdk-testpmd -l 0-1 -- -i");
        assertThat(TestData.parseClean(parser, b).all(DpdkEvent.class)).extracting(DpdkEvent::program)
                .containsOnly("testpmd");
        assertThat(events(PUB + "eal-testpmd-dpdk21.11-no-hugepages.txt")).extracting(DpdkEvent::program)
                .containsOnlyNulls();
    }

    @Test
    void otherApplicationsAndDpdkVersions() {
        List<DpdkEvent> arm = events(PUB + "eal-arm64-kunpeng-hinic-hns3-docker-vfio.txt");
        assertThat(at(arm, 2).pages()).isEqualTo(4L);
        DpdkEvent noHuge = at(arm, 5);
        assertThat(noHuge.kind()).isEqualTo(Kind.NO_FREE_HUGEPAGES);
        assertThat(noHuge.pageSizeKb()).isEqualTo(2048L);
        assertThat(noHuge.socket()).isNull();
        DpdkEvent exit = at(arm, 24);
        assertThat(exit.kind()).isEqualTo(Kind.APP_EXIT);
        assertThat(exit.error()).isEqualTo("Error during getting device (port 0) info: No such device");

        List<DpdkEvent> pod = events(PUB + "eal-k8s-sriov-dpdk-app-hugetlbfs-missing.txt");
        assertThat(at(pod, 6).kind()).isEqualTo(Kind.HUGEPAGES_NOT_MOUNTED);
        assertThat(at(pod, 6).pages()).isEqualTo(1024L);
        assertThat(at(pod, 9).error()).isEqualTo("Invalid EAL parameters");

        List<DpdkEvent> t21 = events(PUB + "eal-testpmd-dpdk21.11-no-hugepages.txt");
        assertThat(at(t21, 3).kind()).isEqualTo(Kind.DPDK_VERSION);
        assertThat(at(t21, 3).text()).isEqualTo("EAL: RTE Version: 'DPDK 21.11.9'");
        assertThat(t21).filteredOn(x -> x.kind() == Kind.NO_FREE_HUGEPAGES)
                .extracting(DpdkEvent::pageSizeKb, DpdkEvent::socket)
                .containsExactly(tuple(2048L, 0), tuple(2048L, null), tuple(1048576L, null));
        assertThat(at(t21, 13).kind()).isEqualTo(Kind.INIT_FAILED);
    }

    @Test
    void jsonWrappedEalMessages() {
        List<DpdkEvent> e = events(PUB + "eal-json-ndn-dpdk-21.02.txt");
        assertThat(e).extracting(x -> x.span().firstLine(), DpdkEvent::kind).containsExactly(
                tuple(3, Kind.NO_FREE_HUGEPAGES), tuple(7, Kind.INITIALIZED));
        DpdkEvent noHuge = at(e, 3);
        assertThat(noHuge.text()).isEqualTo("EAL: No available 1048576 kB hugepages reported");
        assertThat(noHuge.level()).isEqualTo("WARN");
        assertThat(noHuge.time().wallClock()).isEqualTo(Instant.ofEpochSecond(1627888545L, 623822700L));
        assertThat(noHuge.time().asPrinted()).isEqualTo("1627888545.6238227");
        assertThat(noHuge.program()).isNull();
        assertThat(at(e, 7).text()).isEqualTo("EAL ready");
    }

    @Test
    void anEalLineMeansTheSameFromOvsAndFromAnApplication() {
        DpdkEvent app = at(events(F07 + "05-socket-mem-too-large.txt"), 6);
        DpdkEvent ovs = TestData.parseClean(new OvsVswitchdLogParser(),
                TestData.block("fixtures/06-ovs-dpdk-memory/ovs-vswitchd.b.log")).all(DpdkEvent.class).stream()
                .filter(x -> x.kind() == Kind.NOT_ENOUGH_MEMORY).findFirst().orElseThrow();
        assertThat(app.kind()).isEqualTo(ovs.kind());
        assertThat(List.of(app.socket(), ovs.socket())).containsOnly(0);
        assertThat(app.requestedMb()).isEqualTo(1024L);
        assertThat(ovs.requestedMb()).isEqualTo(2048L);
    }

    @Test
    void emptyInput() {
        TestData.Parsed p = TestData.parse(parser, Block.ofText("dpdk-testpmd.txt", ""));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void exitLineWithoutItsCause() {
        Block b = TestData.block(F07 + "10-no-huge-m2.txt");
        List<DpdkEvent> e = TestData.parseClean(parser, TestData.withLine(b, 7, "")).all(DpdkEvent.class);
        DpdkEvent exit = at(e, 7);
        assertThat(exit.kind()).isEqualTo(Kind.APP_EXIT);
        assertThat(exit.error()).isNull();
        assertThat(lines(exit.span())).containsExactly(7);
    }

    @Test
    void garbledPoolSizeIsMalformed() {
        Block b = TestData.block(F07 + "06-default-pool-too-big.txt");
        TestData.Parsed p = TestData.parse(parser, TestData.withLine(b, 5, b.line(5).replace("155456", "15x456")));
        assertThat(p.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(6);
            assertThat(d.message()).contains("APP_POOL_REQUEST");
        });
        assertThat(p.all(DpdkEvent.class)).extracting(DpdkEvent::kind).containsExactly(Kind.NUMA_NODES,
                Kind.APP_POOL_FAILED);
    }

    @Test
    void cutJsonRecordIsMalformed() {
        Block b = TestData.block(PUB + "eal-json-ndn-dpdk-21.02.txt");
        TestData.Parsed p = TestData.parse(parser, TestData.withLine(b, 2, b.line(2).substring(0, 60)));
        assertThat(p.warnings()).singleElement().extracting(d -> d.line()).isEqualTo(3);
        assertThat(p.all(DpdkEvent.class)).extracting(DpdkEvent::kind).containsExactly(Kind.INITIALIZED);
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("dpdk-testpmd.06-default-pool-too-big.txt")).isEqualTo(85);
        assertThat(parser.nameScore("echo | timeout 60 dpdk-testpmd --lcores=0@0,1@0 --no-pci -- --forward-mode=rxonly"))
                .isEqualTo(95);
        assertThat(parser.nameScore("testpmd -l 0-3 -n 4 -- -i")).isEqualTo(95);
        assertThat(parser.nameScore("dpdk-hugepages.py -s")).isZero();
        assertThat(parser.nameScore("dpdk-devbind.py --status")).isZero();
        assertThat(parser.nameScore("dpdk-hugepages-s.a1.txt")).isZero();

        assertThat(parser.contentScore(TestData.block(F07 + "01-no-hugepages.txt"))).isEqualTo(90);
        assertThat(parser.contentScore(TestData.block(PUB + "eal-json-ndn-dpdk-21.02.txt"))).isEqualTo(85);
        // other formats: an OVS log full of EAL lines, a kernel log, a tracefs trace, /proc/meminfo
        assertThat(parser.contentScore(TestData.block("fixtures/06-ovs-dpdk-memory/ovs-vswitchd.a2.stderr.txt")))
                .isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/10-oom-global-user-process/dmesg-oom.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/06-ovs-dpdk-memory/meminfo-huge.b.txt"))).isZero();

        Block testpmd = TestData.block(F07 + "01-no-hugepages.txt");
        assertThat(parser.startsOutput(testpmd.line(0))).isTrue();
        assertThat(parser.startsOutput(TestData.block(PUB + "eal-arm64-kunpeng-hinic-hns3-docker-vfio.txt").line(0)))
                .isTrue();
        assertThat(parser.startsOutput(testpmd.line(1))).isFalse();
        assertThat(parser.startsOutput(TestData.block("fixtures/06-ovs-dpdk-memory/ovs-vswitchd.a1.log").line(8)))
                .isFalse();
    }
}
