package dev.drophound.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real ovs-vswitchd-dpdk 3.1 and dpdk-testpmd 22.11 (Debian's openvswitch-switch-dpdk and dpdk-dev) made to
 * fail for lack of hugepage memory on this host by {@code src/test/lab/ovs-dpdk-lab.sh}, then the built jar run as a
 * user runs it: {@code java -jar drophound-all.jar analyze -f json} on what the lab wrote. The lab holds the
 * hugepage lock, reserves at most 512 x 2 MB, runs its daemons from a scratch directory and undoes everything in its
 * EXIT trap (also on SIGTERM); {@link #safetyNet()} undoes it again should the lab have been killed.
 *
 * <p>The outputs stay in {@code target/dpdk-lab/} (the failures) and {@code target/dpdk-lab/healthy/} (a clean
 * start-up) for a look after the run; {@code target/dpdk-lab.out} is the lab's own progress output. Skipped, saying
 * why, without root or without the packages; fails instead when {@code CI=true}, since CI must run it.
 */
@Tag("dpdk")
class RealOvsDpdkIT {

    static final Path LOCK = Path.of("/run/lock/drophound-hugepages.lock");
    static final Path NR_HUGEPAGES = Path.of("/proc/sys/vm/nr_hugepages");
    static final Path VSWITCHD = Path.of("/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk");
    /**
     * The lab itself takes about 5 s; the rest is for waiting on the hugepage lock other tests may hold.
     * {@code -Ddrophound.lab.timeoutSeconds=N} shortens it (to see the stop path work).
     */
    static final Duration LAB_TIMEOUT = Duration.ofSeconds(Long.getLong("drophound.lab.timeoutSeconds", 480));
    static final Duration TERM_GRACE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path jar;
    static String java;
    static Path out;
    static Path scratch;
    static Path labOutput;
    static String hugepagesBefore;
    static boolean dpdkRunDirExisted;
    static long labPid = -1;
    static int labExit = -1;
    static JsonNode failures;

    @BeforeAll
    static void runLab() throws Exception {
        requireOrSkip(isRoot(), "needs root (hugepages, a hugetlbfs mount, DPDK)");
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(VSWITCHD)) {
            missing.add(VSWITCHD + " (openvswitch-switch-dpdk)");
        }
        for (String c : List.of("ovsdb-server", "ovsdb-tool", "ovs-vsctl", "ovs-appctl", "ovs-ofctl", "dpdk-testpmd",
                "unshare", "flock", "mountpoint")) {
            if (onPath(c) == null) {
                missing.add(c);
            }
        }
        requireOrSkip(missing.isEmpty(), "missing " + missing + " (Debian: apt-get install openvswitch-switch-dpdk dpdk-dev)");
        String j = System.getProperty("drophound.jar");
        requireOrSkip(j != null && Files.isRegularFile(Path.of(j)), "target/drophound-all.jar not built (run mvn verify)");
        jar = Path.of(j);
        java = ProcessHandle.current().info().command().orElse("java");
        Path script = labScript();
        requireOrSkip(Files.isRegularFile(script), "lab script not found at " + script);

        out = jar.getParent().resolve("dpdk-lab");
        labOutput = jar.getParent().resolve("dpdk-lab.out");
        deleteTree(out);
        Files.createDirectories(out);
        scratch = Files.createTempDirectory("drophound-dpdk-it");
        hugepagesBefore = underLock("cat " + NR_HUGEPAGES).strip();
        dpdkRunDirExisted = Files.isDirectory(Path.of("/var/run/dpdk"));

        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(labOutput.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TMPDIR", scratch.toString()); // the lab's mktemp scratch (and hugetlbfs mount) go here
        // the lab runs drophound doctor while ovs-vswitchd is up with its hugepages: the live path on a real OVS host
        pb.environment().put("DROPHOUND_LIVE", java + " -jar " + jar);
        Process lab = pb.start();
        labPid = lab.pid();
        if (!lab.waitFor(LAB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            stop(lab);
            fail("the lab did not finish within %s; stopped. Its output:%n%s", LAB_TIMEOUT, read(labOutput));
        }
        labExit = lab.exitValue();
        requireOrSkip(labExit != 2, "the lab cannot run here: " + read(labOutput).strip());
    }

    /** SIGTERM (its trap restores everything), then, after a grace period, SIGKILL to it and what it started. */
    static void stop(Process lab) throws InterruptedException {
        List<ProcessHandle> tree = lab.descendants().toList();
        lab.destroy();
        if (!lab.waitFor(TERM_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            tree = Stream.concat(tree.stream(), lab.descendants()).distinct().toList();
            tree.forEach(ProcessHandle::destroyForcibly);
            lab.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Undo what a killed lab may have left: its daemons (found by the scratch path on their command line), a
     * hugetlbfs mounted under the scratch directory, vm.nr_hugepages (restored under the hugepage lock to the value
     * seen before the lab), DPDK's run directory for the lab's file prefix. A lab that ended normally left nothing.
     */
    @AfterAll
    static void safetyNet() throws Exception {
        if (scratch == null) {
            return;
        }
        List<String> undone = new ArrayList<>();
        String mark = scratch.toString();
        ProcessHandle.allProcesses()
                .filter(ph -> ph.info().arguments().map(a -> String.join(" ", a).contains(mark)).orElse(false))
                .forEach(ph -> {
                    undone.add("killed pid " + ph.pid());
                    ph.destroyForcibly();
                });
        for (String mountPoint : hugetlbfsMountsUnder(scratch)) {
            int rc = run("umount", mountPoint);
            if (rc != 0) {
                run("umount", "-l", mountPoint);
            }
            undone.add("unmounted " + mountPoint);
        }
        if (hugepagesBefore != null && hugepagesBefore.matches("\\d+")) {
            String now = underLock("v=$(cat " + NR_HUGEPAGES + "); [ \"$v\" = " + hugepagesBefore + " ] || echo "
                    + hugepagesBefore + " > " + NR_HUGEPAGES + "; echo $v").strip();
            if (!now.equals(hugepagesBefore)) {
                undone.add("vm.nr_hugepages " + now + " -> " + hugepagesBefore);
            }
        }
        if (labPid > 0) {
            Path runDir = Path.of("/var/run/dpdk");
            if (Files.isDirectory(runDir)) {
                try (Stream<Path> s = Files.list(runDir)) {
                    for (Path p : s.filter(p -> p.getFileName().toString().startsWith("dhlab" + labPid)).toList()) {
                        deleteTree(p);
                        undone.add("removed " + p);
                    }
                }
                if (!dpdkRunDirExisted) {
                    try (Stream<Path> s = Files.list(runDir)) {
                        if (s.findAny().isEmpty()) {
                            Files.delete(runDir);
                        }
                    }
                }
            }
        }
        if (hugetlbfsMountsUnder(scratch).isEmpty()) {
            deleteTree(scratch);
        }
        if (!undone.isEmpty()) {
            System.err.println("RealOvsDpdkIT safety net: " + undone);
        }
    }

    @Test
    void mtu9000WithoutHugepagesIsAPortWithoutMempool() throws Exception {
        JsonNode report = failures();
        List<JsonNode> found = findings(report, "dpdk.port-mempool");
        assertThat(found).as("no dpdk.port-mempool finding in %s", report.toPrettyString()).isNotEmpty();
        Pattern socket0 = Pattern.compile("(?i)\\b(socket|node)\\s*0\\b");
        assertThat(found).anySatisfy(f -> {
            String summary = f.path("summary").asText();
            assertThat(summary).contains("dpdk0").contains("9000");
            assertThat(socket0.matcher(summary).find()).as("summary names socket 0: %s", summary).isTrue();
            assertThat(f.path("severity").asText()).isIn("warning", "critical");
            assertThat(f.path("evidence")).anySatisfy(e -> quotesRealLine(e,
                    "netdev_dpdk|ERR|Failed to create memory pool for netdev dpdk0, with MTU 9000 on socket 0"));
        });
    }

    @Test
    void socketMemAboveTheReservedHugepagesIsAnEalInitFailure() throws Exception {
        JsonNode report = failures();
        List<JsonNode> found = findings(report, "dpdk.eal-init");
        assertThat(found).as("no dpdk.eal-init finding in %s", report.toPrettyString()).isNotEmpty();
        // ovs-vswitchd with dpdk-socket-mem=1024 and dpdk-testpmd --socket-mem=1024, both on 64 x 2 MB = 128 MB
        assertThat(found).anySatisfy(f -> {
            assertThat(f.path("summary").asText()).contains("asks for 1,024 MB").contains("only 128 MB of hugepages");
            assertThat(f.path("severity").asText()).isIn("warning", "critical");
            assertThat(f.path("evidence")).anySatisfy(e -> quotesRealLine(e,
                    "EAL: Not enough memory available on socket 0! Requested: 1024MB, available: 128MB"));
        });
    }

    @Test
    void doctorOnTheRunningOvsHostReadsHugepagesMountAndLog() throws Exception {
        Path doctor = out.resolve("live/doctor.json");
        assertThat(doctor).as("the lab's doctor run:%n%s", read(labOutput)).exists();
        JsonNode report = JSON.readTree(doctor.toFile());
        assertThat(report.path("inputs").path("formats").has("sysfs-hugepages")).isTrue();
        assertThat(report.path("inputs").path("formats").has("ovs-vswitchd-log")).isTrue();
        // read live: the 64 pages the lab reserved and the hugetlbfs it mounted
        assertThat(findings(report, "dpdk.hugepages")).anySatisfy(f -> assertThat(f.path("summary").asText())
                .contains("64 x 2 MB").contains("hugetlbfs at " + scratch));
        assertThat(findings(report, "dpdk.port-mempool")).anySatisfy(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("critical");
            assertThat(f.path("summary").asText()).contains("dpdk0").contains("MTU 9000")
                    .contains("64 hugepages of 2 MB");
        });
    }

    @Test
    void aHealthyStartUpGivesNoDpdkOrOvsWarning() throws Exception {
        assertThat(labExit).as("the lab failed:%n%s", read(labOutput)).isZero();
        JsonNode report = analyze(List.of(out.resolve("healthy")));
        assertThat(report.path("findings"))
                .filteredOn(f -> f.path("id").asText().matches("(dpdk|ovs)\\..*"))
                .noneMatch(f -> f.path("severity").asText().matches("warning|critical"));
        // not vacuous: the start-up log was read as an OVS log, not set aside as an unknown format
        assertThat(report.path("diagnostics"))
                .filteredOn(d -> d.path("file").asText().endsWith("ovs-vswitchd.log"))
                .noneMatch(d -> d.path("message").asText().contains("not a format drophound reads"));
    }

    /** The failures only: the top-level files of the lab's output (healthy/ is a different run, analysed apart). */
    static synchronized JsonNode failures() throws Exception {
        assertThat(labExit).as("the lab failed:%n%s", read(labOutput)).isZero();
        if (failures == null) {
            List<Path> files;
            try (Stream<Path> s = Files.list(out)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            failures = analyze(files);
        }
        return failures;
    }

    static JsonNode analyze(List<Path> inputs) throws Exception {
        Path stdout = Files.createTempFile(scratch, "analyze", ".json");
        Path stderr = Files.createTempFile(scratch, "analyze", ".err");
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toString(), "analyze", "-f", "json"));
        inputs.forEach(p -> cmd.add(p.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("drophound analyze did not finish in 120 s");
        }
        assertThat(p.exitValue()).as("drophound analyze %s:%n%s", inputs, read(stderr)).isZero();
        return JSON.readTree(stdout.toFile());
    }

    static List<JsonNode> findings(JsonNode report, String id) {
        List<JsonNode> r = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("id").asText().equals(id)) {
                r.add(f);
            }
        });
        return r;
    }

    /** The evidence line is in the lab's real file at the line it names, and carries the expected message. */
    static void quotesRealLine(JsonNode evidence, String expected) {
        String text = evidence.path("text").asText();
        assertThat(text).contains(expected);
        Path source = Path.of(evidence.path("source").asText());
        if (!source.isAbsolute()) {
            source = out.resolve(source);
        }
        assertThat(source).as("evidence source").isRegularFile();
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        int line = evidence.path("line").asInt();
        assertThat(line).isBetween(1, lines.size());
        assertThat(lines.get(line - 1)).as("%s line %d", source, line).contains(text.strip());
    }

    // ---- environment -------------------------------------------------------------------------------------------

    /** Skips outside CI; in CI ({@code CI=true}) a missing precondition is a failure: CI must run this test. */
    static void requireOrSkip(boolean condition, String reason) {
        if (!condition && "true".equals(System.getenv("CI"))) {
            fail("RealOvsDpdkIT must run in CI but cannot: " + reason);
        }
        assumeTrue(condition, reason);
    }

    static Path labScript() {
        String lab = System.getProperty("drophound.lab");
        if (lab != null) {
            return Path.of(lab, "ovs-dpdk-lab.sh");
        }
        String testdata = System.getProperty("drophound.testdata", "testdata");
        return Path.of(testdata).toAbsolutePath().getParent().resolve("src/test/lab/ovs-dpdk-lab.sh");
    }

    /** Runs a shell snippet holding the hugepage lock (flock(1), the same lock the lab and the other tests take). */
    static String underLock(String snippet) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("flock", "-w", "600", LOCK.toString(), "sh", "-c", snippet)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(660, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("under " + LOCK + ": " + snippet + " failed: " + output);
        }
        return output;
    }

    static List<String> hugetlbfsMountsUnder(Path dir) throws IOException {
        List<String> r = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = l.split(" ");
            if (f.length > 2 && f[2].equals("hugetlbfs") && f[1].startsWith(dir.toString() + "/")) {
                r.add(f[1]);
            }
        }
        return r;
    }

    static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static boolean isRoot() throws IOException {
        Path status = Path.of("/proc/self/status");
        return Files.exists(status)
                && Files.readAllLines(status).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    }

    static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String read(Path p) {
        try {
            return p != null && Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
