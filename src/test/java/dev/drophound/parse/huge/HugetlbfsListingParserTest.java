package dev.drophound.parse.huge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.HugetlbfsFile;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class HugetlbfsListingParserTest {

    private static final String DIR = "captured/hugepages/";
    private static final String MOUNT = "/tmp/drophound-huge/mnt/huge-2M";
    private static final long TWO_MB = 2097152;
    private final HugetlbfsListingParser parser = new HugetlbfsListingParser();

    private List<HugetlbfsFile> files(Block block) {
        return TestData.parseClean(parser, block).all(HugetlbfsFile.class);
    }

    @Test
    void ls_l_of_the_mount_after_the_dpdk_process_was_killed() {
        List<HugetlbfsFile> files = files(TestData.blockWithCommand(DIR + "ls-l-huge-2M.stale.txt", "ls -l " + MOUNT));
        assertThat(files).hasSize(17).allSatisfy(f -> {
            assertThat(f.bytes()).isEqualTo(TWO_MB);
            assertThat(f.directory()).isEqualTo(MOUNT);
            assertThat(f.name()).matches("dhhugemap_\\d+");
        });
        assertThat(files.get(0).name()).isEqualTo("dhhugemap_0");
        assertThat(files.get(0).span().where()).isEqualTo("ls-l-huge-2M.stale.txt line 2");
        assertThat(files.get(0).span().lines().get(0).text()).isEqualTo("-rw------- 1 root root 2097152 Nov 22 05:52 dhhugemap_0");
        assertThat(files.stream().mapToLong(HugetlbfsFile::bytes).sum()).isEqualTo(34816L * 1024); // "total 34816"
    }

    @Test
    void without_the_command_the_directory_is_unknown() {
        assertThat(files(TestData.block(DIR + "ls-l-huge-2M.stale.txt"))).hasSize(17)
                .allSatisfy(f -> assertThat(f.directory()).isNull());
    }

    @Test
    void ls_la_skips_the_directories() {
        List<HugetlbfsFile> files = files(TestData.block(DIR + "ls-la-huge-2M.stale.txt"));
        assertThat(files).hasSize(17).extracting(HugetlbfsFile::name).doesNotContain(".", "..");
        assertThat(files.get(0).span().firstLine()).isEqualTo(4);
    }

    @Test
    void ls_lR_takes_the_directory_from_each_header() {
        List<HugetlbfsFile> files = files(TestData.block(DIR + "ls-lR-scratch.stale.txt"));
        assertThat(files).hasSize(17).allSatisfy(f -> assertThat(f.directory()).isEqualTo(MOUNT));
        assertThat(files).extracting(HugetlbfsFile::name).doesNotContain("huge-1G", "huge-2M");
    }

    @Test
    void find_ls_gives_full_paths() {
        List<HugetlbfsFile> files = files(TestData.block(DIR + "find-ls-huge-2M.stale.txt"));
        assertThat(files).hasSize(17).allSatisfy(f -> {
            assertThat(f.directory()).isEqualTo(MOUNT);
            assertThat(f.bytes()).isEqualTo(TWO_MB);
        });
        assertThat(files.get(0).name()).isEqualTo("dhhugemap_16");
        assertThat(files.get(0).span().firstLine()).isEqualTo(2); // line 1 is the directory itself
    }

    @Test
    void du_in_kib_or_bytes_without_the_directory_total() {
        List<HugetlbfsFile> kib = files(TestData.blockWithCommand(DIR + "du-a-huge-2M.stale.txt", "du -a " + MOUNT));
        assertThat(kib).hasSize(17).allSatisfy(f -> {
            assertThat(f.bytes()).isEqualTo(TWO_MB);
            assertThat(f.directory()).isEqualTo(MOUNT);
        });
        assertThat(kib).extracting(HugetlbfsFile::name).doesNotContain("huge-2M");

        List<HugetlbfsFile> bytes = files(TestData.blockWithCommand(DIR + "du-ab-huge-2M.stale.txt", "du -ab " + MOUNT));
        assertThat(bytes).hasSize(17).allSatisfy(f -> assertThat(f.bytes()).isEqualTo(TWO_MB));
        // the file name says the options when there is no command
        assertThat(files(TestData.block(DIR + "du-ab-huge-2M.stale.txt"))).allSatisfy(f -> assertThat(f.bytes()).isEqualTo(TWO_MB));
    }

    @Test
    void an_empty_mount_after_the_files_were_removed() {
        Parsed r = TestData.parseClean(parser, TestData.block(DIR + "ls-l-huge-2M.removed.txt"));
        assertThat(r.facts()).isEmpty();
    }

    @Test
    void no_such_directory_is_the_tools_message() {
        Parsed r = TestData.parse(parser, TestData.block(DIR + "ls-l-dev-hugepages.missing.txt"));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("cannot access '/dev/hugepages'");
        });
    }

    @Test
    void a_size_that_is_not_a_number_is_malformed() {
        Block real = TestData.block(DIR + "du-a-huge-2M.stale.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 3, real.line(3).replace("2048", "20x8")));
        assertThat(r.all(HugetlbfsFile.class)).hasSize(16);
        assertThat(r.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(4));
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("ls-l-dev-hugepages.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        for (String mine : List.of("ls-l-huge-2M.stale.txt", "ls-la-huge-2M.stale.txt", "ls-lR-scratch.stale.txt",
                "find-ls-huge-2M.stale.txt", "du-a-huge-2M.stale.txt")) {
            assertThat(parser.contentScore(TestData.block(DIR + mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        // listings that are not of a hugetlbfs mount: DPDK's runtime directory, /proc/PID/fd, a sysfs link, and
        // fixtures 06/07's ls of the (missing) /var/run/dpdk
        for (String other : List.of(DIR + "ls-la-var-run-dpdk-prefix.stale.txt", "captured/proc-fd/ls-l-proc-fd.txt",
                "captured/sysfs/ls-l-sys-class-net-device-driver.txt", "fixtures/06-ovs-dpdk-memory/dpdk-rundir.after.txt",
                "fixtures/07-dpdk-testpmd-memory/dpdk-rundir.after.txt", DIR + "proc-mounts.notmpfs.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
            assertThat(parser.nameScore(TestData.block(other).name())).as(other).isZero();
        }
        assertThat(parser.nameScore("ls -l /dev/hugepages")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ls -lR /mnt/huge")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("find /dev/hugepages -ls")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("du -a /mnt/huge_1GB")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ls-l-huge-2M.removed.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ls -la /var/run/dpdk/rte")).isZero();
        assertThat(parser.nameScore("ls -l /sys/kernel/mm/hugepages")).isZero();
        assertThat(parser.nameScore("ls -l /tmp")).isZero();
        assertThat(parser.nameScore("grep hugetlbfs /proc/mounts")).isZero();
    }
}
