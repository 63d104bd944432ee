package dev.drophound.parse.staros;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DiPathStats;
import dev.drophound.facts.Span;
import dev.drophound.testing.TestData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On seed 000's {@code show cloud monitor controlplane} (lines 231-260) and {@code dataplane} (281-323). */
class CloudMonitorPlaneParserTest {

    static final String SEED = CloudMonitorDiNetworkParserTest.SEED;
    static final String CONTROL = "show cloud monitor controlplane";
    static final String DATA = "show cloud monitor dataplane";
    private final CloudMonitorPlaneParser parser = new CloudMonitorPlaneParser();

    private static DiPathStats pair(List<DiPathStats> rows, int src, int dst) {
        return rows.stream().filter(r -> r.src() == src && r.dst() == dst).findFirst().orElseThrow();
    }

    @Test
    void controlplaneRowsWithMissedDerivedFromXmitAndRecv() {
        List<DiPathStats> rows = TestData.parseClean(parser, TestData.section(SEED, CONTROL)).all(DiPathStats.class);
        assertThat(rows).hasSize(22).allMatch(r -> r.plane().equals("controlplane"));
        assertThat(rows).allMatch(r -> r.src() == 6 || r.dst() == 6);
        DiPathStats r = pair(rows, 2, 6); // printed "02   06"
        assertThat(r.windows()).extracting(DiPathStats.Window::name).containsExactly("15s", "5min", "60min");
        assertThat(r.window("5min")).isEqualTo(new DiPathStats.Window("5min", 1500, 1265, 235, 15.7));
        assertThat(r.window("60min")).isEqualTo(new DiPathStats.Window("60min", 18000, 17546, 454, 2.5));
        assertThat(r.window("15s").missed()).isZero();
        assertThat(r.span().lines()).extracting(Span.Line::number).containsExactly(235, 240);
        assertThat(r.at().wallClock()).isEqualTo(Instant.parse("2023-10-24T15:24:22Z"));
        // loss both ways on the control plane
        assertThat(pair(rows, 6, 2).window("5min").missPercent()).isEqualTo(13.3);
    }

    @Test
    void dataplaneRowsWithSentDerivedFromMissAndHit() {
        List<DiPathStats> rows = TestData.parseClean(parser, TestData.section(SEED, DATA)).all(DiPathStats.class);
        assertThat(rows).hasSize(22).allMatch(r -> r.plane().equals("dataplane"));
        DiPathStats in = pair(rows, 3, 6);
        assertThat(in.window("15s")).isEqualTo(new DiPathStats.Window("15s", 150, 119, 31, 20.7));
        assertThat(in.window("60min")).isEqualTo(new DiPathStats.Window("60min", 36000, 35005, 995, 2.8));
        assertThat(in.span().lines()).extracting(Span.Line::number).containsExactly(285, 303);
        assertThat(in.at().asPrinted()).isEqualTo("Tuesday October 24 11:21:46 EDT 2023");
        // one-directional: toward card 6 only (6->5 has a single miss in 15 s, 6->9 one in 60 min)
        assertThat(rows).filteredOn(r -> r.src() == 6)
                .allMatch(r -> r.windows().stream().allMatch(w -> w.missed() <= 1));
        assertThat(rows).filteredOn(r -> r.dst() == 6 && r.window("60min").missed() > 300).hasSize(9);
        assertThat(pair(rows, 6, 5).window("5min").sent()).isEqualTo(3001);
    }

    @Test
    void withoutCommandThePlaneComesFromTheColumnHeader() {
        Block b = TestData.section(SEED, DATA);
        Block bare = new Block(b.source(), b.firstLine(), b.lines(), b.raw(), b.name(), null, true);
        assertThat(TestData.parseClean(parser, bare).all(DiPathStats.class)).hasSize(22)
                .allMatch(r -> r.plane().equals("dataplane"));
    }

    @Test
    void withoutColumnHeaderTheCommandSaysHowToReadTheColumns() {
        Block b = TestData.section(SEED, DATA);
        Block cut = TestData.withLine(TestData.withLine(b, 284 - b.firstLine(), ""), 285 - b.firstLine(), "");
        List<DiPathStats> rows = TestData.parseClean(parser, cut).all(DiPathStats.class);
        assertThat(rows).hasSize(22);
        assertThat(pair(rows, 2, 6).window("5min")).isEqualTo(new DiPathStats.Window("5min", 3000, 2790, 210, 7.0));
        assertThat(pair(rows, 2, 6).span().lines()).extracting(Span.Line::number).containsExactly(302);
    }

    @Test
    void neitherCommandNorHeaderIsAWarningNotAGuess() {
        Block b = TestData.section(SEED, CONTROL);
        Block cut = TestData.withLine(TestData.withLine(b, 234 - b.firstLine(), ""), 235 - b.firstLine(), "");
        Block bare = new Block(cut.source(), cut.firstLine(), cut.lines(), cut.raw(), "000.txt", null, true);
        TestData.Parsed parsed = TestData.parse(parser, bare);
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(238);
            assertThat(d.message()).contains("controlplane or the dataplane");
        });
    }

    @Test
    void aCutRowAndABrokenNumberAreMalformedAndTheOthersAreKept() {
        Block b = TestData.section(SEED, CONTROL);
        int cut = 240 - b.firstLine();
        int bad = 249 - b.firstLine();
        String line = b.line(cut);
        Block derived = TestData.withLine(TestData.withLine(b, cut, line.substring(0, line.length() - 20)), bad,
                b.line(bad).replace("1301", "x1z"));
        TestData.Parsed parsed = TestData.parse(parser, derived);
        assertThat(parsed.all(DiPathStats.class)).hasSize(20);
        assertThat(parsed.warnings()).hasSize(2);
        assertThat(parsed.warnings().get(0).line()).isEqualTo(240);
        assertThat(parsed.warnings().get(0).message()).contains("got 8 values");
        assertThat(parsed.warnings().get(1).line()).isEqualTo(249);
        assertThat(parsed.warnings().get(1).message()).contains("interval 5min");
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("x.txt", CONTROL, ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.section(SEED, CONTROL))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.section(SEED, DATA))).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore(CONTROL)).isEqualTo(95);
        assertThat(parser.nameScore(DATA)).isEqualTo(95);
        assertThat(parser.nameScore("cloud-monitor-dataplane.txt")).isEqualTo(85);
        assertThat(parser.nameScore("show cloud monitor di-network detail")).isZero();
        assertThat(parser.nameScore("show iftask stats")).isZero();
        Block b = TestData.section(SEED, CONTROL);
        assertThat(parser.startsOutput(b.line(234 - b.firstLine()))).isTrue();
        assertThat(parser.startsOutput(b.line(235 - b.firstLine()))).isFalse();
        for (String other : List.of("show cloud monitor di-network detail", "show iftask stats",
                "show session recovery status verbose")) {
            assertThat(parser.contentScore(TestData.section(SEED, other))).as(other).isZero();
        }
        for (String f : List.of("fixtures/01-udp-rcvbuf-overflow/netstat-su.after.txt",
                "fixtures/08-healthy-baseline/ethtool-S.eth0.txt", "fixtures/08-healthy-baseline/netstat-i.txt")) {
            assertThat(parser.contentScore(TestData.block(f))).as(f).isZero();
        }
    }
}
