package dev.drophound.checks.staros;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The StarOS checks on seed 000 (verbatim StarOS output in a Japanese write-up), whole, and on variants derived from
 * its text: a second iftask sample in which kni_drops grow, only the syslog lines, only the cloud monitor outputs.
 */
class StarosChecksTest {

    static final String SEED = "seeds/000_8b4452d78b0a6a25.txt";

    static Analysis analyze(Path... paths) {
        return Analyzer.standard().analyzePaths(java.util.Arrays.stream(paths).map(Path::toString).toList(),
                new ByteArrayInputStream(new byte[0]));
    }

    static List<Finding> findings(Analysis a, String id) {
        return a.findings().stream().filter(f -> f.id().equals(id)).toList();
    }

    static String seed() throws IOException {
        return Files.readString(TestData.path(SEED));
    }

    /** The seed's lines from the one that starts with {@code from} up to (not including) the one starting {@code to}. */
    static String section(String from, String to) throws IOException {
        List<String> lines = seed().lines().toList();
        int a = -1;
        int z = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (a < 0 && lines.get(i).startsWith(from)) {
                a = i;
            } else if (a >= 0 && lines.get(i).startsWith(to)) {
                z = i;
                break;
            }
        }
        return String.join("\n", lines.subList(a, z)) + "\n";
    }

    @Test
    void seedWholeIsAHostDriverFaultAroundTheDemuxCard() {
        Analysis a = analyze(TestData.path(SEED));
        Finding cause = findings(a, KniRootCause.ID).get(0);
        assertThat(cause.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(cause.summary()).startsWith("Host driver fault, not StarOS")
                .contains("toward card 6 (the Demux card)")
                .contains("heartbeats to card 6 are Bad from 7 of 11 cards (60-min loss up to 3.9%)")
                .contains("controlplane probes are lost both ways")
                .contains("dataplane misses run only into card 6").contains("one-directional")
                .contains("user-space KNI drops are 0").contains("cpbond0 (socket 0)")
                .contains("GTP-C path failure 2023-10-23 00:14").contains("KNI out of memory 2023-11-15 17:20");
        assertThat(cause.remediation().get(0).command()).contains("ethtool -i").contains("card 6");
        assertThat(cause.evidence()).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(353);
            assertThat(e.text()).startsWith("kni_drops");
        });
        assertThat(a.verdict().stage()).isEqualTo(Stage.STAROS);
        assertThat(a.verdict().summary()).startsWith("Host driver fault, not StarOS");

        Finding oom = findings(a, KniOutOfMemory.ID).stream().filter(f -> f.title().startsWith("KNI")).findFirst()
                .orElseThrow();
        assertThat(oom.summary()).contains("2 times for KNI port cpbond0 (socket 0)")
                .contains("total=-130952296 is a signed 32-bit counter that wrapped: 4,164,015,000")
                .contains("grew by 628,295,000");
        // the seed's GTP-C failure is weeks before its KNI errors: not called the same window
        assertThat(findings(a, KniOutOfMemory.ID)).anySatisfy(f -> {
            assertThat(f.title()).isEqualTo("GTP-C path failures");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).contains("peer Y.Y.Y.Y").contains("not the same window");
        });
        assertThat(findings(a, IftaskKniDrops.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.summary()).contains("0 since iftask started")
                    .contains("__DISCARDS__ 2,324,968 and __BOND_DISCARDS__ 55,635,534 (in total) are discards, not drops");
        });
    }

    @Test
    void kniDropsGrowingBetweenIftaskSamplesIsTheApplication(@TempDir Path dir) throws IOException {
        // a second sample ten minutes later in which card 6's kni_drops grew: derived from the seed's own output
        String later = section("******** show iftask stats", "ステップ 4").replace("11:22:06", "11:32:06")
                .replaceFirst("kni_drops                       0                               0",
                        "kni_drops                       1520                            12");
        Path file = dir.resolve("support-details.txt");
        Files.writeString(file, seed() + "\n" + later);
        Analysis a = analyze(file);
        Finding cause = findings(a, KniRootCause.ID).get(0);
        assertThat(cause.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(cause.summary()).startsWith("Application level (StarOS iftask), not the host")
                .contains("kni_drops on card 6 +1520").contains("degraded around card 6 as well");
        assertThat(findings(a, IftaskKniDrops.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("between the 2 iftask samples").contains("kni_drops on card 6 +1,520");
        });
        assertThat(a.verdict().summary()).startsWith("Application level");
    }

    @Test
    void onlyTheSyslogGivesAHedgedAnswerThatSaysWhatToCollect(@TempDir Path dir) throws IOException {
        String logs = seed().lines().filter(l -> l.contains("KNI: Out of memory") || l.contains("GTP-C path failure"))
                .filter(l -> !l.contains("RTE_LOG")).collect(Collectors.joining("\n", "", "\n"));
        Path file = dir.resolve("syslog.txt");
        Files.writeString(file, logs);
        Analysis a = analyze(file);
        Finding cause = findings(a, KniRootCause.ID).get(0);
        assertThat(cause.severity()).isEqualTo(Severity.WARNING);
        assertThat(cause.confidence()).isEqualTo(Confidence.LOW);
        assertThat(cause.summary()).contains("Cannot yet tell").contains("show cloud monitor di-network detail")
                .contains("show iftask stats, twice a few minutes apart");
    }

    @Test
    void onlyTheCloudMonitorPointsBelowStarOsButSaysWhatIsMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cloud-monitor.txt");
        Files.writeString(file, section("******** show cloud monitor di-network detail", "ステップ 3"));
        Analysis a = analyze(file);
        Finding cause = findings(a, KniRootCause.ID).get(0);
        assertThat(cause.severity()).isEqualTo(Severity.WARNING);
        assertThat(cause.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(cause.summary()).startsWith("Probably the host, not StarOS").contains("card 6")
                .contains("show iftask stats").contains("KNI: Out of memory lines");
        assertThat(findings(a, DiNetworkHealth.ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            // without session recovery the role of card 6 is not known, and not guessed
            assertThat(f.summary()).contains("toward card 6 is degraded").doesNotContain("Demux");
        });
    }

    @Test
    void signed32BitTotalGrowsThroughTheWrap() {
        assertThat(KniOutOfMemory.growth32(-759247296L, -130952296L)).isEqualTo(628_295_000L);
        assertThat(KniOutOfMemory.growth32(2147483000L, -2147483000L)).isEqualTo(1296L);
    }
}
