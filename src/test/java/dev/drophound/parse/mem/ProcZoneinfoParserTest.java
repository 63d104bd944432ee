package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcZoneinfoParserTest {

    private static final String BASELINE = "fixtures/08-healthy-baseline/proc-zoneinfo.txt";
    private final ProcZoneinfoParser parser = new ProcZoneinfoParser();

    private static MemoryGauges zone(List<MemoryGauges> all, String entity) {
        return all.stream().filter(g -> g.entity().equals(entity)).findFirst().orElseThrow();
    }

    @Test
    void free_watermarks_and_sizes_per_zone() {
        List<MemoryGauges> zones = TestData.parseClean(parser, TestData.block(BASELINE)).all(MemoryGauges.class);
        assertThat(zones).extracting(MemoryGauges::entity)
                .containsExactly("node0/DMA", "node0/DMA32", "node0/Normal", "node0/Movable", "node0/Device");
        MemoryGauges dma = zone(zones, "node0/DMA");
        assertThat(dma.kind()).isEqualTo("zone");
        assertThat(dma.format()).isEqualTo("proc-zoneinfo");
        assertThat(dma.approximate()).isFalse();
        assertThat(dma.values()).containsOnlyKeys("free", "min", "low", "high", "managed", "present");
        assertThat(dma.value("free")).hasValue(3840L);
        assertThat(dma.value("min")).hasValue(48L);
        assertThat(dma.value("low")).hasValue(60L);
        assertThat(dma.value("high")).hasValue(72L); // not the per-CPU "high:" of the pagesets further down
        assertThat(dma.value("present")).hasValue(3998L);
        assertThat(dma.value("managed")).hasValue(3840L);
        assertThat(dma.span().lines()).extracting(l -> l.number()).containsExactly(1, 54, 56, 57, 58, 61, 62);
        MemoryGauges normal = zone(zones, "node0/Normal");
        assertThat(normal.value("free")).hasValue(210699L);
        assertThat(normal.value("min")).hasValue(7056L);
        assertThat(normal.value("managed")).hasValue(557056L);
        assertThat(zone(zones, "node0/Movable").value("present")).hasValue(0L);

        List<MemoryGauges> later = TestData.parseClean(parser, TestData.block("captured/memory/proc-zoneinfo.txt"))
                .all(MemoryGauges.class);
        assertThat(zone(later, "node0/Normal").value("free")).hasValue(997262L);
        assertThat(zone(later, "node0/DMA32").value("free")).hasValue(772917L);
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-zoneinfo.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void malformed_value_is_reported_and_the_zone_keeps_the_others() {
        Block real = TestData.block(BASELINE);
        Parsed r = TestData.parse(parser, TestData.withLine(real, 147, real.line(147).replace("7056", "x1z")));
        MemoryGauges normal = zone(r.all(MemoryGauges.class), "node0/Normal");
        assertThat(normal.values()).containsOnlyKeys("free", "low", "high", "managed", "present");
        assertThat(r.all(MemoryGauges.class)).hasSize(5);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(148);
            assertThat(d.message()).contains("min is not followed by a number");
        });
    }

    @Test
    void scores() {
        Block zoneinfo = TestData.block(BASELINE);
        assertThat(parser.contentScore(zoneinfo)).isGreaterThanOrEqualTo(90);
        for (String other : List.of("fixtures/08-healthy-baseline/proc-buddyinfo.txt", "fixtures/08-healthy-baseline/proc-pagetypeinfo.txt",
                "fixtures/08-healthy-baseline/proc-vmstat.txt", "fixtures/10-oom-global-user-process/dmesg-oom.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("cat /proc/zoneinfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-zoneinfo.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/buddyinfo")).isZero();
        assertThat(parser.startsOutput(zoneinfo.line(0))).isTrue();
        assertThat(parser.startsOutput(zoneinfo.line(98))).isFalse(); // the next zone does not cut a paste
    }
}
