package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcMeminfoParserTest {

    private static final long KIB = 1024;
    private final ProcMeminfoParser parser = new ProcMeminfoParser();

    private MemoryGauges one(String relative) {
        return TestData.parseClean(parser, TestData.block(relative)).one(MemoryGauges.class);
    }

    @Test
    void kernel_6_18_every_line_in_bytes_or_counts() {
        MemoryGauges m = one("fixtures/08-healthy-baseline/proc-meminfo.txt");
        assertThat(m.kind()).isEqualTo("meminfo");
        assertThat(m.entity()).isEmpty();
        assertThat(m.format()).isEqualTo("proc-meminfo");
        assertThat(m.approximate()).isFalse();
        assertThat(m.values()).hasSize(54);
        assertThat(m.value("MemTotal")).hasValue(24684084 * KIB);
        assertThat(m.value("MemAvailable")).hasValue(24313400 * KIB);
        assertThat(m.value("SUnreclaim")).hasValue(29752 * KIB);
        assertThat(m.value("Active(anon)")).hasValue(1512 * KIB);
        assertThat(m.value("VmallocTotal")).hasValue(34359738367L * KIB);
        assertThat(m.value("HugePages_Total")).hasValue(0L);
        assertThat(m.value("Hugepagesize")).hasValue(2048 * KIB);
        assertThat(m.span().firstLine()).isEqualTo(1);
        assertThat(m.span().lastLine()).isEqualTo(54);
    }

    @Test
    void kernels_from_2_6_32_to_android_6_6() {
        MemoryGauges centos6 = one("fixtures/public/meminfo/centos6-2.6.32-504-no-MemAvailable-slab-bloat.txt");
        assertThat(centos6.values()).doesNotContainKey("MemAvailable").doesNotContainKey("KReclaimable");
        assertThat(centos6.value("Slab")).hasValue(1727880 * KIB);
        assertThat(centos6.value("SReclaimable")).hasValue(1705260 * KIB);
        assertThat(centos6.value("HardwareCorrupted")).hasValue(0L);

        assertThat(one("fixtures/public/meminfo/kernel-3.19.1-MemAvailable.txt").value("MemAvailable")).hasValue(1890008 * KIB);
        assertThat(one("fixtures/public/meminfo/rhel7.1-3.10.txt").value("Shmem")).hasValue(461316 * KIB);
        assertThat(one("fixtures/public/meminfo/small-vm-1gb-3.14plus-2016.txt").value("MemFree")).hasValue(50012 * KIB);

        MemoryGauges k8s = one("fixtures/public/meminfo/ubuntu-5.4-k8s.txt");
        assertThat(k8s.value("Percpu")).hasValue(2184 * KIB);
        assertThat(k8s.value("DirectMap1G")).hasValue(2097152 * KIB);

        MemoryGauges android = one("fixtures/public/meminfo/android-gki-6.6-arm64-sm8750.txt");
        assertThat(android.values()).doesNotContainKey("HugePages_Total").containsKey("ShadowCallStack");
        assertThat(android.value("Committed_AS")).hasValue(307714316 * KIB);
        assertThat(android.value("CmaFree")).hasValue(590220 * KIB);
        assertThat(android.span().lastLine()).isEqualTo(45);
    }

    @Test
    void a_numa_node_file_gives_entity_node0() {
        MemoryGauges node = one("captured/memory/sys-devices-system-node-node0-meminfo.txt");
        assertThat(node.entity()).isEqualTo("node0");
        assertThat(node.value("MemTotal")).hasValue(8349908 * KIB);
        assertThat(node.value("MemUsed")).hasValue(1253832 * KIB);
        assertThat(node.value("FilePages")).hasValue(246828 * KIB);
        assertThat(node.value("HugePages_Surp")).hasValue(0L);
        assertThat(node.values()).hasSize(36);
    }

    @Test
    void grep_of_hugepage_lines() {
        MemoryGauges huge = one("fixtures/06-ovs-dpdk-memory/meminfo-huge.a1.txt");
        assertThat(huge.value("HugePages_Total")).hasValue(256L);
        assertThat(huge.value("HugePages_Free")).hasValue(256L);
        assertThat(huge.value("Hugetlb")).hasValue(524288 * KIB);
        assertThat(huge.values()).hasSize(9);
    }

    @Test
    void a_line_of_another_command_in_the_same_file_is_left_to_the_sink() {
        // grep -E 'HugePages_(Total|Free)' /proc/meminfo; grep hugetlbfs /proc/mounts || echo '(no hugetlbfs mounted)'
        Parsed r = TestData.parse(parser, TestData.block("fixtures/07-dpdk-testpmd-memory/meminfo-huge.07-jumbo-pool-too-big.txt"));
        MemoryGauges huge = r.one(MemoryGauges.class);
        assertThat(huge.value("HugePages_Free")).hasValue(57L);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("not understood");
        });
    }

    @Test
    void series_samples_of_fixture_09() {
        MemoryGauges before = one("fixtures/09-kernel-memory-growth-netns/proc-meminfo.before.txt");
        MemoryGauges plateau = one("fixtures/09-kernel-memory-growth-netns/proc-meminfo.plateau.txt");
        assertThat(plateau.value("SUnreclaim").orElseThrow()).isGreaterThan(before.value("SUnreclaim").orElseThrow());
        assertThat(one("fixtures/09-kernel-memory-growth-netns/samples/meminfo.0001.txt").value("MemFree"))
                .hasValue(23170372 * KIB);
    }

    @Test
    void a_repeated_name_starts_a_new_sample() {
        String a = TestData.text("fixtures/09-kernel-memory-growth-netns/samples/meminfo.0001.txt");
        String b = TestData.text("fixtures/09-kernel-memory-growth-netns/samples/meminfo.0002.txt");
        Parsed r = TestData.parseClean(parser, Block.ofText("meminfo-loop.txt", a + b));
        List<MemoryGauges> samples = r.all(MemoryGauges.class);
        assertThat(samples).hasSize(2);
        assertThat(samples.get(1).span().firstLine()).isEqualTo(Block.splitLines(a).size() + 1);
        assertThat(samples.get(1).values()).hasSameSizeAs(samples.get(0).values());
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-meminfo.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void the_readers_message_instead_of_the_file() {
        Parsed r = TestData.parse(parser, TestData.block("captured/memory/sys-devices-system-node-node1-meminfo.missing.txt"));
        assertThat(r.facts()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("No such file or directory");
        });
    }

    @Test
    void malformed_line_is_reported_and_the_others_kept() {
        Block real = TestData.block("fixtures/08-healthy-baseline/proc-meminfo.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 1, real.line(1).replace("23297604", "x1z")));
        MemoryGauges m = r.one(MemoryGauges.class);
        assertThat(m.values()).hasSize(53).doesNotContainKey("MemFree").containsKey("MemAvailable");
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("MemFree has no number");
        });
    }

    @Test
    void an_authors_marker_after_the_value_is_ignored() {
        Block real = TestData.block("fixtures/public/meminfo/centos6-2.6.32-504-no-MemAvailable-slab-bloat.txt");
        int slab = lineStarting(real, "Slab:");
        Parsed r = TestData.parse(parser, TestData.withLine(real, slab, real.line(slab) + " ★"));
        assertThat(r.one(MemoryGauges.class).value("Slab")).hasValue(1727880 * KIB);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        for (String mine : List.of("fixtures/08-healthy-baseline/proc-meminfo.txt",
                "fixtures/public/meminfo/android-gki-6.6-arm64-sm8750.txt",
                "captured/memory/sys-devices-system-node-node0-meminfo.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        assertThat(parser.contentScore(TestData.block("fixtures/06-ovs-dpdk-memory/meminfo-huge.a1.txt"))).isEqualTo(80);
        for (String other : List.of("fixtures/08-healthy-baseline/free-b.txt", "fixtures/08-healthy-baseline/proc-vmstat.txt",
                "fixtures/08-healthy-baseline/sysctl-a-mem.txt", "fixtures/08-healthy-baseline/proc-net-sockstat.txt",
                "fixtures/08-healthy-baseline/sys-class-net-eth0-statistics.txt", "fixtures/08-healthy-baseline/vmstat-s.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("cat /proc/meminfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("grep -i huge /proc/meminfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /sys/devices/system/node/node1/meminfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-meminfo.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("meminfo.0001.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sosreport/proc/meminfo")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("public/meminfo/free-kb-old-format-2.5-era.txt")).isZero();
        assertThat(parser.nameScore("free -m")).isZero();
        assertThat(parser.nameScore("cat /proc/vmstat")).isZero();
        assertThat(parser.nameScore("cat /proc/self/status")).isZero();
        Block meminfo = TestData.block("fixtures/08-healthy-baseline/proc-meminfo.txt");
        assertThat(parser.startsOutput(meminfo.line(0))).isTrue();
        assertThat(parser.startsOutput(meminfo.line(1))).isFalse();
        assertThat(parser.startsOutput(TestData.block("captured/memory/sys-devices-system-node-node0-meminfo.txt").line(0))).isTrue();
        assertThat(parser.startsOutput(TestData.block("fixtures/08-healthy-baseline/free-b.txt").line(0))).isFalse();
    }

    static int lineStarting(Block block, String prefix) {
        for (int i = 0; i < block.size(); i++) {
            if (block.line(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }
}
