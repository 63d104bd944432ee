package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcPagetypeinfoParserTest {

    private static final String BASELINE = "fixtures/08-healthy-baseline/proc-pagetypeinfo.txt";
    private final ProcPagetypeinfoParser parser = new ProcPagetypeinfoParser();

    private static MemoryGauges row(List<MemoryGauges> all, String entity) {
        return all.stream().filter(g -> g.entity().equals(entity)).findFirst().orElseThrow();
    }

    @Test
    void one_fact_per_zone_and_migrate_type() {
        List<MemoryGauges> rows = TestData.parseClean(parser, TestData.block(BASELINE)).all(MemoryGauges.class);
        assertThat(rows).hasSize(15);
        MemoryGauges movable = row(rows, "node0/Normal/Movable");
        assertThat(movable.kind()).isEqualTo("buddy");
        assertThat(movable.format()).isEqualTo("proc-pagetypeinfo");
        assertThat(movable.approximate()).isFalse();
        assertThat(movable.values()).hasSize(11);
        assertThat(movable.value("order0")).hasValue(2721L);
        assertThat(movable.value("order10")).hasValue(154L);
        // the header line that names the orders, and the row
        assertThat(movable.span().lines()).extracting(l -> l.number()).containsExactly(4, 16);
        assertThat(row(rows, "node0/Normal/Unmovable").value("order1")).hasValue(670L);
        assertThat(row(rows, "node0/DMA/HighAtomic").values()).containsOnlyKeys(
                "order0", "order1", "order2", "order3", "order4", "order5", "order6", "order7", "order8", "order9", "order10");

        List<MemoryGauges> later = TestData.parseClean(parser, TestData.block("captured/memory/proc-pagetypeinfo.txt"))
                .all(MemoryGauges.class);
        assertThat(row(later, "node0/Normal/Reclaimable").value("order0")).hasValue(676L);
    }

    @Test
    void a_count_capped_at_100000_is_kept_as_approximate() {
        // kernels since 5.5 stop counting a free list at 100000 and print it with "%s%6lu " as ">100000"
        Block real = TestData.block(BASELINE);
        int movable = ProcMeminfoParserTest.lineStarting(real, "Node    0, zone   Normal, type      Movable");
        Block capped = TestData.withLine(real, movable, real.line(movable).replace("  2721", ">100000"));
        assertThat(capped.line(movable)).contains("Movable >100000   2092");
        MemoryGauges m = row(TestData.parseClean(parser, capped).all(MemoryGauges.class), "node0/Normal/Movable");
        assertThat(m.value("order0")).hasValue(100000L);
        assertThat(m.value("order1")).hasValue(2092L);
        assertThat(m.approximate()).isTrue();
    }

    @Test
    void not_root() {
        Parsed r = TestData.parse(parser, TestData.block("captured/memory/proc-pagetypeinfo.nobody.txt"));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("cat: /proc/pagetypeinfo: Permission denied");
        });
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-pagetypeinfo.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void malformed_rows_are_reported_and_the_others_kept() {
        Block real = TestData.block(BASELINE);
        String row = real.line(15);
        Parsed cut = TestData.parse(parser, TestData.withLine(real, 15, row.substring(0, row.length() - 20)));
        assertThat(cut.all(MemoryGauges.class)).hasSize(14);
        assertThat(cut.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(16);
            assertThat(d.message()).contains("expected 11 counts as in the header, got 8");
        });
        Parsed blocks = TestData.parse(parser, TestData.withLine(real, 23, real.line(23).replace("950", "x1z")));
        assertThat(blocks.all(MemoryGauges.class)).hasSize(15);
        assertThat(blocks.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(24));
    }

    @Test
    void scores() {
        Block pagetype = TestData.block(BASELINE);
        assertThat(parser.contentScore(pagetype)).isGreaterThanOrEqualTo(90);
        for (String other : List.of("fixtures/08-healthy-baseline/proc-buddyinfo.txt", "fixtures/08-healthy-baseline/proc-zoneinfo.txt",
                "fixtures/08-healthy-baseline/proc-meminfo.txt", "captured/memory/proc-pagetypeinfo.nobody.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("cat /proc/pagetypeinfo")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-pagetypeinfo.nobody.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/buddyinfo")).isZero();
        assertThat(parser.startsOutput(pagetype.line(0))).isTrue();
        assertThat(parser.startsOutput(pagetype.line(3))).isFalse();
    }
}
