package dev.drophound.parse.staros;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000 given whole, as {@code drophound analyze} reads it: every monitor and iftask output is routed and read. */
class StarosMonitorSeedTest {

    private static final List<String> IDS = List.of("show-cloud-monitor-di-network", "show-cloud-monitor-plane",
            "show-iftask-stats");

    private static Analysis analyze(String path) {
        return Analyzer.standard().analyzePaths(List.of(path), new ByteArrayInputStream(new byte[0]));
    }

    private static List<Diagnostic> ours(Analysis a) {
        return a.diagnostics().stream().filter(d -> IDS.stream().anyMatch(id -> d.message().contains(id))).toList();
    }

    @Test
    void wholeSeedReadsEachOutputOnceWithoutComplaint() {
        Analysis a = analyze(TestData.path(CloudMonitorDiNetworkParserTest.SEED).toString());
        assertThat(a.formats()).containsEntry("show-cloud-monitor-di-network", 1)
                .containsEntry("show-cloud-monitor-plane", 2).containsEntry("show-iftask-stats", 1);
        assertThat(ours(a)).isEmpty();
    }

    @Test
    void aSecondIftaskSampleAppendedToTheSeedIsASecondBlock(@TempDir Path dir) throws IOException {
        List<String> seed = Block.splitLines(TestData.text(CloudMonitorDiNetworkParserTest.SEED));
        List<String> doc = new ArrayList<>(seed);
        for (String l : seed.subList(335, 402)) { // banner (line 336) to the trailer (402), ten minutes later
            doc.add(l.replace("11:22:06", "11:32:06").replaceFirst("^kni_drops(\\s+)0(\\s+)0", "kni_drops$11520$212"));
        }
        Path file = dir.resolve("staros-support.txt");
        Files.writeString(file, String.join("\n", doc) + "\n");
        Analysis a = analyze(file.toString());
        assertThat(a.formats()).containsEntry("show-iftask-stats", 2);
        assertThat(ours(a)).isEmpty();
    }
}
