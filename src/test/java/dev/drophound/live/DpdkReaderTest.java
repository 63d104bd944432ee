package dev.drophound.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DPDK part of a live run, read from a host tree laid out under a temporary root: hugepage pools as grep -r
 * prints them, the mount table, OVS's log only when OVS's pid file says it runs (or the user names the log), and the
 * end of a log too large to read whole. The files put there are real ones from fixture 06.
 */
class DpdkReaderTest {

    static final String F06 = "fixtures/06-ovs-dpdk-memory/";

    static Path host(Path root) throws IOException {
        for (String node : List.of("sys/kernel/mm/hugepages/hugepages-2048kB",
                "sys/devices/system/node/node0/hugepages/hugepages-2048kB")) {
            Path d = Files.createDirectories(root.resolve(node));
            Files.writeString(d.resolve("nr_hugepages"), "64\n");
            Files.writeString(d.resolve("free_hugepages"), "15\n");
        }
        Files.createDirectories(root.resolve("proc"));
        Files.copy(TestData.path(F06 + "mounts-hugetlbfs.c.mtu9000.txt"), root.resolve("proc/mounts"));
        Files.createDirectories(root.resolve("var/log/openvswitch"));
        Files.copy(TestData.path(F06 + "ovs-vswitchd.c.log"), root.resolve(DpdkReader.OVS_LOG));
        return root;
    }

    static Captured read(Path root, List<Path> logs) {
        Captured out = new Captured();
        HostReader host = new HostReader(root, new Commands());
        new DpdkReader(root, host).read(0, "start", logs, out);
        return out;
    }

    @Test
    void hugepagesAndMountsAreReadButOvsLogOnlyWhenOvsRuns(@TempDir Path dir) throws IOException {
        Path root = host(dir);
        Captured quiet = read(root, List.of());
        // the fixture's hugetlbfs mount point is not on this machine: its ls fails, and says so
        assertThat(quiet.items()).extracting(Captured.Item::name).startsWith(DpdkReader.HUGEPAGES, "proc/mounts")
                .noneMatch(n -> n.contains("openvswitch"));
        Analysis a = Analyzer.standard().analyze(quiet.evidence(), quiet.diagnostics(), 1);
        assertThat(a.formats()).containsKeys("sysfs-hugepages", "proc-mounts");
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("dpdk.hugepages");
            assertThat(f.summary()).contains("node 0: 64 x 2 MB");
        });

        // the user names the log: it is read, and its failure found
        Captured named = read(root, List.of(root.resolve(DpdkReader.OVS_LOG)));
        Analysis b = Analyzer.standard().analyze(named.evidence(), named.diagnostics(), 1);
        assertThat(b.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("dpdk.port-mempool");
            assertThat(f.summary()).contains("dpdk0").contains("MTU 9000").contains("64 hugepages of 2 MB");
        });
    }

    @Test
    void ovsRunningIsToldByItsPidFile(@TempDir Path dir) throws IOException {
        Path root = host(dir);
        DpdkReader reader = new DpdkReader(root, new HostReader(root, new Commands()));
        assertThat(reader.ovsRunning()).isFalse();
        Files.createDirectories(root.resolve("run/openvswitch"));
        Files.writeString(root.resolve("run/openvswitch/ovs-vswitchd.pid"), "4242\n");
        assertThat(reader.ovsRunning()).isTrue();
    }

    @Test
    void aLargeLogIsReadFromItsEndAndSaysSo(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("ovs-vswitchd.log");
        String real = Files.readString(TestData.path(F06 + "ovs-vswitchd.c.log"));
        StringBuilder big = new StringBuilder();
        while (big.length() < DpdkReader.LOG_TAIL + (1 << 20)) {
            big.append(real);
        }
        Files.writeString(log, big);
        Captured out = new Captured();
        new DpdkReader(dir, new HostReader(dir, new Commands())).tail(log, 0, "start", java.time.Instant.now(), out);
        String text = out.items().get(0).text();
        assertThat(text.length()).isLessThanOrEqualTo((int) DpdkReader.LOG_TAIL);
        assertThat(text).startsWith("2026-11-22T"); // from a line start
        assertThat(out.diagnostics()).anySatisfy(d -> assertThat(d.message()).startsWith("only the last 4 MiB of"));
    }
}
