package dev.drophound.parse.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.Sectioner;
import dev.drophound.evidence.Source;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ovs-vswitchd-log on real logs: fixture 06 (OVS 3.1.0 / DPDK 22.11: log files and console copies of every case),
 * the public OVS 2.9-era to 3.x logs (DPDK 17.11, 18.11, 21.11), the syslog copies captured here
 * (captured/ovs-dpdk: rsyslog traditional and RFC 3339 formats) and seed 002, read whole.
 */
class OvsVswitchdLogParserTest {

    private final OvsVswitchdLogParser parser = new OvsVswitchdLogParser();
    private static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    private static final String PUB = "fixtures/public/ovs-dpdk/";
    private static final String CAP = "captured/ovs-dpdk/";
    private static final String SEED = "seeds/002_c6fad3b7097f7df4.txt";

    private List<DpdkEvent> events(String file) {
        return TestData.parseClean(parser, TestData.block(file)).all(DpdkEvent.class);
    }

    private static DpdkEvent at(List<DpdkEvent> events, int line) {
        return events.stream().filter(e -> e.span().firstLine() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no event at line " + line + ": " + events));
    }

    private static List<DpdkEvent> ofKind(List<DpdkEvent> events, Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void healthyStartWithHugepagesButNoMountInMemoryMode() {
        List<DpdkEvent> e = events(F06 + "ovs-vswitchd.a1.log");
        assertThat(e).extracting(x -> x.span().firstLine(), DpdkEvent::kind).containsExactly(
                tuple(6, Kind.DPDK_VERSION), tuple(8, Kind.EAL_ARGS), tuple(10, Kind.NUMA_NODES),
                tuple(13, Kind.HUGEPAGES_NOT_MOUNTED), tuple(14, Kind.NO_FREE_HUGEPAGES), tuple(16, Kind.MEMORY_MODEL),
                tuple(20, Kind.INITIALIZED), tuple(22, Kind.OVS_VERSION));
        DpdkEvent version = at(e, 6);
        assertThat(version.text()).isEqualTo("Using DPDK 22.11.11");
        assertThat(version.program()).isEqualTo("ovs-vswitchd");
        assertThat(version.module()).isEqualTo("dpdk");
        assertThat(version.level()).isEqualTo("INFO");
        assertThat(version.time().wallClock()).isEqualTo(Instant.parse("2026-11-22T02:15:00.730Z"));
        assertThat(version.time().asPrinted()).isEqualTo("2026-11-22T02:15:00.730Z");
        assertThat(at(e, 8).text()).isEqualTo("EAL ARGS: ovs-vswitchd-dpdk --no-pci --file-prefix=lab06 --in-memory -l 0.");
        assertThat(at(e, 10).pages()).isEqualTo(1L);
        DpdkEvent notMounted = at(e, 13);
        assertThat(notMounted.pages()).isEqualTo(256L);
        assertThat(notMounted.pageSizeKb()).isEqualTo(2048L);
        DpdkEvent noFree = at(e, 14);
        assertThat(noFree.level()).isEqualTo("WARN");
        assertThat(noFree.pageSizeKb()).isEqualTo(1048576L);
        assertThat(noFree.socket()).isZero();
        assertThat(at(e, 16).text()).isEqualTo("Per port memory for DPDK devices disabled.");
        assertThat(at(e, 22).module()).isEqualTo("bridge");
        assertThat(at(e, 22).span().lines().get(0).text())
                .isEqualTo("2026-11-22T02:15:00.887Z|00022|bridge|INFO|ovs-vswitchd-dpdk (Open vSwitch) 3.1.0");
    }

    @Test
    void legacyMemWithoutMountAndNoHugepagesAbortWithPermissionDenied() {
        List<DpdkEvent> a2 = events(F06 + "ovs-vswitchd.a2.log");
        assertThat(at(a2, 15).kind()).isEqualTo(Kind.HUGEPAGES_NOT_MOUNTED);
        assertThat(at(a2, 16).kind()).isEqualTo(Kind.HUGEPAGE_INFO_FAILED);
        assertThat(at(a2, 16).level()).isEqualTo("ERR");
        DpdkEvent init = at(a2, 17);
        assertThat(init.kind()).isEqualTo(Kind.INIT_FAILED);
        assertThat(init.level()).isEqualTo("EMER");
        assertThat(init.error()).isEqualTo("Permission denied");

        List<DpdkEvent> a3 = events(F06 + "ovs-vswitchd.a3.log");
        assertThat(at(a3, 13).kind()).isEqualTo(Kind.NO_FREE_HUGEPAGES);
        assertThat(at(a3, 13).pageSizeKb()).isEqualTo(2048L);
        assertThat(at(a3, 13).socket()).isZero();
        assertThat(ofKind(a3, Kind.INIT_FAILED)).extracting(x -> x.span().firstLine()).containsExactly(16);
    }

    @Test
    void socketMemLargerThanTheHugepages() {
        List<DpdkEvent> e = events(F06 + "ovs-vswitchd.b.log");
        DpdkEvent nem = at(e, 14);
        assertThat(nem.kind()).isEqualTo(Kind.NOT_ENOUGH_MEMORY);
        assertThat(nem.socket()).isZero();
        assertThat(nem.requestedMb()).isEqualTo(2048L);
        assertThat(nem.availableMb()).isEqualTo(512L);
        assertThat(nem.level()).isEqualTo("ERR");
        assertThat(at(e, 8).text()).contains("--socket-mem 2048");
        assertThat(at(e, 15).kind()).isEqualTo(Kind.MEMORY_INIT_FAILED);
        assertThat(at(e, 16).kind()).isEqualTo(Kind.INIT_FAILED);
        assertThat(at(e, 16).error()).isEqualTo("Cannot allocate memory");
    }

    @Test
    void consoleCopyHasDpdksOwnFatalLineAndTheAbortMessage() {
        List<DpdkEvent> b = events(F06 + "ovs-vswitchd.b.stderr.txt");
        DpdkEvent fatal = at(b, 15);
        assertThat(fatal.kind()).isEqualTo(Kind.MEMORY_INIT_FAILED);
        assertThat(fatal.text()).isEqualTo("EAL: FATAL: Cannot init memory");
        assertThat(fatal.module()).isNull();
        assertThat(fatal.level()).isNull();
        assertThat(fatal.time()).isNull();
        assertThat(at(b, 16).kind()).isEqualTo(Kind.MEMORY_INIT_FAILED);
        assertThat(at(b, 16).time().wallClock()).isEqualTo(Instant.parse("2026-11-22T02:15:02Z"));
        DpdkEvent abort = at(b, 18);
        assertThat(abort.kind()).isEqualTo(Kind.INIT_FAILED);
        assertThat(abort.error()).isEqualTo("Cannot allocate memory");
        assertThat(abort.text()).isEqualTo("ovs-vswitchd-dpdk: Cannot init EAL (Cannot allocate memory)");

        for (String c : List.of("a2", "a3")) {
            List<DpdkEvent> e = events(F06 + "ovs-vswitchd." + c + ".stderr.txt");
            assertThat(ofKind(e, Kind.HUGEPAGE_INFO_FAILED)).hasSize(2);
            assertThat(ofKind(e, Kind.INIT_FAILED)).extracting(DpdkEvent::error)
                    .containsExactly("Permission denied", "Permission denied");
        }
        assertThat(events(F06 + "ovs-vswitchd.a1.stderr.txt")).hasSize(8);
    }

    @Test
    void mempoolHalvingThenTheMtu9000FailureThenTheFix() {
        List<DpdkEvent> e = events(F06 + "ovs-vswitchd.c.log");
        DpdkEvent request = at(e, 65);
        assertThat(request.kind()).isEqualTo(Kind.MEMPOOL_REQUEST);
        assertThat(request.port()).isEqualTo("dpdk0");
        assertThat(request.mbufs()).isEqualTo(262144L);
        assertThat(request.mbufSize()).isEqualTo(2176L);
        assertThat(request.socket()).isZero();
        assertThat(request.level()).isEqualTo("DBG");
        // MTU 1500: 262144 -> 131072 -> 65536 -> 32768, allocated
        assertThat(ofKind(e, Kind.MEMPOOL_RETRY).subList(0, 3))
                .extracting(x -> x.span().firstLine(), DpdkEvent::mbufs, DpdkEvent::retryMbufs).containsExactly(
                        tuple(67, 262144L, 131072L), tuple(69, 131072L, 65536L), tuple(71, 65536L, 32768L));
        assertThat(at(e, 67).pool()).isEqualTo("ovsc5a50bce00021580262144");
        DpdkEvent allocated = at(e, 73);
        assertThat(allocated.kind()).isEqualTo(Kind.MEMPOOL_ALLOCATED);
        assertThat(allocated.pool()).isEqualTo("ovsc5a50bce00021580032768");
        assertThat(allocated.mbufs()).isEqualTo(32768L);
        assertThat(at(e, 78).kind()).isEqualTo(Kind.PORT_ADDED);
        assertThat(at(e, 78).port()).isEqualTo("dpdk0");
        // MTU 9000: every size down to 16384 fails, then the last try of 8192
        assertThat(ofKind(e, Kind.MEMPOOL_RETRY)).hasSize(10);
        assertThat(at(e, 80).mbufSize()).isEqualTo(9344L);
        assertThat(at(e, 89).retryMbufs()).isEqualTo(8192L);
        DpdkEvent gaveUp = at(e, 90);
        assertThat(gaveUp.kind()).isEqualTo(Kind.MEMPOOL_GAVE_UP);
        assertThat(gaveUp.mbufs()).isEqualTo(8192L);
        assertThat(gaveUp.pool()).isEqualTo("ovsc5a50bce00093260016384");
        assertThat(gaveUp.level()).isEqualTo("ERR");
        DpdkEvent failed = at(e, 91);
        assertThat(failed.kind()).isEqualTo(Kind.PORT_MEMPOOL_FAILED);
        assertThat(failed.port()).isEqualTo("dpdk0");
        assertThat(failed.mtu()).isEqualTo(9000);
        assertThat(failed.socket()).isZero();
        assertThat(failed.error()).isEqualTo("Cannot allocate memory");
        assertThat(at(e, 92).kind()).isEqualTo(Kind.PORT_RECONFIGURE_FAILED);
        assertThat(at(e, 92).module()).isEqualTo("dpif_netdev");
        assertThat(at(e, 99).kind()).isEqualTo(Kind.PORT_DELETED);
        // c2: more hugepages, the port re-added at MTU 9000 gets 65536 mbufs
        assertThat(at(e, 105).kind()).isEqualTo(Kind.MEMPOOL_FREED);
        assertThat(at(e, 105).pool()).isEqualTo("ovsc5a50bce00021580032768");
        assertThat(at(e, 111).kind()).isEqualTo(Kind.MEMPOOL_ALLOCATED);
        assertThat(at(e, 111).mbufs()).isEqualTo(65536L);
        assertThat(at(e, 116).kind()).isEqualTo(Kind.PORT_ADDED);
        // the coverage dump (lines 120-166) and poll_loop lines are used without events
        assertThat(e).noneMatch(x -> x.span().firstLine() >= 117 && x.span().firstLine() <= 178);

        List<DpdkEvent> console = events(F06 + "ovs-vswitchd.c.stderr.txt");
        assertThat(ofKind(console, Kind.MEMPOOL_RETRY)).isEmpty(); // DBG lines are not on the console
        assertThat(at(console, 71).kind()).isEqualTo(Kind.PORT_MEMPOOL_FAILED);
    }

    @Test
    void vhostUserGuestWithMultiLineMessagesAndThreadTags() {
        List<DpdkEvent> e = events(F06 + "ovs-vswitchd.d.log"); // clean: ' 0 -->  0' continuation lines are used
        assertThat(at(e, 73).kind()).isEqualTo(Kind.PORT_ADDED);
        assertThat(at(e, 73).port()).isEqualTo("vhu0");
        assertThat(at(e, 137).port()).isEqualTo("vhu0");
        assertThat(at(e, 137).mbufs()).isEqualTo(262144L);
        DpdkEvent failed = at(e, 148);
        assertThat(failed.kind()).isEqualTo(Kind.PORT_MEMPOOL_FAILED);
        assertThat(failed.port()).isEqualTo("vhu0");
        assertThat(failed.mtu()).isEqualTo(9000);
        assertThat(at(events(F06 + "ovs-vswitchd.d.stderr.txt"), 133).kind()).isEqualTo(Kind.PORT_MEMPOOL_FAILED);
    }

    @Test
    void olderOvsAndDpdkGenerations() {
        List<DpdkEvent> ovs29 = events(PUB + "ovs-vswitchd-startup-dpdk17.11-ixgbe-2018.txt");
        assertThat(at(ovs29, 7).text()).isEqualTo("Using DPDK 17.11.3");
        assertThat(at(ovs29, 7).time().wallClock()).isEqualTo(Instant.parse("2018-08-30T07:33:54Z"));
        assertThat(at(ovs29, 11).text()).isEqualTo("EAL ARGS: ovs-vswitchd --socket-mem 4096,4096 -c 0x00000001");
        assertThat(at(ovs29, 33).kind()).isEqualTo(Kind.INITIALIZED); // after DPDK's raw 'Zone N:' console lines

        List<DpdkEvent> ovs18 = events(PUB + "ovs-vswitchd-dpdk18.11-no-hugepages-buserror-2020.txt");
        assertThat(at(ovs18, 10).text()).contains("--socket-mem 1024,0 --socket-limit 1024,0");
        assertThat(at(ovs18, 12).kind()).isEqualTo(Kind.NUMA_NODES);
        assertThat(at(ovs18, 12).pages()).isEqualTo(2L);
        DpdkEvent noFree = at(ovs18, 14);
        assertThat(noFree.kind()).isEqualTo(Kind.NO_FREE_HUGEPAGES);
        assertThat(noFree.pageSizeKb()).isEqualTo(1048576L);
        assertThat(noFree.socket()).isNull();
        assertThat(ovs18.get(ovs18.size() - 1).kind()).isEqualTo(Kind.DAEMON_DIED);
        assertThat(ovs18.get(ovs18.size() - 1).error()).isEqualTo("Bus error");

        assertThat(events(PUB + "ovs-vswitchd-grep-DPDK-ubuntu22.04-dpdk21.11.txt"))
                .extracting(x -> x.span().firstLine(), DpdkEvent::kind).containsExactly(
                        tuple(1, Kind.DPDK_NOT_SUPPORTED), tuple(2, Kind.DPDK_VERSION), tuple(4, Kind.MEMORY_MODEL),
                        tuple(6, Kind.INITIALIZED));
        assertThat(events(PUB + "ovs-vswitchd-vhostuser-fdset-thread-err-centos7.txt")).isEmpty();
    }

    @Test
    void versionOutput() {
        assertThat(events(F06 + "ovs-vswitchd-version.txt")).extracting(DpdkEvent::kind, DpdkEvent::text)
                .containsExactly(tuple(Kind.OVS_VERSION, "ovs-vswitchd-dpdk (Open vSwitch) 3.1.0"),
                        tuple(Kind.DPDK_VERSION, "DPDK 22.11.11"));
    }

    @Test
    void syslogCopiesSayWhatTheLogFileSays() {
        List<DpdkEvent> file = events(CAP + "ovs-vswitchd.s1.log");
        for (String copy : List.of("ovs-vswitchd.s1.syslog.txt", "ovs-vswitchd.s1.iso.syslog.txt")) {
            List<DpdkEvent> syslog = events(CAP + copy); // other programs' lines (rsyslogd, ovsdb-server, ovs-vsctl) used
            assertThat(syslog).extracting(DpdkEvent::kind, DpdkEvent::text, DpdkEvent::module, DpdkEvent::level)
                    .containsExactlyElementsOf(file.stream().map(x -> tuple(x.kind(), x.text(), x.module(), x.level()))
                            .toList());
        }
        List<DpdkEvent> syslog = events(CAP + "ovs-vswitchd.s1.syslog.txt");
        DpdkEvent failed = at(syslog, 100);
        assertThat(failed.kind()).isEqualTo(Kind.PORT_MEMPOOL_FAILED);
        assertThat(failed.mtu()).isEqualTo(9000);
        assertThat(failed.program()).isEqualTo("ovs-vswitchd");
        assertThat(failed.time().asPrinted()).isEqualTo("Nov 22 06:01:42");
        assertThat(failed.time().wallClock()).isNull(); // a syslog date has no year
        assertThat(at(syslog, 11).kind()).isEqualTo(Kind.DPDK_VERSION); // tag without [pid], before DPDK's openlog
        DpdkEvent iso = at(events(CAP + "ovs-vswitchd.s1.iso.syslog.txt"), 100);
        assertThat(iso.time().wallClock()).isEqualTo(Instant.parse("2026-11-22T06:01:42.642898Z"));

        List<DpdkEvent> s2 = events(CAP + "ovs-vswitchd.s2.syslog.txt");
        assertThat(at(s2, 14).kind()).isEqualTo(Kind.NO_FREE_HUGEPAGES);
        assertThat(at(s2, 17).kind()).isEqualTo(Kind.INIT_FAILED);
        assertThat(at(s2, 17).level()).isEqualTo("EMER");
        assertThat(events(CAP + "ovs-vswitchd.s2.stderr.txt")).hasSize(9);
    }

    @Test
    void seed002WholeGivesAnEventPerQuotedLine() {
        ParserRegistry registry = ParserRegistry.standard();
        List<DpdkEvent> e = new ArrayList<>();
        int blocks = 0;
        for (Block b : new Sectioner(registry::startsAnyOutput).split(Source.file(SEED), "002_c6fad3b7097f7df4.txt",
                TestData.text(SEED))) {
            if (registry.route(b).filter(c -> c.parser().id().equals(parser.id())).isPresent()) {
                blocks++;
                e.addAll(TestData.parseClean(parser, b).all(DpdkEvent.class));
            }
        }
        assertThat(blocks).isEqualTo(10);
        assertThat(e).extracting(x -> x.span().firstLine(), DpdkEvent::kind).containsExactly(
                tuple(32, Kind.EAL_ARGS), tuple(40, Kind.EAL_ARGS), tuple(41, Kind.HUGEPAGES_NOT_MOUNTED),
                tuple(47, Kind.EAL_ARGS), tuple(48, Kind.NOT_ENOUGH_MEMORY), tuple(54, Kind.EAL_ARGS),
                tuple(55, Kind.INVALID_SOCKET_MEM), tuple(69, Kind.RING_NO_MEMORY), tuple(75, Kind.PORT_MEMPOOL_FAILED),
                tuple(94, Kind.PORT_MEMPOOL_FAILED), tuple(108, Kind.RX_MBUF_ALLOC_FAILED),
                tuple(109, Kind.QUEUE_MBUF_ALLOC_FAILED), tuple(110, Kind.RXTX_START_FAILED),
                tuple(112, Kind.INTERFACE_START_ERROR), tuple(118, Kind.VHOST_MBUF_ALLOC_FAILED),
                tuple(148, Kind.MEMPOOL_ALLOCATED), tuple(149, Kind.MEMPOOL_REUSED), tuple(150, Kind.MEMPOOL_FREED));
        assertThat(at(e, 32).time()).isNull();
        assertThat(at(e, 41).pages()).isEqualTo(32L);
        assertThat(at(e, 41).pageSizeKb()).isEqualTo(1048576L);
        assertThat(at(e, 48).requestedMb()).isEqualTo(32768L);
        assertThat(at(e, 48).availableMb()).isEqualTo(16384L);
        assertThat(at(e, 94).port()).isEqualTo("vhost0");
        assertThat(at(e, 94).socket()).isEqualTo(1);
        assertThat(at(e, 94).mtu()).isEqualTo(1500);
        assertThat(at(e, 112).port()).isEqualTo("dpdk0");
        assertThat(at(e, 112).error()).isEqualTo("Input/output error");
        assertThat(at(e, 118).thread()).isEqualTo("pmd91");
        assertThat(at(e, 148).pool()).isEqualTo("ovs_mp_2030_0_262144");
        assertThat(at(e, 148).mbufs()).isEqualTo(262144L);

        // the same file through the whole pipeline
        Analysis a = Analyzer.standard().analyzePaths(List.of(TestData.path(SEED).toString()),
                new ByteArrayInputStream(new byte[0]));
        assertThat(a.formats()).containsEntry(parser.id(), 10);
        assertThat(a.diagnostics()).extracting(Diagnostic::message).noneMatch(m -> m.startsWith(parser.id()));
    }

    @Test
    void emptyInput() {
        TestData.Parsed p = TestData.parse(parser, Block.ofText("ovs-vswitchd.log", ""));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void recordCutInsideItsPrefixIsMalformed() {
        Block b = TestData.block(F06 + "ovs-vswitchd.b.log");
        String line14 = b.line(13);
        TestData.Parsed p = TestData.parse(parser, TestData.withLine(b, 13, line14.substring(0, 28)));
        assertThat(p.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(14);
            assertThat(d.message()).contains("cut or garbled");
        });
        List<DpdkEvent> e = p.all(DpdkEvent.class);
        assertThat(e).noneMatch(x -> x.kind() == Kind.NOT_ENOUGH_MEMORY);
        assertThat(at(e, 15).kind()).isEqualTo(Kind.MEMORY_INIT_FAILED);
    }

    @Test
    void knownMessageWithAGarbledNumberIsMalformed() {
        Block b = TestData.block(F06 + "ovs-vswitchd.b.log");
        TestData.Parsed p = TestData.parse(parser, TestData.withLine(b, 13, b.line(13).replace("2048MB", "2x48MB")));
        assertThat(p.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(14);
            assertThat(d.message()).contains("NOT_ENOUGH_MEMORY");
        });
        assertThat(p.all(DpdkEvent.class)).hasSize(6);
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ovs-vswitchd.log")).isEqualTo(85);
        assertThat(parser.nameScore("var/log/openvswitch/ovs-vswitchd.log")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-vswitchd.log.1")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-vswitchd.a1.stderr.txt")).isEqualTo(85);
        assertThat(parser.nameScore("cat /var/log/openvswitch/ovs-vswitchd.log")).isEqualTo(95);
        assertThat(parser.nameScore("grep DPDK /var/log/openvswitch/ovs-vswitchd.log")).isEqualTo(95);
        assertThat(parser.nameScore("journalctl -u ovs-vswitchd")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-vswitchd --version")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-appctl -t ovs-vswitchd vlog/list")).isZero();
        assertThat(parser.nameScore("ovs-vswitchd.a2.exit-status.txt")).isZero();
        assertThat(parser.nameScore("dmesg")).isZero();

        assertThat(parser.contentScore(TestData.block(F06 + "ovs-vswitchd.c.log"))).isEqualTo(95);
        assertThat(parser.contentScore(TestData.block(CAP + "ovs-vswitchd.s1.syslog.txt"))).isEqualTo(95);
        assertThat(parser.contentScore(TestData.blockContaining(SEED, "|dpdk|ERR|RING"))).isEqualTo(90);
        // other formats: a kernel log, a tracefs trace, testpmd's output, a failing ovs-appctl, a lab log
        assertThat(parser.contentScore(TestData.block("fixtures/10-oom-global-user-process/dmesg-oom.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/07-dpdk-testpmd-memory/dpdk-testpmd.05-socket-mem-too-large.txt")))
                .isZero();
        assertThat(parser.contentScore(TestData.block(F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-vhu0.d.txt")))
                .isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/run-all.log"))).isLessThan(50);
    }
}
