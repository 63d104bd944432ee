package dev.drophound.parse.mem;

import static dev.drophound.parse.mem.MemTestData.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlabtopParserTest {

    private final SlabtopParser parser = new SlabtopParser();

    private Parsed parse(String relative) {
        return TestData.parseClean(parser, TestData.block(relative));
    }

    @Test
    void plateau_of_the_netns_leak() {
        Parsed r = parse("fixtures/09-kernel-memory-growth-netns/slabtop-o.plateau.txt");
        assertThat(r.all(MemoryGauges.class)).hasSize(1 + 235).allSatisfy(g -> {
            assertThat(g.kind()).isEqualTo("slab");
            assertThat(g.format()).isEqualTo("slabtop");
            assertThat(g.approximate()).isTrue();
        });
        MemoryGauges bufferHead = gauge(r, "buffer_head");
        assertThat(bufferHead.values()).containsExactlyInAnyOrderEntriesOf(Map.of("num_objs", 124683L,
                "active_objs", 124166L, "objsize", 102L, "num_slabs", 3197L, "objperslab", 39L, "bytes", 12788L * 1024));
        assertThat(bufferHead.span().firstLine()).isEqualTo(8);
        MemoryGauges cg4k = gauge(r, "kmalloc-cg-4k");
        assertThat(cg4k.value("objsize")).hasValue(4096L);
        assertThat(cg4k.value("bytes")).hasValue(13312L * 1024);
        assertThat(cg4k.span().firstLine()).isEqualTo(32);
    }

    @Test
    void summary_is_the_entity_without_name() {
        MemoryGauges summary = gauge(parse("fixtures/09-kernel-memory-growth-netns/slabtop-o.plateau.txt"), "");
        assertThat(summary.values()).containsExactlyInAnyOrderEntriesOf(Map.of("active_objects", 571401L,
                "objects", 577473L, "active_slabs", 19953L, "slabs", 19953L, "active_caches", 124L, "caches", 235L,
                "active_size_bytes", 169320018L, "size_bytes", 170572851L));
        assertThat(summary.span().firstLine()).isEqualTo(1);
        assertThat(summary.span().lastLine()).isEqualTo(4);
    }

    @Test
    void other_sort_orders_and_versions() {
        Parsed sortedBySlabs = parse("captured/slab/slabtop-o-s-l.txt");
        assertThat(sortedBySlabs.all(MemoryGauges.class)).hasSize(1 + 235);
        assertThat(gauge(sortedBySlabs, "dentry").value("num_slabs")).hasValue(21276L);

        Parsed leak = parse("fixtures/public/slab/slabtop-sort-c-coreos-ebitmap_node-leak.txt");
        MemoryGauges ebitmap = gauge(leak, "ebitmap_node");
        assertThat(ebitmap.value("active_objs")).hasValue(734506368L);
        assertThat(ebitmap.value("bytes")).hasValue(45906648L * 1024);
        assertThat(gauge(leak, "").value("size_bytes")).hasValue(Math.round(47376581.93 * 1024));
        assertThat(gauge(leak, "filp").span().firstLine()).isEqualTo(15);

        // procps 3.2.8 interactive first screen, a blank line first, SLAB allocator's size-32 caches
        Parsed old = parse("fixtures/public/slab/slabtop-2.6.32-504-SLAB-dentry-bloat.txt");
        assertThat(gauge(old, "dentry").value("num_objs")).hasValue(8336560L);
        assertThat(gauge(old, "size-32").value("objperslab")).hasValue(112L);
        assertThat(gauge(old, "").value("objects")).hasValue(8422978L);

        assertThat(parse("fixtures/public/slab/slabtop-o-ubuntu5.4.txt").all(MemoryGauges.class)).hasSize(1 + 211);
        assertThat(gauge(parse("fixtures/public/slab/slabtop-6.x-fedora-martins3.txt"), "kmalloc-1k")
                .value("objsize")).hasValue(1024L);
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("slabtop-o.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void cut_row_and_broken_summary_are_malformed() {
        Block real = TestData.block("fixtures/09-kernel-memory-growth-netns/slabtop-o.plateau.txt");
        Block cut = TestData.withLine(real, 7, real.line(7).substring(0, 40));
        Parsed r = TestData.parse(parser, TestData.withLine(cut, 0, real.line(0).replace("571401", "x1z")));
        assertThat(r.all(MemoryGauges.class)).hasSize(1 + 234).noneMatch(g -> g.entity().equals("buffer_head"));
        assertThat(gauge(r, "").values()).doesNotContainKey("objects").containsEntry("slabs", 19953L);
        assertThat(r.warnings()).extracting(d -> d.line()).containsExactly(1, 8);
        assertThat(r.warnings().get(1).message()).contains("OBJS ACTIVE USE%");
    }

    @Test
    void scores() {
        for (String mine : List.of("fixtures/09-kernel-memory-growth-netns/slabtop-o-sc.plateau.txt",
                "fixtures/public/slab/slabtop-2.6.32-504-SLAB-dentry-bloat.txt", "captured/slab/slabtop-o-s-l.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of("fixtures/public/slab/proc-slabinfo-ubuntu5.4-compute.txt",
                "fixtures/public/meminfo/free-new-format-ubuntu20.04.txt",
                "fixtures/09-kernel-memory-growth-netns/slab-growth.baseline-to-plateau.txt",
                "fixtures/09-kernel-memory-growth-netns/series.txt", "captured/processes/top-b-n1.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
        assertThat(parser.nameScore("slabtop -o")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("slabtop --once --sort=c")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sos_commands/memory/slabtop_-o")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("slabtop-o-sc.plateau.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/slabinfo")).isZero();
        assertThat(parser.nameScore("slabinfo.0001.txt")).isZero();
        assertThat(parser.nameScore("top -b -n1")).isZero();
        assertThat(parser.startsOutput(MemTestData.firstLine("fixtures/public/slab/slabtop-o-ubuntu5.4.txt"))).isTrue();
        assertThat(parser.startsOutput(MemTestData.firstLine("fixtures/public/slab/proc-slabinfo-ubuntu5.4-compute.txt"))).isFalse();
    }
}
