package dev.drophound.live;

import dev.drophound.evidence.Diagnostic;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The DPDK side of a host, read-only: hugepages per size and NUMA node (sysfs, written as {@code grep -r .} prints
 * it), the mount table, the files in each hugetlbfs mount ({@code ls -l}), and, when OVS runs here (its pid file in
 * its run directory) or the user names a log, the ovs-vswitchd log and the OVSDB rows {@code ovs-vsctl list} prints.
 * It never calls {@code ovs-appctl netdev-dpdk/get-mempool-info}: on a vhost-user port without a mempool it crashes
 * ovs-vswitchd 3.1.0 (fixture 06).
 */
final class DpdkReader {

    static final String HUGEPAGES = "sys-kernel-mm-hugepages";
    /** The end of a large log is what matters: the latest start and failures. */
    static final long LOG_TAIL = 4L << 20;
    static final List<String> OVS_RUN_DIRS = List.of("run/openvswitch", "var/run/openvswitch");
    static final String OVS_LOG = "var/log/openvswitch/ovs-vswitchd.log";

    private final Path root;
    private final HostReader host;

    DpdkReader(Path root, HostReader host) {
        this.root = root;
        this.host = host;
    }

    void read(int sample, String label, List<Path> logs, Captured out) {
        Instant at = Instant.now();
        hugepages(sample, label, at, out);
        host.file("proc/mounts", sample, label, at, out, true);
        for (String mount : hugetlbfsMounts()) {
            host.command(out, sample, label, "ls", "-l", mount);
        }
        boolean ovs = ovsRunning();
        List<Path> toRead = new ArrayList<>(logs);
        if (ovs && logs.isEmpty() && Files.isRegularFile(root.resolve(OVS_LOG))) {
            toRead.add(root.resolve(OVS_LOG));
        }
        for (Path log : toRead) {
            tail(log, sample, label, at, out);
        }
        if (ovs) {
            host.command(out, sample, label, "ovs-vsctl", "--timeout=5", "list", "Open_vSwitch");
            host.command(out, sample, label, "ovs-vsctl", "--timeout=5", "list", "Interface");
        }
    }

    /** Every file of the hugepage pools, as {@code path:value} lines. */
    void hugepages(int sample, String label, Instant at, Captured out) {
        StringBuilder text = new StringBuilder();
        List<Path> dirs = new ArrayList<>(children(root.resolve("sys/kernel/mm/hugepages")));
        for (Path node : children(root.resolve("sys/devices/system/node"))) {
            if (node.getFileName().toString().matches("node\\d+")) {
                dirs.addAll(children(node.resolve("hugepages")));
            }
        }
        for (Path dir : dirs) {
            for (Path f : children(dir)) {
                try {
                    String v = HostReader.read(f).strip();
                    text.append('/').append(root.relativize(f)).append(':').append(v).append('\n');
                } catch (IOException e) {
                    // a file that cannot be read is left out, as grep -s would
                }
            }
        }
        if (!text.isEmpty()) {
            out.add(new Captured.Item(HUGEPAGES, "grep -r . /sys/kernel/mm/hugepages /sys/devices/system/node/node*/hugepages",
                    text.toString(), sample, label, at));
        }
    }

    List<String> hugetlbfsMounts() {
        List<String> out = new ArrayList<>();
        try {
            for (String line : HostReader.read(root.resolve("proc/mounts")).split("\n")) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("hugetlbfs")) {
                    out.add(f[1].replace("\\040", " "));
                }
            }
        } catch (IOException e) {
            // no mount table, no listing
        }
        return out;
    }

    boolean ovsRunning() {
        return OVS_RUN_DIRS.stream().anyMatch(d -> Files.exists(root.resolve(d).resolve("ovs-vswitchd.pid")));
    }

    /** The last {@link #LOG_TAIL} bytes of a log, from a line start; what was skipped is said. */
    void tail(Path log, int sample, String label, Instant at, Captured out) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long size = f.length();
            long from = Math.max(0, size - LOG_TAIL);
            f.seek(from);
            byte[] buf = new byte[(int) (size - from)];
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            if (from > 0) {
                int nl = text.indexOf('\n');
                text = nl < 0 ? "" : text.substring(nl + 1);
                out.diagnostic(Diagnostic.info(log.toString(), 0, "only the last " + (LOG_TAIL >> 20) + " MiB of "
                        + (size >> 20) + " MiB read"));
            }
            String name = log.startsWith(root) && !root.toString().equals("/") ? root.relativize(log).toString()
                    : log.toString().replaceFirst("^/", "");
            out.add(new Captured.Item(name, log.toString(), text, sample, label, at));
        } catch (IOException e) {
            out.diagnostic(Diagnostic.warning(log.toString(), 0, "cannot read: " + e.getMessage()));
        }
    }

    private static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }
}
