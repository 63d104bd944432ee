package dev.drophound.parse.staros;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DiHeartbeat;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On seed 000's {@code show cloud monitor di-network detail} (lines 155-218) and variants derived from it. */
class CloudMonitorDiNetworkParserTest {

    static final String SEED = "seeds/000_8b4452d78b0a6a25.txt";
    static final String COMMAND = "show cloud monitor di-network detail";
    private final CloudMonitorDiNetworkParser parser = new CloudMonitorDiNetworkParser();

    private static Block section() {
        return TestData.section(SEED, COMMAND);
    }

    @Test
    void seedHasTwelveCardBlocksAndTwentyTwoRows() {
        TestData.Parsed parsed = TestData.parseClean(parser, section());
        List<DiHeartbeat> rows = parsed.all(DiHeartbeat.class);
        assertThat(rows).hasSize(22);
        assertThat(rows.stream().map(DiHeartbeat::fromCard).distinct().toList())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        // every row is to or from card 6; 7 of the 11 other cards report Bad toward it
        assertThat(rows).allMatch(r -> r.fromCard() == 6 || r.toCard() == 6);
        assertThat(rows).filteredOn(r -> r.toCard() == 6 && r.health().equals("Bad")).hasSize(7);
        assertThat(rows).extracting(DiHeartbeat::loss60min).contains(3.90).allMatch(l -> l <= 3.90);
    }

    @Test
    void rowCarriesItsCardLineTheLossesAndTheDateUnderTheBanner() {
        List<DiHeartbeat> rows = TestData.parseClean(parser, section()).all(DiHeartbeat.class);
        DiHeartbeat two = rows.get(1);
        assertThat(two.fromCard()).isEqualTo(2);
        assertThat(two.toCard()).isEqualTo(6);
        assertThat(two.health()).isEqualTo("Bad");
        assertThat(two.loss5min()).isEqualTo(14.67);
        assertThat(two.loss60min()).isEqualTo(3.50);
        assertThat(two.span().lines()).extracting(Span.Line::number).containsExactly(163, 165);
        assertThat(two.span().lines().get(0).text()).isEqualTo("Card 2 Heartbeat Results: ");
        assertThat(two.at().wallClock()).isEqualTo(Instant.parse("2023-10-24T15:23:51Z"));
        assertThat(two.at().asPrinted()).isEqualTo("Tuesday October 24 11:23:51 EDT 2023");

        DiHeartbeat sixToTwelve = rows.stream().filter(r -> r.fromCard() == 6 && r.toCard() == 12).findFirst().orElseThrow();
        assertThat(sixToTwelve.health()).isEqualTo("Good");
        assertThat(sixToTwelve.span().lines()).extracting(Span.Line::number).containsExactly(182, 194);
    }

    @Test
    void aCutRowIsMalformedAndTheOthersAreKept() {
        Block b = section();
        int i = 165 - b.firstLine();
        String cut = b.line(i).substring(0, b.line(i).indexOf("3.50%")); // the 60-minute loss cut off
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(b, i, cut));
        assertThat(parsed.all(DiHeartbeat.class)).hasSize(21).noneMatch(r -> r.fromCard() == 2);
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(165);
            assertThat(d.message()).contains("got 3 values");
        });
    }

    @Test
    void aLossThatIsNotAPercentageIsMalformed() {
        Block b = section();
        int i = 218 - b.firstLine();
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(b, i, b.line(i).replace("0.00%", "x1z")));
        assertThat(parsed.all(DiHeartbeat.class)).hasSize(21);
        assertThat(parsed.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(218));
    }

    @Test
    void aRowWithoutItsCardLineIsMalformed() {
        Block b = section();
        // the first card's title line removed: its row has no card to come from
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(b, 157 - b.firstLine(), ""));
        assertThat(parsed.all(DiHeartbeat.class)).hasSize(21);
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(161);
            assertThat(d.message()).contains("before any 'Card N Heartbeat Results:'");
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
        assertThat(parser.contentScore(section())).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore(COMMAND)).isEqualTo(95);
        assertThat(parser.nameScore("show cloud monitor di-network")).isBetween(50, 79);
        assertThat(parser.nameScore("show-cloud-monitor-di-network-detail.txt")).isEqualTo(85);
        assertThat(parser.nameScore("show cloud monitor controlplane")).isZero();
        assertThat(parser.nameScore("show iftask stats")).isZero();
        for (String other : List.of("show cloud monitor controlplane", "show cloud monitor dataplane",
                "show iftask stats", "show session recovery status verbose")) {
            assertThat(parser.contentScore(TestData.section(SEED, other))).as(other).isZero();
        }
        for (String f : List.of("fixtures/01-udp-rcvbuf-overflow/netstat-su.after.txt",
                "fixtures/08-healthy-baseline/ethtool-S.eth0.txt", "fixtures/08-healthy-baseline/netstat-i.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isZero();
        }
    }
}
