package dev.drophound.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built tool as a user runs it: {@code java -jar drophound-all.jar doctor} interrupted by Ctrl-C (SIGINT) or
 * SIGTERM while it traces must leave no tracefs instance and tracefs mounted exactly as before; run as an
 * unprivileged user it must still report. Every process started here is ended by its own handle.
 */
class LiveProcessIT {

    static Path jar;
    static String java;

    @BeforeAll
    static void built() {
        assumeTrue(HostReader.effectiveUid() == 0, "live tests need root");
        String j = System.getProperty("drophound.jar");
        assumeTrue(j != null && Files.isRegularFile(Path.of(j)), "target/drophound-all.jar not built (run mvn verify)");
        jar = Path.of(j);
        java = ProcessHandle.current().info().command().orElse("java");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void interruptedTracedRunLeavesNoInstance(String signal, @TempDir Path dir) throws Exception {
        Optional<Path> mountedBefore = DropTracer.mountPoint();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "doctor", "--duration", "60s")
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        try {
            Path instance = null;
            for (int i = 0; i < 200 && instance == null; i++) {
                instance = DropTracer.instances().stream()
                        .filter(x -> x.getFileName().toString().equals(DropTracer.PREFIX + p.pid())).findFirst().orElse(null);
                if (instance == null) {
                    assertThat(p.isAlive()).as("doctor exited early: " + Files.readString(dir.resolve("err"))).isTrue();
                    Thread.sleep(100);
                }
            }
            assertThat(instance).as("doctor never created its tracefs instance").isNotNull();
            Thread.sleep(300); // well inside the sampling wait
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("doctor did not exit on SIG" + signal).isTrue();
            assertThat(instance).doesNotExist();
            assertThat(DropTracer.instances()).isEmpty();
            assertThat(DropTracer.mountPoint()).as("tracefs mount state restored").isEqualTo(mountedBefore);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void unprivilegedUserStillGetsAReport(@TempDir Path dir) throws Exception {
        Optional<Path> setpriv = new Commands().which("setpriv");
        assumeTrue(setpriv.isPresent(), "setpriv (util-linux) not installed");
        // nobody must reach the jar: a world-readable copy in a world-readable directory
        Path pub = Files.createDirectory(dir.resolve("pub"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.copy(jar, pub.resolve("drophound-all.jar"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> cmd = new ArrayList<>(List.of(setpriv.get().toString(), "--reuid=65534", "--regid=65534",
                "--clear-groups", "--", java, "-jar", copy.toString(), "doctor", "--duration", "1s", "--format", "json"));
        Process p = new ProcessBuilder(cmd).directory(pub.toFile()).redirectError(dir.resolve("err").toFile())
                .redirectOutput(dir.resolve("out").toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err"));
            assertThat(p.exitValue()).as(err).isZero();
            JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("out")));
            assertThat(report.path("inputs").path("samples").asInt()).as(report.toPrettyString()).isEqualTo(2);
            List<String> messages = new ArrayList<>();
            report.path("diagnostics").forEach(d -> messages.add(d.path("message").asText()));
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("not root").contains("less detail"));
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("drop-reason tracing").contains("skipped"));
            assertThat(report.path("verdict").path("summary").asText()).isNotBlank();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
