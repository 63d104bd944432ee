package dev.drophound.parse.staros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Sectioner;
import dev.drophound.evidence.Source;
import dev.drophound.facts.SessionRecoveryRow;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.testing.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code show session recovery status verbose} from seed 000 (lines 122-140), per section and through the whole
 * seed, and variants derived from it here: the Demux moved to another card, a row cut, a count garbled, the output
 * pasted without its banner, another date zone.
 */
class SessionRecoveryParserTest {

    private static final String SEED = "seeds/000_8b4452d78b0a6a25.txt";
    private static final String COMMAND = "show session recovery status verbose";
    private final SessionRecoveryParser parser = new SessionRecoveryParser();

    private static Block section() {
        return TestData.section(SEED, COMMAND);
    }

    /** The block with seed line {@code number} replaced. */
    private static Block withSeedLine(Block b, int number, String text) {
        return TestData.withLine(b, number - b.firstLine(), text);
    }

    private static String seedLine(int number) {
        return Block.splitLines(TestData.text(SEED)).get(number - 1);
    }

    @Test
    void seedSectionGivesTenRowsWithTheDemuxCard() {
        Block b = section();
        assertThat(b.firstLine()).isEqualTo(123);
        List<SessionRecoveryRow> rows = TestData.parseClean(parser, b).all(SessionRecoveryRow.class);
        assertThat(rows).extracting(SessionRecoveryRow::cpu).containsExactly("3/0", "4/0", "5/0", "6/0", "7/0", "8/0",
                "9/0", "10/0", "11/0", "12/0");
        assertThat(rows).extracting(r -> r.span().firstLine()).containsExactly(131, 132, 133, 134, 135, 136, 137, 138,
                139, 140);
        SessionRecoveryRow demux = rows.get(3);
        assertThat(demux.card()).isEqualTo(6);
        assertThat(demux.state()).isEqualTo("Active");
        assertThat(demux.sessmgrActive()).isZero();
        assertThat(demux.sessmgrStandby()).isZero();
        assertThat(demux.aaamgrActive()).isZero();
        assertThat(demux.aaamgrStandby()).isZero();
        assertThat(demux.demux()).isEqualTo(10);
        assertThat(demux.status()).isEqualTo("Good (Demux)");
        SessionRecoveryRow first = rows.get(0);
        assertThat(first).extracting(SessionRecoveryRow::sessmgrActive, SessionRecoveryRow::sessmgrStandby,
                SessionRecoveryRow::aaamgrActive, SessionRecoveryRow::aaamgrStandby, SessionRecoveryRow::demux,
                SessionRecoveryRow::status).containsExactly(24, 1, 24, 1, 0, "Good");
        SessionRecoveryRow standby = rows.get(9);
        assertThat(standby.card()).isEqualTo(12);
        assertThat(standby.state()).isEqualTo("Standby");
        assertThat(standby.sessmgrStandby()).isEqualTo(24);
        assertThat(standby.span().lines().get(0).text()).isEqualTo(seedLine(140));
        // Tuesday October 24 11:23:45 EDT 2023: EDT is UTC-4
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.at().wallClock()).isEqualTo(Instant.parse("2023-10-24T15:23:45Z"));
            assertThat(r.at().asPrinted()).isEqualTo("Tuesday October 24 11:23:45 EDT 2023");
        });
    }

    @Test
    void seedWholeRoutesTheSectionHere() {
        ParserRegistry registry = ParserRegistry.standard();
        List<SessionRecoveryRow> rows = new ArrayList<>();
        for (Block b : new Sectioner(registry::startsAnyOutput).split(Source.file(SEED), "000_8b4452d78b0a6a25.txt",
                TestData.text(SEED))) {
            if (registry.route(b).filter(c -> c.parser().id().equals(parser.id())).isPresent()) {
                rows.addAll(TestData.parseClean(parser, b).all(SessionRecoveryRow.class));
            }
        }
        assertThat(rows).hasSize(10);
        assertThat(rows).filteredOn(r -> r.demux() > 0).singleElement()
                .satisfies(r -> assertThat(r.cpu()).isEqualTo("6/0"));
    }

    @Test
    void demuxMovedToCard7() {
        // the rows of 6/0 and 7/0 with their cpu numbers swapped
        Block b = withSeedLine(withSeedLine(section(), 134, seedLine(134).replaceFirst(" 6/0", " 7/0")), 135,
                seedLine(135).replaceFirst(" 7/0", " 6/0"));
        List<SessionRecoveryRow> rows = TestData.parseClean(parser, b).all(SessionRecoveryRow.class);
        assertThat(rows).filteredOn(r -> r.demux() > 0).singleElement().satisfies(r -> {
            assertThat(r.card()).isEqualTo(7);
            assertThat(r.status()).isEqualTo("Good (Demux)");
        });
        assertThat(rows).filteredOn(r -> r.card() == 6).singleElement()
                .satisfies(r -> assertThat(r.sessmgrActive()).isEqualTo(24));
    }

    @Test
    void cutAndGarbledRowsAreMalformedAndTheOthersKept() {
        String cut = seedLine(134).substring(0, 30); // " 6/0 Active   0      0        0"
        TestData.Parsed p = TestData.parse(parser, withSeedLine(section(), 134, cut));
        assertThat(p.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(134);
            assertThat(d.message()).contains("demux and status");
        });
        assertThat(p.all(SessionRecoveryRow.class)).hasSize(9).noneMatch(r -> r.card() == 6);

        TestData.Parsed garbled = TestData.parse(parser,
                withSeedLine(section(), 131, seedLine(131).replaceFirst("24", "x1z")));
        assertThat(garbled.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(131));
        assertThat(garbled.all(SessionRecoveryRow.class)).hasSize(9);
    }

    @Test
    void elidedRowsAreUsed() {
        Block b = withSeedLine(withSeedLine(section(), 136, "\u2026 "), 137, "\u2026 ");
        assertThat(TestData.parseClean(parser, b).all(SessionRecoveryRow.class)).hasSize(8);
    }

    @Test
    void pastedWithoutBannerIsFoundByItsContent() {
        // the seed's lines 124-140 alone, without banner and date line: a file of their own
        List<String> lines = Block.splitLines(TestData.text(SEED)).subList(123, 140);
        Block b = Block.ofText("paste.txt", String.join("\n", lines) + "\n");
        assertThat(parser.contentScore(b)).isGreaterThanOrEqualTo(90);
        assertThat(parser.startsOutput(lines.get(0))).isTrue();
        assertThat(ParserRegistry.standard().route(b)).get()
                .satisfies(c -> assertThat(c.parser().id()).isEqualTo(parser.id()));
        List<SessionRecoveryRow> rows = TestData.parseClean(parser, b).all(SessionRecoveryRow.class);
        assertThat(rows).hasSize(10).allSatisfy(r -> assertThat(r.at()).isNull());
        assertThat(rows.get(3).span().firstLine()).isEqualTo(11);
    }

    @Test
    void dateLineZones() {
        Block est = withSeedLine(section(), 123, seedLine(123).replace("EDT", "EST"));
        assertThat(TestData.parseClean(parser, est).all(SessionRecoveryRow.class).get(0).at().wallClock())
                .isEqualTo(Instant.parse("2023-10-24T16:23:45Z"));
        Block utc = withSeedLine(section(), 123, seedLine(123).replace("EDT", "UTC"));
        assertThat(TestData.parseClean(parser, utc).all(SessionRecoveryRow.class).get(0).at().wallClock())
                .isEqualTo(Instant.parse("2023-10-24T11:23:45Z"));
        // a zone we cannot place keeps the printed date only
        Block ist = withSeedLine(section(), 123, seedLine(123).replace("EDT", "IST"));
        SessionRecoveryRow r = TestData.parseClean(parser, ist).all(SessionRecoveryRow.class).get(0);
        assertThat(r.at().wallClock()).isNull();
        assertThat(r.at().asPrinted()).isEqualTo("Tuesday October 24 11:23:45 IST 2023");
    }

    @Test
    void emptyInputGivesNothing() {
        TestData.Parsed p = TestData.parseClean(parser, Block.ofCommand("x", COMMAND, ""));
        assertThat(p.facts()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore(COMMAND)).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("show session recovery status")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("show session recover status verbose")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("show-session-recovery-status-verbose.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("show iftask stats")).isZero();
        assertThat(parser.nameScore("show session duration")).isZero();
        assertThat(parser.contentScore(section())).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.section(SEED, "show iftask stats"))).isZero();
        assertThat(parser.contentScore(TestData.section(SEED, "show cloud monitor controlplane"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/01-udp-rcvbuf-overflow/netstat-su.after.txt"))).isZero();
        assertThat(parser.contentScore(TestData.blockContaining(SEED, "KNI: Out of memory, kni port"))).isZero();
    }

    @Test
    void rowsInOrderWithTheirCounts() {
        List<SessionRecoveryRow> rows = TestData.parseClean(parser, section()).all(SessionRecoveryRow.class);
        assertThat(rows).extracting(SessionRecoveryRow::card, SessionRecoveryRow::state, SessionRecoveryRow::demux)
                .startsWith(tuple(3, "Active", 0), tuple(4, "Active", 0), tuple(5, "Active", 0), tuple(6, "Active", 10));
    }
}
