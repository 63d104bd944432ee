package dev.drophound.parse.huge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.HugePagePool;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.parse.mem.ProcMeminfoParser;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SysfsHugepagesParserTest {

    private static final String STALE = "captured/hugepages/grep-r-sys-kernel-mm-hugepages.stale.txt";
    private final SysfsHugepagesParser parser = new SysfsHugepagesParser();

    private Parsed parse(String relative) {
        return TestData.parse(parser, TestData.block(relative));
    }

    @Test
    void grep_r_system_wide_one_pool_per_size_with_the_pages_a_killed_dpdk_process_still_holds() {
        Parsed r = parse(STALE);
        List<HugePagePool> pools = r.all(HugePagePool.class);
        assertThat(pools).hasSize(2);
        HugePagePool twoMb = pools.get(0);
        assertThat(twoMb.node()).isNull();
        assertThat(twoMb.pageSizeKb()).isEqualTo(2048);
        assertThat(twoMb.total()).isEqualTo(96);
        assertThat(twoMb.free()).isEqualTo(79);
        assertThat(twoMb.reserved()).isZero();
        assertThat(twoMb.surplus()).isZero();
        // free, resv, surplus on lines 1-3, nr_hugepages on line 5; mempolicy (4) and overcommit (6) are not in the fact
        assertThat(twoMb.span().lines()).extracting(l -> l.number()).containsExactly(1, 2, 3, 5);
        assertThat(twoMb.span().lines().get(3).text())
                .isEqualTo("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages:96");
        HugePagePool oneGb = pools.get(1);
        assertThat(oneGb.pageSizeKb()).isEqualTo(1048576);
        assertThat(oneGb.total()).isZero();
        assertThat(oneGb.free()).isZero();
    }

    @Test
    void demote_is_write_only_so_grep_r_as_root_always_complains_and_that_is_not_reported() {
        Parsed r = parse(STALE);
        assertThat(TestData.text(STALE).lines().toList().get(11))
                .isEqualTo("grep: /sys/kernel/mm/hugepages/hugepages-1048576kB/demote: Permission denied");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void the_fixture_08_baseline_has_empty_pools() {
        List<HugePagePool> pools = parse("fixtures/08-healthy-baseline/sys-kernel-mm-hugepages.txt").all(HugePagePool.class);
        assertThat(pools).extracting(HugePagePool::pageSizeKb).containsExactly(2048L, 1048576L);
        assertThat(pools).allSatisfy(p -> {
            assertThat(p.total()).isZero();
            assertThat(p.free()).isZero();
        });
    }

    @Test
    void before_reserved_stale_and_removed_show_the_pages_coming_back() {
        assertThat(free("captured/hugepages/grep-r-sys-kernel-mm-hugepages.reserved.txt")).isEqualTo(96);
        assertThat(free(STALE)).isEqualTo(79);
        assertThat(free("captured/hugepages/grep-r-sys-kernel-mm-hugepages.removed.txt")).isEqualTo(96);
    }

    private long free(String relative) {
        return parse(relative).all(HugePagePool.class).get(0).free();
    }

    /** /proc/meminfo's HugePages_* lines are the proc-meminfo parser's (MemoryGauges): not read twice here. */
    @Test
    void the_same_moment_in_proc_meminfo_is_left_to_proc_meminfo() {
        Block meminfo = TestData.block("captured/hugepages/meminfo-huge.stale.txt");
        assertThat(parser.contentScore(meminfo)).isZero();
        assertThat(ParserRegistry.standard().route(meminfo).orElseThrow().parser().id()).isEqualTo(ProcMeminfoParser.ID);
        MemoryGauges m = TestData.parseClean(new ProcMeminfoParser(), meminfo).one(MemoryGauges.class);
        assertThat(m.value("HugePages_Total")).hasValue(96L);
        assertThat(m.value("HugePages_Free")).hasValue(79L);
    }

    @Test
    void per_node_directories_give_the_node_and_have_no_resv() {
        List<HugePagePool> pools = parse("captured/hugepages/grep-r-node-hugepages.stale.txt").all(HugePagePool.class);
        assertThat(pools).hasSize(2).allSatisfy(p -> {
            assertThat(p.node()).isEqualTo(0);
            assertThat(p.reserved()).isNull();
        });
        assertThat(pools.get(0).total()).isEqualTo(96);
        assertThat(pools.get(0).free()).isEqualTo(79);
        assertThat(pools.get(0).span().where()).isEqualTo("grep-r-node-hugepages.stale.txt lines 1-3");
    }

    @Test
    void grep_H_and_head_forms() {
        HugePagePool grepH = TestData.parseClean(parser, TestData.block("captured/hugepages/grep-H-hugepages-2048kB.stale.txt"))
                .one(HugePagePool.class);
        assertThat(grepH.total()).isEqualTo(96);
        assertThat(grepH.free()).isEqualTo(79);

        HugePagePool head = TestData.parseClean(parser, TestData.block("captured/hugepages/head-hugepages-2048kB.stale.txt"))
                .one(HugePagePool.class);
        assertThat(head.node()).isNull();
        assertThat(head.pageSizeKb()).isEqualTo(2048);
        assertThat(head.total()).isEqualTo(96);
        assertThat(head.free()).isEqualTo(79);
        assertThat(head.reserved()).isZero();
        // the "==> path <==" line and its value line both carry the fact
        assertThat(head.span().lines()).extracting(l -> l.number()).contains(1, 2, 4, 5);
    }

    @Test
    void relative_paths_from_grep_run_inside_the_directory() {
        Parsed r = TestData.parse(parser, TestData.blockWithCommand(
                "captured/hugepages/grep-r-in-sys-kernel-mm-hugepages.before.txt", "cd /sys/kernel/mm/hugepages && grep -r ."));
        assertThat(r.all(HugePagePool.class)).extracting(HugePagePool::node, HugePagePool::pageSizeKb, HugePagePool::total)
                .containsExactly(tuple(null, 2048L, 0L), tuple(null, 1048576L, 0L));
        assertThat(r.warnings()).isEmpty();

        // grep . * in one size's directory: the size comes from the file name
        HugePagePool bare = TestData.parseClean(parser, TestData.block("captured/hugepages/grep-in-hugepages-2048kB.before.txt"))
                .one(HugePagePool.class);
        assertThat(bare.pageSizeKb()).isEqualTo(2048);
        assertThat(bare.total()).isZero();
        assertThat(bare.reserved()).isZero();
    }

    @Test
    void bare_names_without_any_size_are_skipped_with_a_warning() {
        Block b = TestData.blockWithCommand("captured/hugepages/grep-in-hugepages-2048kB.before.txt", "grep . *");
        b = new Block(b.source(), b.firstLine(), b.lines(), b.raw(), "listing.txt", b.command(), false);
        Parsed r = TestData.parse(parser, b);
        assertThat(r.facts()).isEmpty();
        assertThat(r.warnings()).singleElement().satisfies(d -> assertThat(d.message()).contains("no page size"));
    }

    @Test
    void one_file_read_with_cat() {
        HugePagePool nr = TestData.parseClean(parser, TestData.block("captured/hugepages/cat-hugepages-2048kB-nr_hugepages.txt"))
                .one(HugePagePool.class);
        assertThat(nr.pageSizeKb()).isEqualTo(2048);
        assertThat(nr.total()).isEqualTo(96);
        assertThat(nr.free()).isNull();

        HugePagePool node = TestData.parseClean(parser, TestData.blockWithCommand(
                "captured/hugepages/cat-hugepages-2048kB-nr_hugepages.txt",
                "cat /sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages")).one(HugePagePool.class);
        assertThat(node.node()).isEqualTo(0);
    }

    @Test
    void a_repeated_file_starts_a_new_sample() {
        String a = TestData.text("captured/hugepages/grep-r-sys-kernel-mm-hugepages.reserved.txt");
        String b = TestData.text(STALE);
        List<HugePagePool> pools = TestData.parse(parser, Block.ofText("loop.txt", a + b)).all(HugePagePool.class);
        assertThat(pools).hasSize(4);
        assertThat(pools).filteredOn(p -> p.pageSizeKb() == 2048).extracting(HugePagePool::free).containsExactly(96L, 79L);
    }

    @Test
    void malformed_value_is_reported_and_the_rest_kept() {
        Block real = TestData.block(STALE);
        Parsed r = TestData.parse(parser, TestData.withLine(real, 0, real.line(0).replace(":79", ":7x9")));
        HugePagePool twoMb = r.all(HugePagePool.class).get(0);
        assertThat(twoMb.free()).isNull();
        assertThat(twoMb.total()).isEqualTo(96);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("free_hugepages is not a number");
        });
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("sys-kernel-mm-hugepages.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        for (String mine : List.of(STALE, "captured/hugepages/grep-r-node-hugepages.before.txt",
                "captured/hugepages/head-hugepages-2048kB.stale.txt", "fixtures/08-healthy-baseline/sys-kernel-mm-hugepages.txt",
                "captured/hugepages/grep-r-in-sys-kernel-mm-hugepages.before.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of("captured/hugepages/meminfo-huge.stale.txt",
                "fixtures/08-healthy-baseline/sys-class-net-eth0-statistics.txt", "fixtures/08-healthy-baseline/sysctl-a-mem.txt",
                "captured/hugepages/grep-H-node-cpulist.txt", "captured/hugepages/dpdk-hugepages-s.stale.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("grep -r . /sys/kernel/mm/hugepages/")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("grep -r . /sys/devices/system/node/node*/hugepages/")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /sys/devices/system/node/node1/hugepages/hugepages-1048576kB/free_hugepages"))
                .isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sys-kernel-mm-hugepages.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("grep-r-node-hugepages.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("dpdk-hugepages-s.a1.txt")).isZero();
        assertThat(parser.nameScore("dpdk-hugepages.py -s")).isZero();
        assertThat(parser.nameScore("grep -i huge /proc/meminfo")).isZero();
        assertThat(parser.nameScore("sysctl vm.nr_hugepages")).isZero();
        assertThat(parser.nameScore("ls -l /dev/hugepages")).isZero();
    }
}
