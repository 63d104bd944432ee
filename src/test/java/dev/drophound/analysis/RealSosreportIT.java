package dev.drophound.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.InputCollector;
import dev.drophound.evidence.InputFile;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sosreport, made on this machine by {@code sos report} (Debian's {@code sosreport} package), analysed
 * straight from its {@code .tar.xz} without unpacking it, then unpacked by {@code tar} and analysed again: the
 * same files must be read, each once, under the kernel's own names, with one line for what was left out.
 *
 * <p>Only the plugins drophound reads from run ({@code networking}: /proc/net, sysfs, ethtool, ip, netstat, tc;
 * {@code kernel}: sysctl -a, uname), which takes about 3 s and makes under 1 MB. sos writes only below
 * {@code --tmp-dir}, here a JUnit temporary directory, removed afterwards. Skipped, saying why, where sos is not
 * installed or the test does not run as root (sos needs root); CI installs the package.
 */
class RealSosreportIT {

    private static final String PLUGINS = "networking,kernel";

    @Test
    void aRealSosreportTarballIsAnalysedWithoutUnpackingIt(@TempDir Path tmp) throws Exception {
        Path sos = onPath("sos");
        assumeTrue(sos != null, "`sos` is not installed (Debian: apt-get install -y sosreport): no real sosreport to read");
        assumeTrue(isRoot(), "sos report needs root");
        Path out = Files.createDirectories(tmp.resolve("sos"));
        Path log = tmp.resolve("sos.log");
        Process p = new ProcessBuilder(sos.toString(), "report", "--batch", "--tmp-dir", out.toString(), "-o", PLUGINS)
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
        }
        assertThat(p.exitValue()).as("sos report failed:\n%s", Files.readString(log)).isZero();
        Path tarball;
        try (Stream<Path> files = Files.list(out)) {
            tarball = files.filter(f -> f.getFileName().toString().matches("sosreport-.*\\.tar\\.xz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no sosreport-*.tar.xz in " + out + ":\n" + readQuietly(log)));
        }
        List<String> before = list(out);

        InputCollector.Collected collected = new InputCollector().collect(List.of(tarball.toString()));
        Analysis packed = Analyzer.standard().analyzePaths(List.of(tarball.toString()), new ByteArrayInputStream(new byte[0]));

        assertThat(list(out)).as("nothing is unpacked").isEqualTo(before);
        List<String> names = collected.files().stream().map(InputFile::relativeName).toList();
        // read under the names sos links them to, once: not again as proc/self/net/... or the top-level `uname`
        assertThat(names).contains("proc/net/snmp", "proc/net/snmp6", "proc/net/netstat", "proc/net/softnet_stat",
                "proc/net/dev", "proc/net/udp", "sos_commands/kernel/sysctl_-a", "sos_commands/kernel/uname_-a",
                "sys/class/net/lo/statistics/rx_dropped");
        assertThat(names).noneMatch(n -> n.startsWith("proc/self/") || n.matches("proc/\\d+/net/.*") || n.equals("uname"));
        assertThat(packed.formats()).containsKeys("proc-net-snmp", "proc-net-snmp6", "proc-net-netstat", "softnet-stat",
                "proc-net-dev", "proc-net-sockets", "proc-net-sockstat", "sysfs-net-statistics", "sysctl", "uname");
        for (String once : List.of("proc-net-snmp", "proc-net-snmp6", "proc-net-netstat", "softnet-stat", "proc-net-dev")) {
            assertThat(packed.formats().get(once)).as(once + " read once").isEqualTo(1);
        }
        assertThat(packed.diagnostics()).as("warnings or errors on a real sosreport")
                .allSatisfy(d -> assertThat(d.level()).as(d.oneLine()).isEqualTo(Diagnostic.Level.INFO));
        String top = tarball.getFileName().toString().replace(".tar.xz", "");
        assertThat(packed.diagnostics()).filteredOn(d -> d.message().startsWith("sosreport:")).singleElement()
                .satisfies(d -> assertThat(d.source()).isEqualTo(tarball + "!" + top));
        assertThat(packed.diagnostics()).noneMatch(d -> d.message().contains("not a format drophound reads"));

        // the same sosreport unpacked by tar: the same files read, the same findings
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xJf", tarball.toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("tar.log").toFile()).start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES) && tar.exitValue() == 0).as(readQuietly(tmp.resolve("tar.log"))).isTrue();
        Analysis loose = Analyzer.standard().analyzePaths(List.of(unpacked.resolve(top).toString()),
                new ByteArrayInputStream(new byte[0]));
        assertThat(loose.formats()).isEqualTo(packed.formats());
        assertThat(loose.filesRead()).isEqualTo(packed.filesRead());
        assertThat(loose.findings()).extracting(f -> f.id() + " " + f.severity())
                .containsExactlyElementsOf(packed.findings().stream().map(f -> f.id() + " " + f.severity()).toList());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isRoot() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
