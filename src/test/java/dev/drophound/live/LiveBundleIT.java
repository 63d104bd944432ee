package dev.drophound.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.cli.Main;
import dev.drophound.evidence.Source;
import dev.drophound.findings.Finding;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} then {@code analyze BUNDLE}: the bundle of a live run, packed or unpacked, gives the findings
 * of that run. Findings are compared on what they conclude (id, severity, stage, socket, loss); their evidence
 * names the bundle instead of /proc, as it should.
 */
class LiveBundleIT {

    @BeforeAll
    static void root() {
        assumeTrue(HostReader.effectiveUid() == 0, "live tests need root");
    }

    record Conclusion(String id, String severity, String stage, String socket, Long packets, Double perSecond) {
        static Conclusion of(Finding f) {
            return new Conclusion(f.id(), f.severity().name(), f.stage().id(),
                    f.socket() == null ? null : f.socket().protocol() + " " + f.socket().localAddress() + ":"
                            + f.socket().localPort() + " pid " + f.socket().pid() + " " + f.socket().command(),
                    f.loss() == null ? null : f.loss().packets(), f.loss() == null ? null : f.loss().perSecond());
        }
    }

    static List<Conclusion> conclusions(Analysis a) {
        return a.findings().stream().map(Conclusion::of).toList();
    }

    @Test
    void bundleGivesTheLiveFindings(@TempDir Path dir) throws Exception {
        LiveRun.Result run;
        InetSocketAddress deaf;
        try (Traffic t = new Traffic()) {
            deaf = t.deafReceiver(false);
            t.flood(deaf, 2000);
            run = LiveRun.system().run(new LiveRun.Options(LiveDoctorIT.WINDOW, true, null));
        }
        Analysis live = Analyzer.standard().analyze(run.captured().evidence(), run.captured().diagnostics(),
                run.captured().items().size());
        assertThat(live.findings()).anySatisfy(f -> assertThat(f.socket() == null ? -1 : Integer.parseInt(
                f.socket().localPort())).isEqualTo(deaf.getPort()));

        Path bundle = dir.resolve("host.tar.gz");
        Bundle.write(bundle, run, "test");
        Analysis packed = Analyzer.standard().analyzePaths(List.of(bundle.toString()), new ByteArrayInputStream(new byte[0]));
        assertThat(conclusions(packed)).containsExactlyElementsOf(conclusions(live));
        assertThat(packed.verdict().severity()).isEqualTo(live.verdict().severity());
        assertThat(packed.verdict().stage()).isEqualTo(live.verdict().stage());
        assertThat(packed.windowSeconds()).isEqualTo(live.windowSeconds());
        assertThat(packed.formats()).isEqualTo(live.formats());
        // the live run's own diagnostics travel in the manifest; nothing in the bundle is left unread
        assertThat(packed.diagnostics()).containsAll(run.captured().diagnostics());
        assertThat(packed.diagnostics()).noneMatch(d -> d.message().contains("not a format"));
        assertThat(packed.findings()).flatMap(Finding::evidence).allSatisfy(e -> assertThat(e.source()).startsWith(bundle + "!"));

        // unpacked by tar, the same
        Path out = Files.createDirectory(dir.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", bundle.toString(), "-C", out.toString()).inheritIO().start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        Analysis unpacked = Analyzer.standard().analyzePaths(List.of(out.resolve("host").toString()),
                new ByteArrayInputStream(new byte[0]));
        assertThat(conclusions(unpacked)).containsExactlyElementsOf(conclusions(live));
        assertThat(Source.Kind.values()).contains(Source.Kind.ARCHIVE_ENTRY);
    }

    @Test
    void collectCommandWritesABundleThatAnalyzeReads(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("b.tar.gz");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"collect", "--duration", "500ms", "-o", bundle.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("wrote " + bundle).contains("drophound analyze " + bundle);
        StringWriter json = new StringWriter();
        code = Main.run(new String[] {"analyze", "--format", "json", bundle.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintWriter(json), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toString());
        assertThat(report.path("inputs").path("samples").asInt()).isEqualTo(2);
        assertThat(report.path("inputs").path("windowSeconds").asDouble()).isBetween(0.45, 5.0);
        assertThat(DropTracer.instances()).isEmpty();
    }
}
