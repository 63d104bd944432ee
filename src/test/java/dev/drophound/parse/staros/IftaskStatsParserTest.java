package dev.drophound.parse.staros;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Sectioner;
import dev.drophound.evidence.Source;
import dev.drophound.facts.IftaskStats;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.testing.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On seed 000's {@code show iftask stats} (banner line 336 to the trailer, line 402) and samples derived from it: the
 * same output taken again ten minutes later with kni_drops raised, and one with a value cut.
 */
class IftaskStatsParserTest {

    static final String SEED = CloudMonitorDiNetworkParserTest.SEED;
    static final String COMMAND = "show iftask stats";
    private final IftaskStatsParser parser = new IftaskStatsParser();

    /** Lines 336-402 of the seed (1-based, inclusive): the banner, the date, both tables and the trailer. */
    private static List<String> seedSample() {
        return Block.splitLines(TestData.text(SEED)).subList(335, 402);
    }

    /** The seed's sample again, ten minutes later, with card 6's kni_drops (line 353) raised to 1520 (12 per s). */
    private static List<String> laterSampleWithKniDrops() {
        List<String> out = new ArrayList<>();
        for (String l : seedSample()) {
            out.add(l.replace("11:22:06", "11:32:06"));
        }
        int kni = 353 - 336;
        out.set(kni, out.get(kni).replaceFirst("^kni_drops(\\s+)0(\\s+)0", "kni_drops$11520$212"));
        return out;
    }

    @Test
    void seedHasACardTableAndATotalTable() {
        List<IftaskStats> tables = TestData.parseClean(parser, TestData.section(SEED, COMMAND)).all(IftaskStats.class);
        assertThat(tables).extracting(IftaskStats::card).containsExactly("6", "TOTAL");
        IftaskStats card = tables.get(0);
        assertThat(card.column()).isEqualTo("SF6");
        assertThat(card.values()).hasSize(24);
        assertThat(card.values().keySet()).startsWith("svc_rx", "svc_tx", "di_rx", "di_tx", "__ALL_DROPS__")
                .endsWith("__DISCARDS__", "__BOND_DISCARDS__");
        assertThat(card.values()).containsEntry("svc_rx", 2587301598L).containsEntry("kni_drops", 0L)
                .containsEntry("kni_thread_drops", 0L).containsEntry("__ALL_DROPS__", 0L)
                .containsEntry("__DISCARDS__", 241984L).containsEntry("__BOND_DISCARDS__", 55282718L)
                .containsEntry("mcdma_drops", 0L); // after the blank lines inside the table
        assertThat(card.pps()).containsEntry("svc_rx", 2203L).containsEntry("__BOND_DISCARDS__", 142L);
        assertThat(card.lines().get("kni_drops").firstLine()).isEqualTo(353);
        assertThat(card.lines().get("kni_drops").lines().get(0).text()).startsWith("kni_drops ");
        assertThat(card.span().firstLine()).isEqualTo(339);
        assertThat(card.span().lastLine()).isEqualTo(369);
        assertThat(card.at().wallClock()).isEqualTo(Instant.parse("2023-10-24T15:22:06Z"));
        assertThat(card.at().asPrinted()).isEqualTo("Tuesday October 24 11:22:06 EDT 2023");

        IftaskStats total = tables.get(1);
        assertThat(total.column()).isEqualTo("TOTAL");
        assertThat(total.values()).hasSize(24).containsEntry("di_rx", 74133486629L).containsEntry("__DISCARDS__", 2324968L);
        assertThat(total.pps()).containsEntry("__BOND_DISCARDS__", 149L);
        assertThat(total.lines().get("kni_drops").firstLine()).isEqualTo(385);
        assertThat(total.span().firstLine()).isEqualTo(371);
        assertThat(total.span().lastLine()).isEqualTo(398);
        assertThat(total.at()).isEqualTo(card.at());
    }

    @Test
    void twoSamplesInOneDocumentGiveTwoFactsPerTableWithTheirDates() {
        List<String> doc = new ArrayList<>(seedSample());
        doc.add("");
        doc.addAll(laterSampleWithKniDrops());
        String text = String.join("\n", doc) + "\n";
        ParserRegistry registry = ParserRegistry.standard();
        List<IftaskStats> tables = new ArrayList<>();
        for (Block b : new Sectioner(registry::startsAnyOutput).split(Source.file("support.txt"), "support.txt", text)) {
            var choice = registry.route(b).orElseThrow();
            assertThat(choice.parser().id()).isEqualTo("show-iftask-stats");
            ParseSink sink = new ParseSink(b, choice.parser().id());
            choice.parser().parse(b, sink);
            assertThat(sink.finish()).isEmpty();
            sink.facts().forEach(f -> tables.add((IftaskStats) f));
        }
        assertThat(tables).extracting(IftaskStats::card).containsExactly("6", "TOTAL", "6", "TOTAL");
        assertThat(tables.get(2).at().wallClock()).isEqualTo(Instant.parse("2023-10-24T15:32:06Z"));
        assertThat(tables.get(0).values().get("kni_drops")).isZero();
        assertThat(tables.get(2).values().get("kni_drops")).isEqualTo(1520L);
        assertThat(tables.get(2).pps().get("kni_drops")).isEqualTo(12L);
        assertThat(tables.get(2).lines().get("kni_drops").firstLine()).isEqualTo(68 + 353 - 336 + 1);
    }

    @Test
    void samplesPastedWithoutBannersAreToldApartByTheirDateLines() {
        List<String> doc = new ArrayList<>(seedSample().subList(1, seedSample().size()));
        doc.addAll(laterSampleWithKniDrops().subList(1, seedSample().size()));
        Block b = Block.ofCommand("iftask.txt", COMMAND, String.join("\n", doc));
        List<IftaskStats> tables = TestData.parseClean(parser, b).all(IftaskStats.class);
        assertThat(tables).hasSize(4);
        assertThat(tables).extracting(t -> t.at().asPrinted()).containsExactly(
                "Tuesday October 24 11:22:06 EDT 2023", "Tuesday October 24 11:22:06 EDT 2023",
                "Tuesday October 24 11:32:06 EDT 2023", "Tuesday October 24 11:32:06 EDT 2023");
        assertThat(tables.get(3).values().get("kni_drops")).isZero(); // only card 6 was raised
    }

    @Test
    void aCutValueIsMalformedAndTheRestOfTheTableIsKept() {
        Block b = TestData.section(SEED, COMMAND);
        int i = 353 - b.firstLine();
        String cut = b.line(i).replaceFirst("(kni_drops\\s+0).*", "$1"); // the _PPS column cut off
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(b, i, cut));
        List<IftaskStats> tables = parsed.all(IftaskStats.class);
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).values()).hasSize(23).doesNotContainKey("kni_drops").containsKey("mcdma_drops");
        assertThat(tables.get(1).values()).hasSize(24);
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(353);
            assertThat(d.message()).contains("got 2 values");
        });
    }

    @Test
    void aValueThatIsNotANumberIsMalformed() {
        Block b = TestData.section(SEED, COMMAND);
        int i = 368 - b.firstLine();
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(b, i, b.line(i).replace("241984", "x1z")));
        assertThat(parsed.all(IftaskStats.class).get(0).values()).hasSize(23).doesNotContainKey("__DISCARDS__");
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(368);
            assertThat(d.message()).contains("__DISCARDS__ is not a number");
        });
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("x.txt", COMMAND, ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.section(SEED, COMMAND))).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore(COMMAND)).isEqualTo(95);
        assertThat(parser.nameScore("show-iftask-stats.2.txt")).isEqualTo(85);
        assertThat(parser.nameScore("show cloud monitor dataplane")).isZero();
        assertThat(parser.nameScore("netstat -s")).isZero();
        for (String other : List.of("show cloud monitor di-network detail", "show cloud monitor controlplane",
                "show cloud monitor dataplane", "show session recovery status verbose")) {
            assertThat(parser.contentScore(TestData.section(SEED, other))).as(other).isZero();
        }
        for (String f : List.of("fixtures/01-udp-rcvbuf-overflow/netstat-su.after.txt",
                "fixtures/08-healthy-baseline/ethtool-S.eth0.txt", "fixtures/08-healthy-baseline/netstat-i.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isZero();
        }
    }
}
