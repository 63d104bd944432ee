package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcBuddyinfoParserTest {

    private final ProcBuddyinfoParser parser = new ProcBuddyinfoParser();

    private static MemoryGauges zone(List<MemoryGauges> all, String entity) {
        return all.stream().filter(g -> g.entity().equals(entity)).findFirst().orElseThrow();
    }

    @Test
    void one_fact_per_zone_with_every_order() {
        List<MemoryGauges> zones = TestData.parseClean(parser, TestData.block("fixtures/08-healthy-baseline/proc-buddyinfo.txt"))
                .all(MemoryGauges.class);
        assertThat(zones).extracting(MemoryGauges::entity).containsExactly("node0/DMA", "node0/DMA32", "node0/Normal");
        MemoryGauges normal = zone(zones, "node0/Normal");
        assertThat(normal.kind()).isEqualTo("buddy");
        assertThat(normal.format()).isEqualTo("proc-buddyinfo");
        assertThat(normal.approximate()).isFalse();
        assertThat(normal.values()).hasSize(11);
        assertThat(normal.value("order0")).hasValue(2962L);
        assertThat(normal.value("order10")).hasValue(154L);
        assertThat(normal.span().firstLine()).isEqualTo(3);
        assertThat(zone(zones, "node0/DMA").value("order8")).hasValue(1L);

        List<MemoryGauges> later = TestData.parseClean(parser, TestData.block("captured/memory/proc-buddyinfo.txt"))
                .all(MemoryGauges.class);
        assertThat(zone(later, "node0/Normal").value("order0")).hasValue(3830L);
        assertThat(zone(later, "node0/DMA32").value("order10")).hasValue(752L);
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-buddyinfo.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void malformed_lines_are_reported_and_the_others_kept() {
        Block real = TestData.block("fixtures/08-healthy-baseline/proc-buddyinfo.txt");
        String normal = real.line(2);
        Parsed cut = TestData.parse(parser, TestData.withLine(real, 2, normal.substring(0, normal.length() - 20)));
        assertThat(cut.all(MemoryGauges.class)).hasSize(2);
        assertThat(cut.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("expected 11 orders as on the lines above, got 8");
        });
        Parsed bad = TestData.parse(parser, TestData.withLine(real, 0, real.line(0).replaceFirst("1(\\s+)1", "x1z$11")));
        assertThat(bad.all(MemoryGauges.class)).extracting(MemoryGauges::entity).containsExactly("node0/DMA32", "node0/Normal");
        assertThat(bad.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("the count of order 8 is not a number: x1z");
        });
    }

    @Test
    void scores() {
        Block buddy = TestData.block("fixtures/08-healthy-baseline/proc-buddyinfo.txt");
        assertThat(parser.contentScore(buddy)).isGreaterThanOrEqualTo(90);
        for (String other : List.of("fixtures/08-healthy-baseline/proc-pagetypeinfo.txt", "fixtures/08-healthy-baseline/proc-zoneinfo.txt",
                "fixtures/10-oom-global-user-process/dmesg-oom.txt", "fixtures/08-healthy-baseline/proc-meminfo.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("cat /proc/buddyinfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-buddyinfo.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/pagetypeinfo")).isZero();
        assertThat(parser.startsOutput(buddy.line(0))).isTrue();
        assertThat(parser.startsOutput(buddy.line(1))).isFalse(); // a paste is not cut between zones
        Block pagetype = TestData.block("fixtures/08-healthy-baseline/proc-pagetypeinfo.txt");
        for (int i = 0; i < pagetype.size(); i++) {
            assertThat(parser.startsOutput(pagetype.line(i))).as(pagetype.line(i)).isFalse();
        }
    }
}
