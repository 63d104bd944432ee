package dev.drophound.live;

import dev.drophound.evidence.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads this host's network evidence, read-only: procfs and sysfs files directly (no subprocess for what a file
 * gives), and {@code ethtool} / {@code tc} for what only they give. Each read becomes a {@link Captured.Item}
 * named as the path below {@code /} ({@code proc/net/snmp}) or as the command ({@code ethtool -S eth0}), so the
 * same parsers as for captured files route and read it.
 */
public final class HostReader {

    /** Counters, read at every sample. */
    static final List<String> PROC_NET = List.of("dev", "snmp", "snmp6", "netstat", "softnet_stat", "sockstat",
            "sockstat6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "packet");
    /** Tunables under /proc/sys/net read once: every file of net/core, and these of ipv4. */
    static final List<String> IPV4_SYSCTLS = List.of("udp_mem", "udp_rmem_min", "udp_wmem_min", "tcp_mem", "tcp_rmem",
            "tcp_wmem", "tcp_max_syn_backlog", "tcp_abort_on_overflow", "ipfrag_high_thresh", "ipfrag_low_thresh",
            "ip_forward", "icmp_ratelimit", "icmp_msgs_per_sec");

    /** The name of drophound's own /proc/self/status in a live run's evidence: the memory checks discount it. */
    public static final String SELF_STATUS = "drophound-self-status";

    private final Path root;
    private final Commands commands;
    /** Tools found missing, each said once per run. */
    private final Set<String> missingTools = new HashSet<>();

    public HostReader(Path root, Commands commands) {
        this.root = root;
        this.commands = commands;
    }

    public static HostReader system() {
        return new HostReader(Path.of("/"), new Commands());
    }

    Path root() {
        return root;
    }

    /** The effective user id of this process, from /proc/self/status; -1 if unknown. */
    public static int effectiveUid() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    return Integer.parseInt(l.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    /** Interfaces in /sys/class/net, sorted. */
    public List<String> interfaces() {
        TreeSet<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve("sys/class/net"))) {
            for (Path p : ds) {
                if (Files.isDirectory(p.resolve("statistics"))) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            // no sysfs (a container without /sys): /proc/net/dev still has the interfaces
        }
        return List.copyOf(out);
    }

    /** Everything whose value changes: one sample. */
    public void counters(int sample, String label, Captured out) {
        Instant at = Instant.now();
        for (String f : PROC_NET) {
            file("proc/net/" + f, sample, label, at, out, false);
        }
        for (String iface : interfaces()) {
            Path dir = root.resolve("sys/class/net").resolve(iface).resolve("statistics");
            List<Path> files = list(dir);
            for (Path p : files) {
                file(root.relativize(p).toString(), sample, label, at, out, true);
            }
            if (hasDevice(iface)) {
                command(out, sample, label, "ethtool", "-S", iface);
            }
        }
        command(out, sample, label, "tc", "-s", "qdisc", "show");
        // no file gives a socket's receive buffer (skmem rb): without it a tiny SO_RCVBUF looks like a slow reader
        command(out, sample, label, "ss", "-uw0anme");
    }

    /**
     * Memory levels, read at every sample and every second in between: /proc/meminfo, /proc/slabinfo (root only) and
     * the command of every process (a new pid for the same command is a restart, which a leak may step with).
     */
    public void memory(int sample, String label, Captured out) {
        Instant at = Instant.now();
        file("proc/meminfo", sample, label, at, out, false);
        Path slabinfo = root.resolve("proc/slabinfo");
        if (Files.isReadable(slabinfo)) {
            file("proc/slabinfo", sample, label, at, out, true);
        } else if (sample == 0) {
            out.diagnostic(Diagnostic.info("/proc/slabinfo", 0, "readable by root only: slab caches not watched, "
                    + "kernel memory growth is seen in /proc/meminfo (Slab, SUnreclaim) without the cache names"));
        }
        // drophound's own memory, so that the growth of the observer is not taken for a leak of the host
        try {
            out.add(new Captured.Item(SELF_STATUS, "/proc/self/status", read(root.resolve("proc/self/status")), sample,
                    label, at));
        } catch (IOException e) {
            // no /proc/self: nothing to discount
        }
        StringBuilder comms = new StringBuilder();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve("proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            List<Path> pids = new ArrayList<>();
            ds.forEach(pids::add);
            pids.sort(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
            for (Path p : pids) {
                try {
                    String comm = read(p.resolve("comm")).strip(); // first: no half line for a process gone meanwhile
                    comms.append('/').append(root.relativize(p.resolve("comm"))).append(':').append(comm).append('\n');
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            return;
        }
        out.add(new Captured.Item("proc-pid-comm.all", "/proc/*/comm", comms.toString(), sample, label, at));
    }

    /** What does not change during a run: tunables, drivers, rings, the kernel. Read once, with the first sample. */
    public void settings(int sample, String label, Captured out) {
        Instant at = Instant.now();
        file("proc/version", sample, label, at, out, false);
        file("etc/os-release", sample, label, at, out, true);
        int unreadable = 0;
        for (Path p : list(root.resolve("proc/sys/net/core"))) {
            if (!file(root.relativize(p).toString(), sample, label, at, out, true)) {
                unreadable++;
            }
        }
        for (String name : IPV4_SYSCTLS) {
            file("proc/sys/net/ipv4/" + name, sample, label, at, out, true);
        }
        if (unreadable > 0) {
            out.diagnostic(Diagnostic.info("/proc/sys/net/core", 0, unreadable + " tunables could not be read"
                    + " (write-only or not permitted)"));
        }
        if (commands.which("ethtool").isEmpty()) {
            drivers(sample, label, at, out);
        }
        for (String iface : interfaces()) {
            if (iface.equals("lo")) {
                continue;
            }
            command(out, sample, label, "ethtool", "-i", iface);
            if (hasDevice(iface)) {
                command(out, sample, label, "ethtool", "-g", iface);
            }
        }
    }

    /**
     * Without ethtool, the driver of each device-backed interface from its sysfs link, written as
     * {@code find /sys/class/net/*}{@code /device/driver -maxdepth 0 -printf '%p -> %l\n'} prints it.
     */
    void drivers(int sample, String label, Instant at, Captured out) {
        StringBuilder text = new StringBuilder();
        for (String iface : interfaces()) {
            Path link = root.resolve("sys/class/net").resolve(iface).resolve("device/driver");
            try {
                Path target = Files.readSymbolicLink(link); // first: a half-written line must not stay behind
                text.append("/").append(root.relativize(link)).append(" -> ").append(target).append('\n');
            } catch (IOException | UnsupportedOperationException e) {
                // a virtual interface: no device, no driver link
            }
        }
        out.add(new Captured.Item("sys-class-net-device-driver", "/sys/class/net/*/device/driver", text.toString(), sample,
                label, at));
    }

    /** Interfaces backed by a device (PCI, virtio...) have rings and driver statistics; virtual ones mostly not. */
    boolean hasDevice(String iface) {
        return Files.exists(root.resolve("sys/class/net").resolve(iface).resolve("device"));
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    /**
     * Reads one file as it is. A missing optional file (udplite without the module) is no news; a missing
     * counter file is said once.
     *
     * @return false if it could not be read
     */
    boolean file(String relative, int sample, String label, Instant at, Captured out, boolean optional) {
        Path p = root.resolve(relative);
        try {
            String text = read(p);
            out.add(new Captured.Item(relative, "/" + relative, text, sample, label, at));
            return true;
        } catch (NoSuchFileException e) {
            if (!optional && sample == 0 && !relative.contains("udplite")) {
                out.diagnostic(Diagnostic.info("/" + relative, 0, "not present on this kernel; not read"));
            }
        } catch (AccessDeniedException e) {
            if (!optional && sample == 0) {
                out.diagnostic(Diagnostic.warning("/" + relative, 0, "permission denied; not read"));
            }
        } catch (IOException e) {
            if (sample == 0) {
                out.diagnostic(Diagnostic.warning("/" + relative, 0, "cannot read: " + e.getMessage()));
            }
        }
        return false;
    }

    /**
     * A procfs or sysfs file in large reads. Not {@code Files.readAllBytes}: for a file whose size says 0 it
     * reads one byte first, and integer sysctls answer a read at a non-zero offset with end of file, so
     * {@code /proc/sys/net/core/rmem_max} would read as "4" instead of "4194304".
     */
    static String read(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs a read-only tool; its output, errors included, is evidence like a file. */
    void command(Captured out, int sample, String label, String tool, String... args) {
        Optional<Commands.Result> r = commands.run(tool, args);
        if (r.isEmpty()) {
            synchronized (missingTools) {
                if (missingTools.add(tool)) {
                    out.diagnostic(Diagnostic.warning(tool, 0, tool + " is not installed: " + switch (tool) {
                        case "ethtool" -> "NIC ring sizes and driver statistics (rx_missed, rx_no_buffer, "
                                + "per-queue drops) were not read, drivers come from sysfs; install it (apt-get install "
                                + "ethtool / dnf install ethtool) for the NIC stage";
                        case "tc" -> "qdisc drops (egress) were not read; install iproute2";
                        case "ss" -> "socket buffer sizes (skmem) were not read; install iproute2";
                        default -> "its output was not read";
                    }));
                }
            }
            return;
        }
        Commands.Result res = r.get();
        if (res.timedOut()) {
            out.diagnostic(Diagnostic.warning(res.command(), 0, "did not finish within " + Commands.TIMEOUT_SECONDS
                    + " s; stopped it, output so far kept"));
        }
        out.add(new Captured.Item(res.command(), res.command(), res.output(), sample, label, Instant.now()));
    }
}
