package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcVmstatParserTest {

    private final ProcVmstatParser parser = new ProcVmstatParser();

    private MemoryGauges one(String relative) {
        return TestData.parseClean(parser, TestData.block(relative)).one(MemoryGauges.class);
    }

    @Test
    void every_line_as_printed() {
        MemoryGauges v = one("fixtures/08-healthy-baseline/proc-vmstat.txt");
        assertThat(v.kind()).isEqualTo("vmstat");
        assertThat(v.entity()).isEmpty();
        assertThat(v.format()).isEqualTo("proc-vmstat");
        assertThat(v.approximate()).isFalse();
        assertThat(v.values()).hasSize(192);
        assertThat(v.value("nr_free_pages")).hasValue(987454L);
        assertThat(v.value("numa_hit")).hasValue(4901356L);
        assertThat(v.span().firstLine()).isEqualTo(1);
        assertThat(v.span().lastLine()).isEqualTo(192);

        MemoryGauges later = one("captured/memory/proc-vmstat.txt");
        assertThat(later.value("nr_free_pages")).hasValue(1774019L);
        assertThat(later.value("pgfault")).hasValue(71499155L);
        assertThat(later.value("oom_kill")).hasValue(0L);
    }

    @Test
    void a_grep_of_it() {
        MemoryGauges v = one("captured/memory/proc-vmstat.grep-slab-oom.txt");
        assertThat(v.values()).containsOnlyKeys("nr_slab_reclaimable", "nr_slab_unreclaimable", "pgscan_direct",
                "pgscan_direct_throttle", "oom_kill", "compact_stall");
        assertThat(v.value("nr_slab_unreclaimable")).hasValue(11169L);
    }

    @Test
    void a_repeated_name_starts_a_new_sample() {
        String a = TestData.text("fixtures/08-healthy-baseline/proc-vmstat.txt");
        String b = TestData.text("captured/memory/proc-vmstat.txt");
        List<MemoryGauges> samples = TestData.parseClean(parser, Block.ofText("vmstat-loop.txt", a + b)).all(MemoryGauges.class);
        assertThat(samples).hasSize(2);
        assertThat(samples.get(1).span().firstLine()).isEqualTo(193);
        assertThat(samples.get(1).value("nr_free_pages")).hasValue(1774019L);
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-vmstat.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void malformed_line_is_reported_and_the_others_kept() {
        Block real = TestData.block("fixtures/08-healthy-baseline/proc-vmstat.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 0, real.line(0).replace("987454", "x1z")));
        assertThat(r.one(MemoryGauges.class).values()).hasSize(191).doesNotContainKey("nr_free_pages");
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("nr_free_pages is not followed by a number");
        });
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-vmstat.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("captured/memory/proc-vmstat.grep-slab-oom.txt"))).isEqualTo(60);
        for (String other : List.of("fixtures/08-healthy-baseline/vmstat-1-3.txt", "fixtures/08-healthy-baseline/vmstat-s.txt",
                "fixtures/08-healthy-baseline/proc-zoneinfo.txt", "fixtures/08-healthy-baseline/sysctl-a-mem.txt",
                "fixtures/08-healthy-baseline/sys-class-net-eth0-statistics.txt", "fixtures/08-healthy-baseline/proc-meminfo.txt",
                "fixtures/08-healthy-baseline/nproc.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("cat /proc/vmstat")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-vmstat.grep-slab-oom.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sosreport/proc/vmstat")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("vmstat 1 3")).isZero();
        assertThat(parser.nameScore("vmstat-s.txt")).isZero();
        assertThat(parser.nameScore("cat /proc/zoneinfo")).isZero();
        assertThat(parser.startsOutput(TestData.block("fixtures/08-healthy-baseline/proc-vmstat.txt").line(0))).isTrue();
        assertThat(parser.startsOutput(TestData.block("fixtures/08-healthy-baseline/proc-zoneinfo.txt").line(53))).isFalse();
    }
}
