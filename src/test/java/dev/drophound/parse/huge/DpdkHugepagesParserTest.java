package dev.drophound.parse.huge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.HugePagePool;
import dev.drophound.facts.MountEntry;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpdkHugepagesParserTest {

    private static final String FIXTURE_06 = "fixtures/06-ovs-dpdk-memory/";
    private final DpdkHugepagesParser parser = new DpdkHugepagesParser();

    private Parsed clean(String relative) {
        return TestData.parseClean(parser, TestData.block(relative));
    }

    @Test
    void a_row_per_node_and_size_and_the_mount_point() {
        Parsed r = clean(FIXTURE_06 + "dpdk-hugepages-s.b.txt");
        HugePagePool pool = r.one(HugePagePool.class);
        assertThat(pool.node()).isEqualTo(0);
        assertThat(pool.pageSizeKb()).isEqualTo(2048);
        assertThat(pool.total()).isEqualTo(256);
        assertThat(pool.free()).isNull();
        assertThat(pool.reserved()).isNull();
        assertThat(pool.surplus()).isNull();
        assertThat(pool.span().where()).isEqualTo("dpdk-hugepages-s.b.txt line 2");
        MountEntry mount = r.one(MountEntry.class);
        assertThat(mount.mountPoint()).isEqualTo("/srv/lab/06-ovs-dpdk-memory/_scratch/hugepages");
        assertThat(mount.fsType()).isEqualTo("hugetlbfs");
        assertThat(mount.device()).isNull();
        assertThat(mount.options()).isEmpty();
        assertThat(mount.span().firstLine()).isEqualTo(4);
    }

    @Test
    void each_sub_case_of_fixture_06() {
        assertThat(total("dpdk-hugepages-s.c.start.txt")).isEqualTo(64);
        assertThat(total("dpdk-hugepages-s.c2.mtu9000.txt")).isEqualTo(320);
        assertThat(total("dpdk-hugepages-s.d.guest.txt")).isEqualTo(80);
    }

    private long total(String file) {
        return clean(FIXTURE_06 + file).one(HugePagePool.class).total();
    }

    @Test
    void not_mounted_gives_no_mount() {
        Parsed a1 = clean(FIXTURE_06 + "dpdk-hugepages-s.a1.txt");
        assertThat(a1.one(HugePagePool.class).total()).isEqualTo(256);
        assertThat(a1.all(MountEntry.class)).isEmpty();
    }

    @Test
    void an_empty_table_when_no_page_is_reserved() {
        for (String f : List.of(FIXTURE_06 + "dpdk-hugepages-s.a3.txt", "fixtures/08-healthy-baseline/dpdk-hugepages-s.txt")) {
            assertThat(clean(f).facts()).as(f).isEmpty();
        }
    }

    @Test
    void several_mount_points_on_one_line() {
        Parsed r = clean("captured/hugepages/dpdk-hugepages-s.two-mounts.txt");
        assertThat(r.all(MountEntry.class)).extracting(MountEntry::mountPoint)
                .containsExactly("/tmp/drophound-huge/mnt/huge-2M", "/tmp/drophound-huge/mnt/huge-1G");
        assertThat(r.all(MountEntry.class).get(0).span()).isSameAs(r.all(MountEntry.class).get(1).span());
        assertThat(r.one(HugePagePool.class).total()).isEqualTo(96);
    }

    @Test
    void a_row_with_a_missing_column_is_malformed() {
        Block real = TestData.block(FIXTURE_06 + "dpdk-hugepages-s.c.start.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 1, real.line(1).replace("128Mb", "")));
        assertThat(r.all(HugePagePool.class)).isEmpty();
        assertThat(r.one(MountEntry.class).fsType()).isEqualTo("hugetlbfs");
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("expected 4 columns, got 3");
        });

        Parsed badSize = TestData.parse(parser, TestData.withLine(real, 1, real.line(1).replace("2Mb", "2x")));
        assertThat(badSize.all(HugePagePool.class)).isEmpty();
        assertThat(badSize.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(2));
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("dpdk-hugepages-s.txt", "\n"));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        for (String mine : List.of(FIXTURE_06 + "dpdk-hugepages-s.a1.txt", FIXTURE_06 + "dpdk-hugepages-s.a3.txt",
                "captured/hugepages/dpdk-hugepages-s.two-mounts.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of(FIXTURE_06 + "meminfo-huge.a1.txt", FIXTURE_06 + "mounts-hugetlbfs.b.txt",
                "captured/hugepages/grep-r-sys-kernel-mm-hugepages.stale.txt", "fixtures/08-healthy-baseline/free-b.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        Block table = TestData.block(FIXTURE_06 + "dpdk-hugepages-s.a1.txt");
        assertThat(parser.startsOutput(table.line(0))).isTrue();
        assertThat(parser.startsOutput(table.line(1))).isFalse();
        assertThat(parser.nameScore("dpdk-hugepages.py -s")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("/usr/bin/dpdk-hugepages.py --show")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("dpdk-hugepages-s.a1.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("dpdk-hugepages.py -p 2M --setup 1G")).isZero();
        assertThat(parser.nameScore("dpdk-devbind.py -s")).isZero();
        assertThat(parser.nameScore("grep -r . /sys/kernel/mm/hugepages/")).isZero();
    }
}
