package dev.drophound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line with captured output: exit codes, formats, bad input. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, in, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    static String fixture(String relative) {
        return TestData.path(relative).toString();
    }

    @Test
    void analyzeReportsVerdictFirstAndExitsZeroWhateverItFinds() {
        Run r = run("analyze", fixture("fixtures/01-udp-rcvbuf-overflow"));
        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("drophound ");
        assertThat(r.out().lines().skip(2).findFirst().orElseThrow()).startsWith("VERDICT  CRITICAL · socket");
        assertThat(r.out()).contains("PROBLEMS").contains("$ sysctl -w net.core.rmem_max=26214400");
    }

    @Test
    void failOnDecidesTheExitCode() {
        assertThat(run("analyze", "--fail-on", "warning", fixture("fixtures/01-udp-rcvbuf-overflow")).code())
                .isEqualTo(ExitCode.FINDINGS);
        assertThat(run("analyze", "--fail-on", "critical", fixture("fixtures/01-udp-rcvbuf-overflow")).code())
                .isEqualTo(ExitCode.FINDINGS);
        assertThat(run("analyze", "--fail-on", "warning", fixture("fixtures/08-healthy-baseline")).code())
                .isEqualTo(ExitCode.OK);
        assertThat(run("analyze", "--fail-on", "sometimes", fixture("fixtures/08-healthy-baseline")).code())
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void usageErrorsExitTwoWithAOneLineMessage() {
        Run r = run("analyze", "--no-such-option", "x");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("drophound: Unknown option: '--no-such-option'");
        assertThat(run("analyze").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("analyze", "--format", "yaml", fixture("fixtures/08-healthy-baseline")).err())
                .contains("unknown --format 'yaml'");
        assertThat(run("frobnicate").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void noReadableEvidenceExitsThree(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "Ticket 4711: customer reports slow video calls since Monday.\n");
        Run r = run("analyze", dir.toString(), dir.resolve("missing").toString());
        assertThat(r.code()).isEqualTo(ExitCode.NO_EVIDENCE);
        assertThat(r.out()).contains("notes.txt:1: not a format drophound reads")
                .contains("missing: no such file or directory");
        assertThat(r.err()).contains("no readable evidence");
    }

    @Test
    void aPasteOnStandardInputIsAnalysedLikeTheFile() throws IOException {
        byte[] seed = Files.readAllBytes(TestData.path("seeds/001_64cba6ed93d5da2f.txt"));
        Run r = run(new ByteArrayInputStream(seed), "analyze", "-");
        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("VERDICT  WARNING · socket").contains("stdin:");
    }

    @Test
    void badFilesAreNamedAndTheRestIsStillAnalysed(@TempDir Path dir) throws IOException {
        byte[] snmp = Files.readAllBytes(TestData.path("fixtures/08-healthy-baseline/proc-net-snmp.txt"));
        byte[] garbage = snmp.clone();
        garbage[7] = 0;
        Files.write(dir.resolve("garbage.bin"), garbage);
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        String snmpText = new String(snmp, StandardCharsets.UTF_8);
        // a cut file: the Udp value line loses its last values
        String cut = snmpText.substring(0, snmpText.indexOf("Udp: ", snmpText.indexOf("Udp: ") + 5) + 12);
        Files.writeString(dir.resolve("proc-net-snmp.txt"), cut);
        Files.copy(TestData.path("fixtures/08-healthy-baseline/proc-net-snmp6.txt"), dir.resolve("proc-net-snmp6.txt"));

        Run r = run("analyze", "--format", "json", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("garbage.bin").contains("binary data").contains("empty.txt").contains("empty");
        assertThat(r.out()).contains("\"file\" : \"" + dir + "/proc-net-snmp.txt\"");
        assertThat(r.out()).contains("\"proc-net-snmp6\" : 1");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aFileLargerThanTheLimitIsReadInPartAndSaysSo(@TempDir Path dir) throws IOException {
        String nstat = TestData.text("fixtures/08-healthy-baseline/nstat-asz.txt");
        Files.writeString(dir.resolve("nstat-asz.txt"), nstat.repeat(200)); // 4.3 MiB of real lines
        Run r = run("analyze", "--max-file-size", "1M", dir.toString());
        assertThat(r.out()).contains("read only the first 1.0 MiB").contains("--max-file-size");
    }

    @Test
    void formatsListsEveryParserWithAnExampleCommand() {
        Run r = run("formats");
        assertThat(r.code()).isEqualTo(ExitCode.OK);
        for (var p : dev.drophound.parse.ParserRegistry.standard().all()) {
            assertThat(r.out()).contains("  " + p.id() + ": ").contains("$ " + p.examples().get(0));
        }
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertThat(help.code()).isEqualTo(ExitCode.OK);
        assertThat(help.out()).contains("analyze").contains("formats").contains("doctor").contains("Exit codes");
        assertThat(run("analyze", "--help").out()).contains("--fail-on").contains("--format");
        assertThat(run("--version").out()).startsWith("drophound ");
    }

    @Test
    void liveCommandsRejectABadDurationBeforeTouchingTheHost() {
        for (String command : new String[] {"doctor", "collect"}) {
            for (String bad : new String[] {"ten", "0s", "7h", "-5s"}) {
                Run r = run(command, "--duration", bad);
                assertThat(r.code()).as(command + " " + bad).isEqualTo(ExitCode.USAGE);
                assertThat(r.err()).contains("--duration");
            }
        }
        Run help = run("doctor", "--help");
        assertThat(help.out()).contains("--duration").contains("--no-trace").contains("Read-only");
        assertThat(run("collect", "--help").out()).contains("manifest");
    }

    @Test
    void jsonFollowsTheDocumentedContract() throws IOException {
        Run r = run("analyze", "--format", "json", fixture("fixtures/01-udp-rcvbuf-overflow"));
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("verdict").get("summary").asText()).startsWith("Packets are lost at");
        assertThat(root.get("diagnostics").isArray()).isTrue();
        JsonNode first = root.get("findings").get(0);
        for (String field : new String[] {"id", "severity", "stage", "title", "summary", "evidence", "remediation"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("severity").asText()).isIn("critical", "warning", "info", "ok");
        JsonNode evidence = first.get("evidence").get(0);
        assertThat(evidence.has("source") && evidence.has("line") && evidence.has("text")).isTrue();
        JsonNode fix = first.get("remediation").get(0);
        assertThat(fix.has("command") && fix.has("why") && fix.has("persistent")).isTrue();
        boolean socketNamed = false;
        for (JsonNode f : root.get("findings")) {
            JsonNode s = f.get("socket");
            if (s != null && !s.isNull() && s.get("localPort").asText().equals("47001")) {
                socketNamed = s.get("pid").asInt() == 24888 && s.get("command").asText().equals("python3");
            }
        }
        assertThat(socketNamed).isTrue();
    }

    @Test
    void outputFileAndMarkdown(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report.md");
        Run r = run("analyze", "--format", "markdown", "-o", out.toString(), fixture("fixtures/01-udp-rcvbuf-overflow"));
        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("# drophound report").contains("## Verdict: critical (socket)")
                .contains("```sh\nsysctl -w net.core.rmem_max=26214400\n```");
    }
}
