package dev.drophound.checks.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory checks on real evidence, through the whole pipeline: seeds 003 and 004, fixture 09's series, a
 * restart-leak series captured here, real OOM reports from several kernels, and a healthy host.
 */
class MemoryChecksTest {

    static Analysis analyze(String... relative) {
        return Analyzer.standard().analyzePaths(java.util.Arrays.stream(relative).map(r -> TestData.path(r).toString())
                .toList(), new ByteArrayInputStream(new byte[0]));
    }

    static List<Finding> findings(Analysis a, String id) {
        return a.findings().stream().filter(f -> f.id().equals(id)).toList();
    }

    @Test
    void seed003NamesTheLeakingCallSiteTheFtraceImbalanceAndTheGrowingCache() {
        Analysis a = analyze("seeds/003_7648ab4276b3063d.txt");
        assertThat(findings(a, SlubTracePairs.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("igb_kni_probe <- kni_ioctl_create").contains("kmalloc-8192")
                    .contains("0 of 1 freed").contains("reiserfs_insert_item");
        });
        assertThat(findings(a, FunctionPairs.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("kni-11436").contains("alloc_netdev_mqs 4 times").contains("free_netdev 2 times")
                    .contains("2 never released");
        });
        // after the fix, a new run of kni allocates and frees four each
        assertThat(findings(a, FunctionPairs.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.summary()).contains("kni-13861").contains("balanced");
        });
        assertThat(findings(a, MemoryGrowth.ID)).anySatisfy(f -> {
            assertThat(f.severity()).isIn(Severity.WARNING, Severity.CRITICAL);
            assertThat(f.summary()).contains("kmalloc-8192").contains("+7,744 objects").contains("unreclaimable");
        });
        assertThat(a.verdict().stage()).isEqualTo(Stage.MEMORY);
    }

    @Test
    void seed004KmemleakGroupIsNamed() {
        Analysis a = analyze("seeds/004_b9d39fd4d8330062.txt");
        assertThat(findings(a, KmemleakGroups.ID)).singleElement().satisfies(f -> {
            assertThat(f.summary()).contains("skb_clone <- hci_event_packet").contains("256 B");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("unreferenced object 0xffff880005339a00"));
        });
    }

    @Test
    void fixture09GrowthInTheNetnsCachesThenFreed() {
        Analysis a = analyze("fixtures/09-kernel-memory-growth-netns/samples");
        Finding f = findings(a, MemoryGrowth.ID).stream().filter(x -> x.title().contains("freed")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.summary()).contains("kmalloc-cg-4k").contains("kernfs_node_cache").contains("came back");
        assertThat(a.findings()).noneMatch(x -> x.severity().atLeast(Severity.WARNING));
    }

    @Test
    void fixture09UpToThePlateauIsAGrowingLeakWithItsRate() {
        // the same series cut at the plateau (samples 0001-0030): growth, not yet freed
        List<String> files = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            files.add(String.format("fixtures/09-kernel-memory-growth-netns/samples/slabinfo.%04d.txt", i));
        }
        Analysis a = analyze(files.toArray(String[]::new));
        Finding f = findings(a, MemoryGrowth.ID).get(0);
        assertThat(f.severity()).isIn(Severity.WARNING, Severity.CRITICAL);
        assertThat(f.summary()).contains("kmalloc-cg-4k").contains("per sample").doesNotContain("came back");
        assertThat(f.explanation()).contains("namespaces or netdevs");
        assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).contains("ip netns list"));
    }

    @Test
    void growthThatStepsWithRestartsIsAttributedToTheProgram() {
        Analysis a = analyze("captured/restart-leak");
        Finding f = findings(a, MemoryGrowth.ID).get(0);
        assertThat(f.summary()).contains("`leakyd` restarts").contains("setup path");
    }

    @Test
    void userMemoryGrowthNamesTheProcessThatGrows() {
        Analysis a = analyze("captured/user-growth");
        assertThat(findings(a, MemoryGrowth.ID)).singleElement().satisfies(f -> {
            assertThat(f.title()).contains("AnonPages");
            assertThat(f.summary()).contains("python3 pid 9791 RSS +100 MiB").contains("+100 MiB");
        });
    }

    @Test
    void oomReportsExplainedAcrossKernels() {
        Analysis global = analyze("fixtures/10-oom-global-user-process/dmesg-oom.txt");
        assertThat(findings(global, OomExplained.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).contains("python3 (pid 31017)").contains("whole host")
                    .contains("node0 Normal free").contains("Most memory was in user processes");
        });
        Analysis slab = analyze("fixtures/public/oom/kvm-5.8-rc4-global-unreclaimable-slab-kmemleak.txt");
        assertThat(findings(slab, OomExplained.ID).get(0).summary()).contains("Most memory was in unreclaimable kernel slab")
                .contains("kmemleak_object");
        Analysis memcg = analyze("fixtures/public/oom/v5.2-rc7-memcg-v1-leaker.txt");
        assertThat(findings(memcg, OomExplained.ID).get(0).summary()).contains("memory cgroup /leaker reached its limit");
        Analysis order6 = analyze("fixtures/public/oom/rhel8-4.18-aarch64-page-allocation-failure-order6-qede.txt");
        assertThat(findings(order6, OomExplained.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("order 6").contains("fragmented");
        });
        for (String f : List.of("arch-6.1.1-global-doxygen.txt", "centos6.5-2.6.32-431-global-ruby-syslog.txt",
                "rhel7-3.10.0-514-global-sed.txt", "proxmox-5.15-memcg-lxc-phpfpm.txt", "openeuler2203-5.10-global-aout.txt")) {
            Analysis x = analyze("fixtures/public/oom/" + f);
            assertThat(findings(x, OomExplained.ID)).as(f).isNotEmpty()
                    .allSatisfy(o -> assertThat(o.summary()).startsWith(o.title().startsWith("Out-of-memory") ? "Out of memory" : ""));
            assertThat(x.verdict().stage()).as(f).isEqualTo(Stage.MEMORY);
        }
    }

    @Test
    void packetsQueuedOnEgressAreNamedAsTheMemoryNotALeak() {
        Analysis a = analyze("captured/egress-backlog");
        assertThat(findings(a, EgressBacklog.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("tbf qdisc 8006: on dhq0 holds 100 MiB").contains("84,428 packets");
            assertThat(f.remediation()).anySatisfy(r -> assertThat(r.command()).contains("fq_codel"));
        });
        assertThat(findings(a, MemoryGrowth.ID)).anySatisfy(f -> {
            assertThat(f.title()).contains("packets waiting in queues");
            assertThat(f.summary()).contains("kmalloc-2k").contains("not a leak");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void aSocketNobodyReadsIsNamedWithWhatItHolds() {
        Analysis a = analyze("captured/unread-socket");
        assertThat(findings(a, SocketQueues.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("udp 127.0.0.1:47091").contains("python3 pid 5069").contains("66 MiB")
                    .contains("128 MiB");
        });
        // the unreclaimable slab that grew is those queued datagrams, not a leak
        assertThat(findings(a, MemoryGrowth.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).contains("not a leak");
        });
        assertThat(a.verdict().summary()).startsWith("Socket udp 127.0.0.1:47091 (python3 pid 5069) holds 66 MiB");
    }

    @Test
    void smallQueuesAreNoMemoryConcern() {
        Analysis a = analyze("fixtures/04-qdisc-drops-veth");
        assertThat(findings(a, EgressBacklog.ID)).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
        Analysis sockets = analyze("fixtures/08-healthy-baseline");
        assertThat(findings(sockets, SocketQueues.ID)).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void earlyoomDryRunsKillNothing() {
        Analysis a = analyze("captured/earlyoom/earlyoom-dryrun-sigkill.txt");
        assertThat(findings(a, OomExplained.ID)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).contains("dry-run mode").contains("nothing was killed");
        });
    }

    @Test
    void healthyHostHasNoMemoryWarning() {
        Analysis a = analyze("fixtures/08-healthy-baseline");
        assertThat(a.findings()).filteredOn(f -> f.stage() == Stage.MEMORY)
                .isNotEmpty().noneMatch(f -> f.severity().atLeast(Severity.WARNING));
        assertThat(findings(a, MemoryBreakdown.ID).get(0).summary()).contains("available").contains("page cache");
    }
}
