package dev.drophound.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.report.JsonRenderer;
import dev.drophound.report.Renderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real doctor code path on this real kernel: drops made to happen on loopback while a {@link LiveRun} samples
 * and traces, then the one analysis pipeline. Needs root (tracing, raw sockets); everything made here is undone.
 */
class LiveDoctorIT {

    static final Duration WINDOW = Duration.ofMillis(1500);
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void root() {
        assumeTrue(HostReader.effectiveUid() == 0, "live tests need root (tracefs, raw sockets)");
    }

    @AfterEach
    void noInstanceLeft() {
        assertThat(DropTracer.instances()).as("tracefs instances left behind").isEmpty();
    }

    static Analysis doctor(boolean trace) throws InterruptedException {
        LiveRun.Result run = LiveRun.system().run(new LiveRun.Options(WINDOW, trace, null));
        return Analyzer.standard().analyze(run.captured().evidence(), run.captured().diagnostics(),
                run.captured().items().size());
    }

    static JsonNode json(Analysis a) throws Exception {
        StringWriter w = new StringWriter();
        new JsonRenderer().render(a, new Renderer.Options(false, false, "test"), new PrintWriter(w));
        return JSON.readTree(w.toString());
    }

    static String ownComm() throws Exception {
        return Files.readString(Path.of("/proc/self/comm")).strip();
    }

    /** The socket finding for this port, from the JSON report (the contract users automate against). */
    static JsonNode socketFinding(JsonNode report, String protocol, int port) {
        return socketFinding(report, protocol, Integer.toString(port));
    }

    static JsonNode socketFinding(JsonNode report, String protocol, String port) {
        for (JsonNode f : report.path("findings")) {
            JsonNode s = f.path("socket");
            if (f.path("id").asText().equals("socket.drops") && s.path("protocol").asText().equals(protocol)
                    && s.path("localPort").asText().equals(port)) {
                return f;
            }
        }
        throw new AssertionError("no socket.drops finding for " + protocol + " port " + port + " in " + report.toPrettyString());
    }

    private void floodedSocketIsNamed(boolean ipv6) throws Exception {
        try (Traffic t = new Traffic()) {
            InetSocketAddress deaf = t.deafReceiver(ipv6);
            t.flood(deaf, 3000);
            Analysis a = doctor(true);
            JsonNode report = json(a);
            JsonNode f = socketFinding(report, ipv6 ? "udp6" : "udp", deaf.getPort());
            assertThat(f.path("stage").asText()).isEqualTo("socket");
            assertThat(f.path("severity").asText()).isIn("warning", "critical");
            JsonNode s = f.path("socket");
            assertThat(s.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(s.path("command").asText()).isEqualTo(ownComm());
            assertThat(s.path("drops").asLong()).isPositive();
            assertThat(s.path("dropsPerSecond").asDouble()).isPositive();
            assertThat(f.path("loss").path("cumulative").asBoolean()).isFalse();
            assertThat(a.verdict().stage()).isEqualTo(Stage.SOCKET);
            assertThat(a.verdict().summary()).contains(Integer.toString(deaf.getPort()));
            // the kernel's own reason, from the private tracefs instance, names the same socket
            assertThat(a.findings()).anySatisfy(tr -> {
                assertThat(tr.id()).isEqualTo("trace.drop-reasons");
                assertThat(tr.stage()).isEqualTo(Stage.SOCKET);
                assertThat(tr.summary()).contains("SOCKET_RCVBUFF").contains(":" + deaf.getPort());
                assertThat(tr.evidence()).anySatisfy(e -> assertThat(e.source()).contains("/instances/drophound-"));
            });
        }
    }

    @Test
    void udp4ReceiverThatNeverReads() throws Exception {
        floodedSocketIsNamed(false);
    }

    @Test
    void udp6ReceiverThatNeverReads() throws Exception {
        floodedSocketIsNamed(true);
    }

    @Test
    void datagramsToAClosedPortAreNoListenerNotBuffer() throws Exception {
        try (Traffic t = new Traffic()) {
            t.flood(Traffic.closedPort(false), 2000);
            Analysis a = doctor(true);
            List<Finding> problems = a.findings().stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
            assertThat(problems).anySatisfy(f -> {
                assertThat(f.id()).isEqualTo("udp.no-listener");
                assertThat(f.loss().cumulative()).isFalse();
                assertThat(f.loss().packets()).isPositive();
            });
            assertThat(problems).noneMatch(f -> f.id().equals("udp.rcvbuf-overflow") || f.id().equals("socket.drops"));
            assertThat(a.findings()).anySatisfy(tr -> {
                assertThat(tr.id()).isEqualTo("trace.drop-reasons");
                assertThat(tr.summary()).contains("NO_SOCKET");
                assertThat(tr.stage()).isEqualTo(Stage.PROTOCOL);
            });
        }
    }

    @Test
    void rawIcmp6SocketNeverRead(@TempDir Path dir) throws Exception {
        try (Traffic t = new Traffic()) {
            long pid = t.deafRawIcmp6(dir);
            Analysis a = doctor(true);
            JsonNode f = socketFinding(json(a), "raw6", 58);
            assertThat(f.path("severity").asText()).isIn("warning", "critical");
            assertThat(f.path("socket").path("pid").asLong()).isEqualTo(pid);
            assertThat(f.path("socket").path("command").asText()).isEqualTo("python3");
            assertThat(f.path("socket").path("drops").asLong()).isPositive();
        }
    }

    @Test
    void packetSocketNeverReadIsNamedWithItsProcess(@TempDir Path dir) throws Exception {
        try (Traffic t = new Traffic()) {
            long pid = t.deafPacketSocketOnLo(dir);
            t.flood(Traffic.closedPort(false), 2000);
            Analysis a = doctor(true);
            JsonNode f = socketFinding(json(a), "packet", "lo");
            assertThat(f.path("severity").asText()).isIn("warning", "critical");
            assertThat(f.path("socket").path("pid").asLong()).isEqualTo(pid);
            assertThat(f.path("socket").path("command").asText()).isEqualTo("python3");
            assertThat(f.path("socket").path("rcvbuf").asLong()).isPositive();
        }
    }

    @Test
    void quietHostHasNoWarning() throws Exception {
        Analysis a = doctor(true);
        assertThat(a.findings()).noneMatch(f -> f.severity().atLeast(Severity.WARNING));
        assertThat(a.verdict().severity()).isIn(Severity.OK, Severity.INFO);
        assertThat(a.samples()).isGreaterThanOrEqualTo(2); // memory is sampled every second in between
        assertThat(a.windowSeconds()).isGreaterThanOrEqualTo(1.4);
    }

    @Test
    void withoutTracingTheCountersStillFindTheSocket() throws Exception {
        try (Traffic t = new Traffic()) {
            InetSocketAddress deaf = t.deafReceiver(false);
            t.flood(deaf, 2000);
            Analysis a = doctor(false);
            assertThat(socketFinding(json(a), "udp", deaf.getPort()).path("socket").path("pid").asLong())
                    .isEqualTo(ProcessHandle.current().pid());
            assertThat(a.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("--no-trace"));
        }
    }

    @Test
    void tunablesReadLiveAreTheKernelsValues() throws Exception {
        // integer sysctls end the file at any read offset but 0: a one-byte first read gets "4" of "4194304"
        LiveRun.Result run = LiveRun.system().run(new LiveRun.Options(Duration.ofMillis(100), false, null));
        for (String name : List.of("rmem_max", "rmem_default", "netdev_max_backlog")) {
            String expected = Files.readAllLines(Path.of("/proc/sys/net/core", name)).get(0).strip();
            assertThat(run.captured().items()).filteredOn(i -> i.name().equals("proc/sys/net/core/" + name))
                    .singleElement().satisfies(i -> assertThat(i.text().strip()).isEqualTo(expected));
        }
        Analysis a = Analyzer.standard().analyze(run.captured().evidence(), run.captured().diagnostics(), 1);
        assertThat(a.formats()).containsKeys("sysctl", "proc-net-snmp", "proc-net-dev", "softnet-stat",
                "sysfs-net-statistics", "uname", "proc-net-sockstat", "sysfs-hugepages", "proc-mounts");
        // the hugepage pools read live are the kernel's, per size and node
        String expectedPages = Files.readAllLines(Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages"))
                .get(0).strip();
        assertThat(a.findings()).filteredOn(f -> f.id().equals("dpdk.hugepages")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.severity()).isIn(Severity.OK, Severity.INFO));
        assertThat(run.captured().items()).filteredOn(i -> i.name().equals("sys-kernel-mm-hugepages")).singleElement()
                .satisfies(i -> assertThat(i.text()).contains("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages:"
                        + expectedPages));

        // without ethtool the driver comes from the sysfs link, one line per device-backed interface
        Captured drivers = new Captured();
        HostReader host = HostReader.system();
        host.drivers(0, "start", java.time.Instant.now(), drivers);
        Analysis d = Analyzer.standard().analyze(drivers.evidence(), drivers.diagnostics(), 1);
        long devices = host.interfaces().stream().filter(host::hasDevice).count();
        if (devices > 0) {
            assertThat(d.formats()).containsEntry("sysfs-driver", 1);
            assertThat(drivers.items().get(0).text().lines().count()).isEqualTo(devices);
        }
        assertThat(d.diagnostics()).noneMatch(x -> x.level() != dev.drophound.evidence.Diagnostic.Level.INFO);
    }

    @Test
    void overlappingRunsLeaveTracefsToTheLastOne(@TempDir Path dir) throws Exception {
        // run A (this JVM) mounts tracefs; run B (another drophound process) starts while A traces; A ends first.
        // A must not unmount under B, and B, ending last, restores the host: tracefs unmounted as it was.
        boolean mountedBefore = DropTracer.mountPoint().isPresent();
        String jar = System.getProperty("drophound.jar");
        assumeTrue(jar != null, "drophound.jar not set (run through failsafe)");
        Captured a = new Captured();
        DropTracer tracerA = DropTracer.start(a, new Commands()).orElseThrow();
        Path report = dir.resolve("b.json");
        Process b = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", jar, "doctor",
                "--duration", "3s", "--format", "json", "-o", report.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("b.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            Path fs = DropTracer.mountPoint().orElseThrow();
            Path instanceB = fs.resolve("instances").resolve(DropTracer.PREFIX + b.pid());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.isDirectory(instanceB) && System.nanoTime() < deadline && b.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(instanceB).as("run B's instance").isDirectory();
            tracerA.close();
            assertThat(DropTracer.mountPoint()).as("tracefs while B still traces").isPresent();
            assertThat(instanceB).isDirectory();
            assertThat(b.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            tracerA.close();
            if (b.isAlive()) {
                b.destroy();
                b.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        assertThat(b.exitValue()).as(Files.readString(dir.resolve("b.out"))).isZero();
        JsonNode rb = JSON.readTree(report.toFile());
        rb.path("diagnostics").forEach(d -> assertThat(d.path("message").asText()).doesNotContain("cannot read"));
        assertThat(rb.path("inputs").path("formats").has("tracefs-trace")).isTrue();
        assertThat(DropTracer.mountPoint().isPresent()).as("tracefs mounted after both runs").isEqualTo(mountedBefore);
        assertThat(DropTracer.MOUNT_MARKER).doesNotExist();
    }

    @Test
    void staleInstanceOfAKilledRunIsReaped() throws Exception {
        Path fs = DropTracer.mountPoint().orElse(null);
        boolean mountedHere = false;
        if (fs == null) {
            assumeTrue(Files.isDirectory(DropTracer.DEFAULT_MOUNT), "no tracefs mount point on this kernel");
            Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", DropTracer.DEFAULT_MOUNT.toString()).start();
            assumeTrue(p.waitFor() == 0, "cannot mount tracefs");
            fs = DropTracer.DEFAULT_MOUNT;
            mountedHere = true;
        }
        try {
            // a pid that is certainly not running: beyond pid_max
            Path stale = fs.resolve("instances").resolve(DropTracer.PREFIX + "4194305");
            Files.createDirectory(stale);
            Captured c = new Captured();
            DropTracer.start(c, new Commands()).orElseThrow().close();
            assertThat(stale).doesNotExist();
            assertThat(c.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("left by an earlier drophound run"));
        } finally {
            if (mountedHere) {
                new ProcessBuilder("umount", fs.toString()).start().waitFor();
            }
        }
    }
}
