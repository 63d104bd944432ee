package dev.drophound.checks.dpdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DPDK checks on real evidence, through the whole pipeline: the real ovs-vswitchd-dpdk 3.1.0 and dpdk-testpmd
 * 22.11 failures of fixtures 06 and 07 (the verdicts their NOTES.md expect), seed 002 whole, and healthy starts.
 */
class DpdkChecksTest {

    static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    static final String F07 = "fixtures/07-dpdk-testpmd-memory/";

    static Analysis analyze(String... relative) {
        return Analyzer.standard().analyzePaths(Arrays.stream(relative).map(r -> TestData.path(r).toString()).toList(),
                new ByteArrayInputStream(new byte[0]));
    }

    static List<Finding> findings(Analysis a, String id) {
        return a.findings().stream().filter(f -> f.id().equals(id)).toList();
    }

    static List<Finding> problems(Analysis a) {
        return a.findings().stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
    }

    @Test
    void fixture06NoMountWithLegacyMemIsTheCauseNotPermissions() {
        Analysis a = analyze(F06 + "ovs-vswitchd.a2.log", F06 + "ovs-vswitchd.a2.stderr.txt");
        // the console copy of the same lines is one log, one finding
        assertThat(problems(a)).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(EalStartup.ID);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).contains("256 hugepages of 2 MB are reserved but no hugetlbfs is mounted")
                    .contains("--legacy-mem").contains("ovs-vswitchd aborted").contains("\"Permission denied\", is misleading");
            assertThat(f.evidence()).anySatisfy(e -> {
                assertThat(e.line()).isEqualTo(15);
                assertThat(e.text()).contains("reserved, but no mounted hugetlbfs");
            });
            assertThat(f.remediation().get(0).command()).contains("mount -t hugetlbfs -o pagesize=2M");
            assertThat(f.remediation().get(0).persistent()).contains("/etc/fstab");
        });
        assertThat(a.verdict().stage()).isEqualTo(Stage.DPDK);
    }

    @Test
    void fixture06NoHugepagesReserved() {
        Analysis a = analyze(F06 + "ovs-vswitchd.a3.log", F06 + "meminfo-huge.a3.txt");
        assertThat(problems(a)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("DPDK could not start: no hugepages");
            assertThat(f.summary()).contains("no usable hugepages").contains("not permissions");
            assertThat(f.remediation().get(0).command()).startsWith("echo ").endsWith("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages");
        });
    }

    @Test
    void fixture06SocketMemLargerThanHugepages() {
        Analysis a = analyze(F06 + "ovs-vswitchd.b.log", F06 + "other_config.b.txt");
        assertThat(findings(a, EalStartup.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).contains("asks for 2,048 MB on NUMA socket 0 but only 512 MB");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(14));
            assertThat(f.remediation().get(0).command())
                    .isEqualTo("ovs-vsctl --no-wait set Open_vSwitch . other_config:dpdk-socket-mem=512");
        });
    }

    @Test
    void fixture06Mtu9000IsAChangeThatTookThePortOutOfTheDatapath() {
        Analysis a = analyze(F06 + "ovs-vswitchd.c.log", F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu9000.txt",
                F06 + "ovs-appctl-dpdk-get-malloc-stats.c.mtu9000.txt", F06 + "meminfo-huge.c.mtu9000.txt");
        Finding f = findings(a, PortMempools.ID).stream().filter(x -> x.severity() == Severity.CRITICAL).findFirst()
                .orElseThrow();
        assertThat(f.summary()).contains("Port dpdk0 could not change to MTU 9000").contains("NUMA socket 0")
                .contains("took the port out of the datapath").contains("262,144 mbufs of 9,344 B")
                .contains("down to 16,384 mbufs").contains("98 MiB with 2.0 MiB free").contains("64 hugepages of 2 MB");
        assertThat(f.evidence()).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(91);
            assertThat(e.text()).contains("Failed to create memory pool for netdev dpdk0, with MTU 9000 on socket 0");
        });
        // the Interface row is quoted by its relevant lines only
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).startsWith("mtu_request"));
        assertThat(f.evidence()).noneSatisfy(e -> assertThat(e.text()).startsWith("cfm_"));
        assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).isEqualTo("ovs-vsctl set Interface dpdk0 mtu_request=1500"));
        // the pool that came up at MTU 1500 was 1/8 of what OVS asked for, said only at debug level
        assertThat(findings(a, MempoolShrunk.ID)).anySatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.summary()).contains("32,768 mbufs, 1/8 of the 262,144");
        });
        assertThat(a.verdict().summary()).startsWith("Port dpdk0 could not change to MTU 9000");
    }

    @Test
    void fixture06VhostPortGetsNoPoolWhenItsGuestConnects() {
        Analysis a = analyze(F06 + "ovs-vswitchd.d.log", F06 + "ovs-vsctl-list-interface-vhu0.d.guest.txt");
        assertThat(findings(a, PortMempools.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).contains("Port vhu0 (vhost-user) got no memory pool when its guest connected")
                    .contains("MTU 9000 on NUMA socket 0");
            assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).contains("numatune"));
        });
    }

    @Test
    void fixture06InMemoryStartWithoutMountIsInformationOnly() {
        Analysis a = analyze(F06 + "ovs-vswitchd.a1.log", F06 + "ovs-vswitchd.a1.stderr.txt");
        assertThat(problems(a)).isEmpty();
        assertThat(findings(a, EalStartup.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).contains("--in-memory");
        });
        assertThat(findings(a, EalStartup.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.summary()).contains("DPDK 22.11.11").doesNotContain("Using ");
        });
    }

    @Test
    void fixture07TestpmdCasesGetTheVerdictsTheirNotesExpect() {
        assertThat(problems(analyze(F07 + "dpdk-testpmd.01-no-hugepages.txt"))).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("no usable hugepages").contains("testpmd exited"));
        assertThat(problems(analyze(F07 + "dpdk-testpmd.02-no-hugetlbfs-mount.txt"))).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("64 hugepages of 2 MB are reserved but no hugetlbfs"));
        assertThat(problems(analyze(F07 + "dpdk-testpmd.03-no-hugetlbfs-in-memory.txt"))).isEmpty();
        assertThat(problems(analyze(F07 + "dpdk-testpmd.04-m-larger-than-hugepages.txt"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.summary()).contains("asks for 512 MB on all sockets but only 128 MB");
                    assertThat(f.remediation().get(0).command()).isEqualTo("-m 128");
                });
        assertThat(problems(analyze(F07 + "dpdk-testpmd.05-socket-mem-too-large.txt"))).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("1,024 MB on NUMA socket 0 but only 128 MB"));
        assertThat(problems(analyze(F07 + "dpdk-testpmd.06-default-pool-too-big.txt",
                F07 + "meminfo-huge.06-default-pool-too-big.txt"))).singleElement().satisfies(f -> {
                    assertThat(f.id()).isEqualTo(AppMbufPool.ID);
                    assertThat(f.summary()).contains("155,456 mbufs of 2,176 B").contains("128 MiB of hugepages");
                    assertThat(f.remediation().get(0).command()).startsWith("--total-num-mbufs=");
                });
        assertThat(problems(analyze(F07 + "dpdk-testpmd.07-jumbo-pool-too-big.txt"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.summary()).contains("16,384 mbufs of 10,240 B");
                    assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).isEqualTo("--mbuf-size=2176"));
                });
        assertThat(problems(analyze(F07 + "dpdk-testpmd.08-ok-small-pool.txt"))).isEmpty();
        assertThat(problems(analyze(F07 + "dpdk-testpmd.09-no-huge-m16.txt"))).singleElement()
                .satisfies(f -> assertThat(f.id()).isEqualTo(AppMbufPool.ID));
        assertThat(problems(analyze(F07 + "dpdk-testpmd.10-no-huge-m2.txt"))).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("rte_zmalloc(32 struct rte_port) failed")
                        .contains("too small for the application itself"));
        assertThat(problems(analyze(F07 + "dpdk-testpmd.11-no-huge-ok.txt"))).isEmpty();
    }

    @Test
    void seed002WholeGivesAFindingPerCase() {
        Analysis a = analyze("seeds/002_c6fad3b7097f7df4.txt");
        List<Finding> eal = findings(a, EalStartup.ID);
        assertThat(eal).anySatisfy(f -> assertThat(f.summary()).contains("1 GB").contains("no hugetlbfs is mounted"));
        assertThat(eal).anySatisfy(f -> assertThat(f.summary()).contains("32,768 MB on NUMA socket 0 but only 16,384 MB"));
        assertThat(eal).anySatisfy(f -> assertThat(f.summary()).contains("rejected --socket-mem"));
        List<Finding> pools = findings(a, PortMempools.ID);
        assertThat(pools).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).contains("RING: Cannot reserve memory").contains("not a failure");
        });
        assertThat(pools).anySatisfy(f -> assertThat(f.summary()).contains("Port dpdk0 got no memory pool")
                .contains("If the port was being added, it is unusable").contains("keeps the old MTU"));
        assertThat(pools).anySatisfy(f -> assertThat(f.summary()).contains("vhost0 (vhost-user)")
                .contains("NUMA socket 1"));
        List<Finding> runtime = findings(a, RuntimeMbufs.ID);
        assertThat(runtime).anySatisfy(f -> {
            assertThat(f.summary()).contains("Port dpdk0 ran out of mbufs and could not start its queues");
            assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).contains("options:n_rxq=4"));
            assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).contains("options:n_rxq_desc=1024"));
        });
        assertThat(runtime).anySatisfy(f -> assertThat(f.summary()).contains("vhost ports could not get mbufs"));
        assertThat(findings(a, MempoolShrunk.ID)).singleElement().satisfies(f -> assertThat(f.summary())
                .contains("allocated ovs_mp_2030_0_262144 (socket 0, 262,144 mbufs, frames up to 2030 B)")
                .contains("reused").contains("freed"));
    }

    @Test
    void publicOvsLogsABusErrorDuringStartAndABuildWithoutDpdkThatWasFixed() {
        Analysis died = analyze("fixtures/public/ovs-dpdk/ovs-vswitchd-dpdk18.11-no-hugepages-buserror-2020.txt");
        assertThat(problems(died)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).contains("died while DPDK was starting").contains("Bus error")
                    .contains("--socket-mem 1024,0");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("fork child died before signaling startup"));
        });
        Analysis fixed = analyze("fixtures/public/ovs-dpdk/ovs-vswitchd-grep-DPDK-ubuntu22.04-dpdk21.11.txt");
        assertThat(problems(fixed)).isEmpty();
        assertThat(findings(fixed, EalStartup.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).contains("built without DPDK").contains("A later start succeeded");
        });
    }

    @Test
    void capturedOvsWithBrokenPortsAndSocketMemTooSmallForFullPools() {
        Analysis a = analyze("captured/ovs");
        assertThat(findings(a, PortMempools.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).contains("Port dpdk3 has no memory pool").contains("MTU 9000")
                    .contains("the new port is unusable").contains("dpdk-socket-mem gives it 256 MB");
        });
        assertThat(findings(a, InterfaceErrors.ID)).extracting(Finding::title).containsExactlyInAnyOrder(
                "Interface dpdk1 is in error", "Interface dpdk2 is in error", "Interface dpdk3 is in error");
        assertThat(findings(a, InterfaceErrors.ID)).anySatisfy(f -> assertThat(f.summary())
                .contains("Error attaching device 'net_nosuchdriver0' to DPDK"));
        assertThat(findings(a, OvsMemorySizing.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).contains("shared model").contains("dpdk3 (MTU 9000)")
                    .contains("dpdk-socket-mem gives 256 MB").contains("enough only for smaller pools")
                    .contains("Recommended: dpdk-socket-mem=4096");
            assertThat(f.remediation().get(0).command())
                    .isEqualTo("ovs-vsctl --no-wait set Open_vSwitch . other_config:dpdk-socket-mem=4096");
        });
    }

    @Test
    void containerWithoutTheHugetlbfsMount() {
        assertThat(problems(analyze("fixtures/public/ovs-dpdk/eal-k8s-sriov-dpdk-app-hugetlbfs-missing.txt")))
                .singleElement().satisfies(f -> assertThat(f.summary())
                        .contains("1,024 hugepages of 2 MB are reserved but no hugetlbfs is mounted"));
    }

    @Test
    void staleHugepageFilesAfterAKilledTestpmd() {
        Analysis a = analyze("captured/hugepages");
        assertThat(findings(a, Hugepages.ID)).anySatisfy(f -> {
            assertThat(f.summary()).contains("17 files").contains("34 MiB").contains("dhhugemap_");
            assertThat(f.remediation().get(0).command()).startsWith("fuser -v ");
        });
    }

    @Test
    void aHostWithoutDpdkSaysSoInOneLine() {
        Analysis a = analyze("fixtures/08-healthy-baseline");
        assertThat(a.findings().stream().filter(f -> f.stage() == Stage.DPDK)).allSatisfy(f ->
                assertThat(f.severity()).isEqualTo(Severity.OK));
        assertThat(findings(a, Hugepages.ID)).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("No hugepages reserved."));
    }

    @Test
    void mbufSizesFollowOvsFormula() {
        // the sizes OVS printed in fixture 06: "mbufs of size 2176" at MTU 1500, 9344 at 9000
        assertThat(Mbufs.bufSize(1500)).isEqualTo(2176);
        assertThat(Mbufs.bufSize(9000)).isEqualTo(9344);
        // rte_mempool_dump of the 32768-mbuf pool: total_obj_size=3008
        assertThat(Mbufs.poolBytes(1, 2176)).isEqualTo(3008);
        assertThat(Mbufs.PoolName.decode("ovsc5a50bce00093260016384")).isEqualTo(new Mbufs.PoolName(9326, 0, 16384));
        assertThat(Mbufs.PoolName.decode("ovs_mp_2030_0_262144")).isEqualTo(new Mbufs.PoolName(2030, 0, 262144));
        assertThat(Mbufs.PoolName.decode("mb_pool_0")).isNull();
    }
}
