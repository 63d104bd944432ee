package dev.drophound.parse.staros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.Sectioner;
import dev.drophound.evidence.Source;
import dev.drophound.facts.StarosEvent;
import dev.drophound.facts.StarosEvent.Kind;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * StarOS log lines from seed 000 (the only real StarOS evidence): the evlogd record relaying iftask's KNI message
 * (line 73), the debug-shell iftask log (line 91), egtpmgr's GTP-C path failure sent to a syslog server (line 102),
 * and variants derived here from those lines: the backup-pool message made from the seed's own RTE_LOG format
 * string (line 82), counters at and beyond 32 bits, cut lines, a card clock across New Year.
 */
class StarosLogParserTest {

    private static final String SEED = "seeds/000_8b4452d78b0a6a25.txt";
    private final StarosLogParser parser = new StarosLogParser();

    /** The seed's text up to the first banner: prose with the three log lines (and the RTE_LOG source line). */
    private static Block logSection() {
        return TestData.blockContaining(SEED, "KNI: Out of memory, kni port cpbond0");
    }

    /** Line {@code number} (1-based) of the seed. */
    private static String seedLine(int number) {
        return Block.splitLines(TestData.text(SEED)).get(number - 1);
    }

    /** The block with seed line {@code number} replaced. */
    private static Block withSeedLine(Block b, int number, String text) {
        return TestData.withLine(b, number - b.firstLine(), text);
    }

    private static StarosEvent at(List<StarosEvent> events, int line) {
        return events.stream().filter(e -> e.span().firstLine() == line).findFirst().orElseThrow();
    }

    @Test
    void seedSectionGivesTheTwoKniEventsAndTheGtpcFailure() {
        Block b = logSection();
        assertThat(b.command()).isNull();
        assertThat(parser.contentScore(b)).isGreaterThanOrEqualTo(50);
        TestData.Parsed p = TestData.parse(parser, b);
        assertThat(p.warnings()).isEmpty();
        List<StarosEvent> e = p.all(StarosEvent.class);
        assertThat(e).extracting(x -> x.span().firstLine(), StarosEvent::kind).containsExactly(
                tuple(73, Kind.KNI_OOM), tuple(91, Kind.KNI_OOM), tuple(102, Kind.GTPC_PATH_FAILURE));

        StarosEvent relayed = at(e, 73);
        assertThat(relayed.time().asPrinted()).isEqualTo("2023-Nov-16+09:18:03.205");
        assertThat(relayed.time().wallClock()).isEqualTo(Instant.parse("2023-11-16T09:18:03.205Z"));
        assertThat(relayed.localTime().asPrinted()).isEqualTo("Nov 16 14:18:03");
        assertThat(relayed.localTime().wallClock()).isEqualTo(Instant.parse("2023-11-16T14:18:03Z"));
        assertThat(relayed.card()).isEqualTo("3/0");
        assertThat(relayed.process()).isEqualTo("iftask");
        assertThat(relayed.pid()).isEqualTo(7387);
        assertThat(relayed.port()).isEqualTo("cpbond0");
        assertThat(relayed.socket()).isZero();
        assertThat(relayed.total()).isEqualTo(-130952296L);
        assertThat(relayed.iter()).isEqualTo(27);
        assertThat(relayed.text()).isEqualTo(
                "KNI: Out of memory, kni port cpbond0, socket_id=0, total=-130952296, iter=27");
        assertThat(relayed.span().lines()).singleElement().satisfies(l -> assertThat(l.text()).isEqualTo(seedLine(73)));

        StarosEvent shell = at(e, 91);
        assertThat(shell.time().wallClock()).isEqualTo(Instant.parse("2023-11-15T17:20:30Z"));
        assertThat(shell.time().asPrinted()).isEqualTo("Wed Nov 15 17:20:30 2023");
        assertThat(shell.localTime()).isNull();
        assertThat(shell.card()).isNull();
        assertThat(shell.process()).isEqualTo("iftask");
        assertThat(shell.pid()).isEqualTo(7387);
        assertThat(shell.total()).isEqualTo(-759247296L);
        assertThat(shell.iter()).isEqualTo(25);

        StarosEvent gtpc = at(e, 102);
        assertThat(gtpc.time().wallClock()).isEqualTo(Instant.parse("2023-10-23T00:14:33.813Z"));
        assertThat(gtpc.card()).isEqualTo("6/0");
        assertThat(gtpc.process()).isEqualTo("egtpmgr");
        assertThat(gtpc.pid()).isEqualTo(12364);
        assertThat(gtpc.peer()).isEqualTo("Y.Y.Y.Y");
        assertThat(gtpc.context()).isEqualTo("mme_ctx / mme_svc_egtp");
        assertThat(gtpc.port()).isNull();
        assertThat(gtpc.total()).isNull();
        assertThat(gtpc.text()).startsWith("context: mme_ctx, service : mme_svc_egtp, self addr: <X.X.X.X>, GTP-C path");
    }

    @Test
    void seedWholeGivesThreeEventsAndNoWarning() {
        ParserRegistry registry = ParserRegistry.standard();
        List<StarosEvent> events = new ArrayList<>();
        int blocks = 0;
        for (Block b : new Sectioner(registry::startsAnyOutput).split(Source.file(SEED), "000_8b4452d78b0a6a25.txt",
                TestData.text(SEED))) {
            if (registry.route(b).filter(c -> c.parser().id().equals(parser.id())).isPresent()) {
                blocks++;
                TestData.Parsed p = TestData.parse(parser, b);
                assertThat(p.warnings()).isEmpty();
                events.addAll(p.all(StarosEvent.class));
            }
        }
        assertThat(blocks).isEqualTo(1);
        assertThat(events).extracting(x -> x.span().firstLine(), StarosEvent::kind).containsExactly(
                tuple(73, Kind.KNI_OOM), tuple(91, Kind.KNI_OOM), tuple(102, Kind.GTPC_PATH_FAILURE));

        Analysis a = Analyzer.standard().analyzePaths(List.of(TestData.path(SEED).toString()),
                new ByteArrayInputStream(new byte[0]));
        assertThat(a.formats()).containsEntry(parser.id(), 1).containsEntry("show-session-recovery", 1);
        assertThat(a.diagnostics()).allMatch(d -> d.level() == Diagnostic.Level.INFO, "only information");
    }

    @Test
    void theRteLogSourceLineIsProseNotAnEvent() {
        Block b = logSection();
        TestData.Parsed p = TestData.parse(parser, b);
        assertThat(p.all(StarosEvent.class)).noneMatch(e -> e.span().firstLine() == 82);
        assertThat(p.diagnostics()).noneMatch(d -> d.line() == 82);
    }

    /**
     * The backup-pool message as iftask prints it: the seed's RTE_LOG format string (line 82) with values put in,
     * in place of the KNI message of the evlogd record (line 73) and of the debug-shell line (line 91), and alone.
     */
    @Test
    void backupPoolMessageFromTheSeedsFormatString() {
        Matcher f = Pattern.compile("RTE_LOG\\(ERR, (KNI), \"(.*?)\\\\n\"").matcher(seedLine(82));
        assertThat(f.find()).isTrue();
        String message = f.group(2).replaceFirst("%s", "cpbond0").replaceFirst("%d", "0")
                .replaceFirst("%d", "-2147483648").replaceFirst("%d", "3");
        assertThat(message).isEqualTo(
                "Out of memory from Backup pool, kni port cpbond0, socket_id=0, total=-2147483648, iter=3");
        String rteLog = f.group(1) + ": " + message; // RTE_LOG prefixes the log type
        String evlogd = seedLine(73).substring(0, seedLine(73).indexOf("KNI: ")) + rteLog;
        String shell = seedLine(91).substring(0, seedLine(91).indexOf("KNI: ")) + rteLog;
        Block b = withSeedLine(withSeedLine(withSeedLine(logSection(), 73, evlogd), 91, shell), 82, message);

        TestData.Parsed p = TestData.parse(parser, b);
        assertThat(p.warnings()).isEmpty();
        assertThat(p.all(StarosEvent.class)).extracting(x -> x.span().firstLine(), StarosEvent::kind, StarosEvent::total,
                StarosEvent::iter, StarosEvent::port).containsExactly(
                        tuple(73, Kind.KNI_OOM_BACKUP, -2147483648L, 3, "cpbond0"),
                        tuple(82, Kind.KNI_OOM_BACKUP, -2147483648L, 3, "cpbond0"),
                        tuple(91, Kind.KNI_OOM_BACKUP, -2147483648L, 3, "cpbond0"),
                        tuple(102, Kind.GTPC_PATH_FAILURE, null, null, null));
        StarosEvent relayed = at(p.all(StarosEvent.class), 73);
        assertThat(relayed.card()).isEqualTo("3/0");
        assertThat(relayed.text()).isEqualTo(rteLog);
        assertThat(at(p.all(StarosEvent.class), 82).time()).isNull();
    }

    @Test
    void totalIsASigned32BitCounter() {
        Block b = logSection();
        Block max = withSeedLine(b, 91, seedLine(91).replace("total=-759247296", "total=2147483647"));
        assertThat(at(TestData.parse(parser, max).all(StarosEvent.class), 91).total()).isEqualTo(2147483647L);

        Block over = withSeedLine(b, 73, seedLine(73).replace("total=-130952296", "total=-2147483649"));
        TestData.Parsed p = TestData.parse(parser, over);
        assertThat(p.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(73);
            assertThat(d.message()).contains("total=-2147483649").contains("32-bit");
        });
        assertThat(p.all(StarosEvent.class)).extracting(x -> x.span().firstLine()).containsExactly(91, 102);

        Block garbled = withSeedLine(b, 91, seedLine(91).replace("socket_id=0", "socket_id=x1z"));
        assertThat(TestData.parse(parser, garbled).warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(91);
            assertThat(d.message()).contains("socket_id=x1z");
        });
    }

    @Test
    void cutLinesAreMalformedAndTheOthersKept() {
        Block b = logSection();
        String l73 = seedLine(73);
        // cut inside the message: total's digits and iter gone
        TestData.Parsed cutMessage = TestData.parse(parser, withSeedLine(b, 73, l73.substring(0, l73.length() - 20)));
        assertThat(cutMessage.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(73);
            assertThat(d.message()).contains("without its kni port, socket_id, total and iter");
        });
        assertThat(cutMessage.all(StarosEvent.class)).extracting(x -> x.span().firstLine()).containsExactly(91, 102);

        // cut inside evlogd's header
        TestData.Parsed cutHeader = TestData.parse(parser, withSeedLine(b, 73, l73.substring(0, 40)));
        assertThat(cutHeader.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(73);
            assertThat(d.message()).contains("evlogd record cut");
        });
        String l102 = seedLine(102);
        TestData.Parsed cutSyslog = TestData.parse(parser, withSeedLine(b, 102, l102.substring(0, 80)));
        assertThat(cutSyslog.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(102));
        assertThat(cutSyslog.all(StarosEvent.class)).hasSize(2);

        // GTP-C message cut before its peer
        String noPeer = l102.substring(0, l102.indexOf("GTP-C path failure for peer") + "GTP-C path failure for".length());
        TestData.Parsed p = TestData.parse(parser, withSeedLine(b, 102, noPeer + " peer"));
        assertThat(p.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(102);
            assertThat(d.message()).contains("without its peer");
        });
    }

    @Test
    void otherStarosRecordsAreUsedWithoutEvents() {
        // the egtpmgr record with the GTP-C failure taken out of its message: still a StarOS record
        String other = seedLine(102).replace("GTP-C path failure for peer <Y.Y.Y.Y>, ", "");
        TestData.Parsed p = TestData.parse(parser, withSeedLine(logSection(), 102, other));
        assertThat(p.diagnostics()).noneMatch(d -> d.line() == 102);
        assertThat(p.all(StarosEvent.class)).extracting(x -> x.span().firstLine()).containsExactly(73, 91);
    }

    /** The seed's three log lines as a file of their own, with the elision marks of the seed between them. */
    @Test
    void standaloneLogFileIsCleanAndScoresHigh() {
        String text = String.join("\n", seedLine(73), seedLine(75), "\u2026", seedLine(91), seedLine(102)) + "\n";
        Block b = Block.ofText("staros.log", text);
        assertThat(parser.contentScore(b)).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("staros.log")).isGreaterThanOrEqualTo(80);
        TestData.Parsed p = TestData.parseClean(parser, b);
        assertThat(p.all(StarosEvent.class)).extracting(x -> x.span().firstLine()).containsExactly(1, 4, 5);
        assertThat(ParserRegistry.standard().route(b)).get().satisfies(c -> assertThat(c.parser().id()).isEqualTo(parser.id()));
        // each shape alone is still ours, not the kernel log's or a DPDK application's
        for (int line : List.of(73, 91, 102)) {
            Block one = Block.ofText("log.txt", seedLine(line) + "\n");
            assertThat(ParserRegistry.standard().route(one)).get()
                    .satisfies(c -> assertThat(c.parser().id()).as("line %d", line).isEqualTo(parser.id()));
        }
    }

    @Test
    void aCardClockPastNewYearTakesTheNextYear() {
        // the seed's record moved to New Year's Eve: evlogd 23:18 on Dec 31, the card (5 hours ahead) on Jan 1
        String moved = seedLine(73).replace("2023-Nov-16+09:18:03.205", "2023-Dec-31+23:18:03.205")
                .replace("Nov 16 14:18:03", "Jan  1 04:18:03");
        StarosEvent e = at(TestData.parse(parser, withSeedLine(logSection(), 73, moved)).all(StarosEvent.class), 73);
        assertThat(e.time().wallClock()).isEqualTo(Instant.parse("2023-12-31T23:18:03.205Z"));
        assertThat(e.localTime().wallClock()).isEqualTo(Instant.parse("2024-01-01T04:18:03Z"));
    }

    @Test
    void emptyInputGivesNothing() {
        TestData.Parsed p = TestData.parseClean(parser, Block.ofText("staros.log", ""));
        assertThat(p.facts()).isEmpty();
        assertThat(parser.contentScore(Block.ofText("staros.log", ""))).isZero();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("show logs")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("show logs facility iftask")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("show session recovery status verbose")).isZero();
        assertThat(parser.nameScore("syslog")).isZero();
        assertThat(parser.nameScore("messages")).isZero();
        // the seed's show outputs and other programs' logs are not ours
        assertThat(parser.contentScore(TestData.section(SEED, "show session recovery status verbose"))).isZero();
        assertThat(parser.contentScore(TestData.section(SEED, "show iftask stats"))).isZero();
        assertThat(parser.contentScore(TestData.block("captured/dmesg/dmesg-time-format-iso.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("captured/ovs-dpdk/ovs-vswitchd.s1.iso.syslog.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/01-udp-rcvbuf-overflow/proc-net-snmp.after.txt"))).isZero();
    }
}
