package dev.drophound.parse.huge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.MountEntry;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcMountsParserTest {

    private static final String DIR = "captured/hugepages/";
    private static final String TWO_MB = "/tmp/drophound-huge/mnt/huge-2M";
    private final ProcMountsParser parser = new ProcMountsParser();

    private List<MountEntry> mounts(String relative) {
        return TestData.parseClean(parser, TestData.block(relative)).all(MountEntry.class);
    }

    private static List<MountEntry> hugetlbfs(List<MountEntry> all) {
        return all.stream().filter(m -> m.fsType().equals("hugetlbfs")).toList();
    }

    @Test
    void proc_mounts_grep_of_fixture_06() {
        MountEntry m = TestData.parseClean(parser, TestData.block("fixtures/06-ovs-dpdk-memory/mounts-hugetlbfs.b.txt"))
                .one(MountEntry.class);
        assertThat(m.device()).isEqualTo("nodev");
        assertThat(m.mountPoint()).isEqualTo("/srv/lab/06-ovs-dpdk-memory/_scratch/hugepages");
        assertThat(m.fsType()).isEqualTo("hugetlbfs");
        assertThat(m.options()).containsExactlyInAnyOrderEntriesOf(Map.of("rw", "", "relatime", "", "pagesize", "2M"));
        assertThat(m.span().where()).isEqualTo("mounts-hugetlbfs.b.txt line 1");
    }

    @Test
    void the_captures_fallback_line_when_nothing_was_mounted() {
        Parsed r = TestData.parse(parser, TestData.block("fixtures/06-ovs-dpdk-memory/mounts-hugetlbfs.a1.txt"));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("(no hugetlbfs mounted)");
        });
    }

    @Test
    void every_filesystem_of_proc_mounts() {
        List<MountEntry> all = mounts(DIR + "proc-mounts.notmpfs.txt");
        assertThat(all).hasSize(19);
        assertThat(all.get(4).mountPoint()).isEqualTo("/");
        assertThat(all.get(4).device()).isEqualTo("/dev/vda");
        assertThat(all.get(4).options()).containsEntry("resuid", "65534").containsKey("discard");
        assertThat(all.get(15).fsType()).isEqualTo("cgroup2");
        assertThat(hugetlbfs(all)).extracting(m -> m.options().get("pagesize")).containsExactly("2M", "1024M");
    }

    @Test
    void mountinfo_keeps_the_per_mount_and_the_superblock_options() {
        List<MountEntry> all = mounts(DIR + "proc-self-mountinfo.notmpfs.txt");
        assertThat(all).hasSize(19);
        MountEntry netns = all.get(16); // line 17 has the optional field shared:1
        assertThat(netns.mountPoint()).isEqualTo("/run/netns");
        assertThat(netns.device()).isEqualTo("/dev/vda");
        assertThat(netns.span().firstLine()).isEqualTo(17);
        MountEntry huge = all.get(17);
        assertThat(huge.mountPoint()).isEqualTo(TWO_MB);
        assertThat(huge.device()).isEqualTo("nodev");
        assertThat(huge.fsType()).isEqualTo("hugetlbfs");
        // relatime is a per-mount option, pagesize only a superblock one
        assertThat(huge.options()).containsExactlyInAnyOrderEntriesOf(Map.of("rw", "", "relatime", "", "pagesize", "2M"));
    }

    @Test
    void mount_output() {
        List<MountEntry> huge = mounts(DIR + "mount-t-hugetlbfs.txt");
        assertThat(huge).extracting(MountEntry::mountPoint).containsExactly(TWO_MB, "/tmp/drophound-huge/mnt/huge-1G");
        assertThat(huge.get(0).options()).containsEntry("pagesize", "2M");
        assertThat(mounts(DIR + "mount.notmpfs.txt")).hasSize(19);
    }

    @Test
    void findmnt_tree_list_and_headerless() {
        List<MountEntry> tree = mounts(DIR + "findmnt.notmpfs.txt");
        assertThat(tree).hasSize(19);
        assertThat(tree.get(1).mountPoint()).isEqualTo("/proc"); // "├─/proc"
        assertThat(tree.get(3).mountPoint()).isEqualTo("/sys/fs/cgroup/cpu"); // "│ ├─/sys/fs/cgroup/cpu"
        assertThat(tree.get(3).span().firstLine()).isEqualTo(5);
        assertThat(tree).filteredOn(m -> m.mountPoint().equals("/run/netns")).singleElement()
                .satisfies(m -> assertThat(m.device()).isEqualTo("/dev/vda[/run/netns]"));
        assertThat(hugetlbfs(tree)).hasSize(2);

        List<MountEntry> nested = mounts(DIR + "findmnt-R-scratch.txt");
        assertThat(nested).extracting(MountEntry::fsType).containsExactly("tmpfs", "hugetlbfs", "hugetlbfs");
        assertThat(nested.get(2).mountPoint()).isEqualTo("/tmp/drophound-huge/mnt/huge-1G");
        assertThat(nested.get(2).options()).containsEntry("pagesize", "1024M");

        assertThat(mounts(DIR + "findmnt-l.notmpfs.txt")).hasSize(19);
        assertThat(hugetlbfs(mounts(DIR + "findmnt-t-hugetlbfs.txt"))).hasSize(2);
        List<MountEntry> bare = mounts(DIR + "findmnt-ln-t-hugetlbfs.txt");
        assertThat(bare).extracting(MountEntry::mountPoint).containsExactly(TWO_MB, "/tmp/drophound-huge/mnt/huge-1G");
        assertThat(bare.get(0).device()).isEqualTo("nodev");
    }

    @Test
    void every_form_says_the_same_about_the_2M_mount() {
        for (String f : List.of("proc-mounts.grep-hugetlbfs.txt", "proc-self-mountinfo.grep-hugetlbfs.txt",
                "mount-t-hugetlbfs.txt", "findmnt-t-hugetlbfs.txt", "findmnt-l-t-hugetlbfs.txt", "findmnt-ln-t-hugetlbfs.txt")) {
            MountEntry m = mounts(DIR + f).get(0);
            assertThat(m.mountPoint()).as(f).isEqualTo(TWO_MB);
            assertThat(m.fsType()).as(f).isEqualTo("hugetlbfs");
            assertThat(m.device()).as(f).isEqualTo("nodev");
            assertThat(m.options()).as(f).containsEntry("pagesize", "2M").containsKey("rw");
        }
    }

    @Test
    void octal_escapes_are_undone() {
        Block real = TestData.block(DIR + "proc-mounts.grep-hugetlbfs.txt");
        MountEntry m = TestData.parse(parser, TestData.withLine(real, 0, real.line(0).replace("huge-2M", "huge\\0402M")))
                .all(MountEntry.class).get(0);
        assertThat(m.mountPoint()).isEqualTo("/tmp/drophound-huge/mnt/huge 2M");
    }

    @Test
    void a_findmnt_row_with_a_missing_column_is_malformed() {
        Block real = TestData.block(DIR + "findmnt-R-scratch.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 2, real.line(2).replace("hugetlbfs", "")));
        assertThat(r.all(MountEntry.class)).hasSize(2);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("expected 4 columns");
        });
    }

    @Test
    void a_truncated_proc_mounts_line_is_not_taken() {
        Block real = TestData.block(DIR + "proc-mounts.notmpfs.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 18, real.line(18).substring(0, 30)));
        assertThat(r.all(MountEntry.class)).hasSize(18);
        assertThat(r.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(19));
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-mounts.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        for (String mine : List.of(DIR + "proc-mounts.notmpfs.txt", DIR + "proc-self-mountinfo.notmpfs.txt",
                DIR + "mount.notmpfs.txt", DIR + "findmnt.notmpfs.txt", "fixtures/06-ovs-dpdk-memory/mounts-hugetlbfs.b.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of(DIR + "dpdk-hugepages-s.two-mounts.txt", DIR + "ls-l-huge-2M.stale.txt",
                DIR + "du-a-huge-2M.stale.txt", "fixtures/08-healthy-baseline/proc-net-dev.txt",
                "fixtures/08-healthy-baseline/ss-tuanmp.txt", "fixtures/08-healthy-baseline/proc-meminfo.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.startsOutput(TestData.block(DIR + "findmnt.notmpfs.txt").line(0))).isTrue();
        assertThat(parser.startsOutput(TestData.block(DIR + "findmnt.notmpfs.txt").line(1))).isFalse();
        assertThat(parser.nameScore("cat /proc/mounts")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("grep hugetlbfs /proc/mounts || echo '(no hugetlbfs mounted)'")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/self/mountinfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("mount | grep huge")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("findmnt -l -t hugetlbfs")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("mounts-hugetlbfs.a1.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sosreport/proc/mounts")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("findmnt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("umount /mnt/huge")).isZero();
        assertThat(parser.nameScore("ls -l /dev/hugepages")).isZero();
        assertThat(parser.nameScore("dpdk-hugepages.py -s")).isZero();
        assertThat(parser.nameScore("cat /etc/fstab")).isZero();
    }
}
