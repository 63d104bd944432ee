package dev.drophound.parse.mem;

import static dev.drophound.parse.mem.MemTestData.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcSlabinfoParserTest {

    private final ProcSlabinfoParser parser = new ProcSlabinfoParser();

    private Parsed parse(String relative) {
        return TestData.parseClean(parser, TestData.block(relative));
    }

    @Test
    void full_slabinfo_of_a_5x_desktop() {
        Parsed r = parse("fixtures/public/slab/proc-slabinfo-procfs-desktop-5.x.txt");
        assertThat(r.all(MemoryGauges.class)).hasSize(300).allSatisfy(g -> {
            assertThat(g.kind()).isEqualTo("slab");
            assertThat(g.format()).isEqualTo("slabinfo");
            assertThat(g.approximate()).isFalse();
        });
        MemoryGauges pid3 = gauge(r, "pid_3");
        assertThat(pid3.values()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("active_objs", 375L,
                "num_objs", 532L, "objsize", 576L, "objperslab", 28L, "pagesperslab", 4L, "active_slabs", 19L,
                "num_slabs", 19L, "bytes", 19L * 4 * 4096));
        assertThat(pid3.span().firstLine()).isEqualTo(3);
        assertThat(pid3.span().lines().get(0).text()).startsWith("pid_3                375    532");
    }

    @Test
    void ubuntu_compute_node_and_the_netns_series() {
        MemoryGauges k8k = gauge(parse("fixtures/public/slab/proc-slabinfo-ubuntu5.4-compute.txt"), "kmalloc-8k");
        assertThat(k8k.value("active_objs")).hasValue(560L);
        assertThat(k8k.value("bytes")).hasValue(145L * 8 * 4096);
        assertThat(k8k.span().firstLine()).isEqualTo(211);

        String series = "fixtures/09-kernel-memory-growth-netns/samples/slabinfo.";
        MemoryGauges before = gauge(parse(series + "0001.txt"), "kmalloc-cg-4k");
        MemoryGauges plateau = gauge(parse(series + "0030.txt"), "kmalloc-cg-4k");
        MemoryGauges after = gauge(parse(series + "0042.txt"), "kmalloc-cg-4k");
        assertThat(before.value("active_objs")).hasValue(85L);
        assertThat(plateau.value("active_objs")).hasValue(3328L);
        assertThat(plateau.value("bytes")).hasValue(416L * 8 * 4096);
        assertThat(after.value("num_slabs")).hasValue(15L);
        assertThat(gauge(parse(series + "0030.txt"), "net_namespace").value("num_objs")).hasValue(196L);
    }

    @Test
    void slab_allocator_of_2_6_32_with_real_tunables() {
        Parsed r = parse("fixtures/public/slab/slabinfo-SLAB-allocator-tunables-2.6.32-fragment.txt");
        MemoryGauges g = r.one(MemoryGauges.class);
        assertThat(g.entity()).isEqualTo("foo_bar");
        assertThat(g.value("objsize")).hasValue(8L);
        assertThat(g.value("objperslab")).hasValue(337L);
        assertThat(g.value("bytes")).hasValue(0L);
        assertThat(g.span().firstLine()).isEqualTo(2);
    }

    @Test
    void grep_without_header() {
        Parsed rpi = parse("fixtures/public/slab/slabinfo-grep-skb-rpi4-6.6-slub-debug.txt");
        assertThat(rpi.all(MemoryGauges.class)).extracting(MemoryGauges::entity).containsExactly("skbuff_ext_cache",
                "skbuff_small_head", "skbuff_fclone_cache", "skbuff_head_cache", "dma-kmalloc-1k", "kmalloc-1k");
        // slub_debug: 3072-byte objects in kmalloc-1k; 10 of them still fit 8 pages of 4 KiB
        assertThat(gauge(rpi, "kmalloc-1k").value("bytes")).hasValue(67L * 8 * 4096);

        Parsed here = parse("captured/slab/grep-skb-proc-slabinfo.txt");
        assertThat(here.all(MemoryGauges.class)).extracting(MemoryGauges::entity)
                .containsExactly("skbuff_small_head", "skbuff_head_cache");
        assertThat(gauge(here, "skbuff_head_cache").value("objsize")).hasValue(256L);
    }

    @Test
    void seed_003_single_lines_before_and_after() {
        String seed = "seeds/003_7648ab4276b3063d.txt";
        MemoryGauges before = TestData.parseClean(parser, MemTestData.lines(seed, 46, 46)).one(MemoryGauges.class);
        MemoryGauges after = TestData.parseClean(parser, MemTestData.lines(seed, 52, 52)).one(MemoryGauges.class);
        assertThat(before.entity()).isEqualTo("kmalloc-8192");
        assertThat(before.value("active_objs")).hasValue(128016L);
        assertThat(after.value("active_objs")).hasValue(135760L);
        assertThat(after.value("bytes")).hasValue(33940L * 8 * 4096);
        assertThat(after.span().firstLine()).isEqualTo(52);
    }

    @Test
    void header_only_gives_nothing() {
        Parsed r = parse("fixtures/09-kernel-memory-growth-netns/slabinfo-header.txt");
        assertThat(r.facts()).isEmpty();
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-slabinfo.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void not_root_is_a_tool_message() {
        Parsed r = TestData.parse(parser, TestData.block("captured/slab/cat-proc-slabinfo.nobody.txt"));
        assertThat(r.facts()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("Permission denied"));
    }

    @Test
    void cut_line_is_malformed_and_the_others_kept() {
        Block real = TestData.block("fixtures/public/slab/slabinfo-grep-skb-rpi4-6.6-slub-debug.txt");
        String line = real.line(3);
        Parsed r = TestData.parse(parser, TestData.withLine(real, 3, line.substring(0, line.length() - 20)));
        assertThat(r.all(MemoryGauges.class)).hasSize(5).noneMatch(g -> g.entity().equals("skbuff_head_cache"));
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("slabdata");
        });
    }

    @Test
    void a_slab_too_small_for_4k_pages_means_larger_pages() {
        // edited from a real line (no 64 KiB-page slabinfo was at hand): 10 objects of 3072 bytes in ONE page
        Block real = TestData.block("fixtures/public/slab/slabinfo-grep-skb-rpi4-6.6-slub-debug.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 5, real.line(5).replace("   10    8 :", "   10    1 :")));
        assertThat(gauge(r, "kmalloc-1k").value("bytes")).hasValue(67L * 65536);
        assertThat(gauge(r, "skbuff_head_cache").value("bytes")).hasValue(18L * 2 * 65536);
    }

    @Test
    void scores() {
        for (String mine : List.of("fixtures/public/slab/proc-slabinfo-ubuntu5.4-compute.txt",
                "fixtures/public/slab/slabinfo-grep-skb-rpi4-6.6-slub-debug.txt",
                "fixtures/09-kernel-memory-growth-netns/slabinfo-header.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of("fixtures/public/slab/slabtop-o-ubuntu5.4.txt",
                "fixtures/09-kernel-memory-growth-netns/proc-meminfo.after.txt",
                "fixtures/09-kernel-memory-growth-netns/slab-growth.baseline-to-plateau.txt",
                "fixtures/08-healthy-baseline/proc-net-sockstat.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
        assertThat(parser.nameScore("cat /proc/slabinfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/slabinfo | grep skb")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("grep -e skb -e kmalloc-1k /proc/slabinfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sosreport-host/proc/slabinfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("slabinfo.0001.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("proc-slabinfo.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("slabinfo -s")).isZero(); // tools/mm/slabinfo: another format
        assertThat(parser.nameScore("slabtop -o")).isZero();
        assertThat(parser.nameScore("slab-growth.baseline-to-plateau.txt")).isZero();
        assertThat(parser.startsOutput(MemTestData.firstLine("fixtures/public/slab/proc-slabinfo-ubuntu5.4-compute.txt"))).isTrue();
        assertThat(parser.startsOutput(MemTestData.firstLine("fixtures/public/slab/slabtop-o-ubuntu5.4.txt"))).isFalse();
    }
}
