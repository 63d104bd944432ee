package dev.drophound.live;

import dev.drophound.evidence.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Traces {@code skb:kfree_skb} (and {@code udp:udp_fail_queue_rcv_skb}, which names the port of a full UDP socket)
 * for the length of a run, in a PRIVATE tracefs instance {@code instances/drophound-PID}: the global buffer, other
 * instances and every other tracing setting are left alone. The instance is removed at the end, also on Ctrl-C and
 * SIGTERM (a shutdown hook), and instances left by a killed earlier run (their pid gone) are removed at start.
 * When tracefs is not mounted it is mounted at {@code /sys/kernel/tracing} for the run and unmounted after.
 * Without root, without tracefs or without the tracepoint, tracing is skipped with a diagnostic; the counters
 * still tell most of the story.
 */
public final class DropTracer implements AutoCloseable {

    static final String PREFIX = "drophound-";
    /**
     * Says that a drophound run mounted tracefs. Runs can overlap: the one that mounted it may end first, so the
     * mount is undone by whichever run ends last (no other live drophound instance left), not by the one that made it.
     */
    static final Path MOUNT_MARKER = Path.of("/run/drophound-tracefs.mount");
    static final Path DEFAULT_MOUNT = Path.of("/sys/kernel/tracing");
    /** Per-CPU buffer, bounded so a many-CPU host does not lend the tracer gigabytes. */
    static final int MAX_TOTAL_KB = 64 * 1024;
    static final int MAX_PER_CPU_KB = 4096;

    private final Path tracefs;
    private final Path instance;
    private final boolean mountedByUs;
    private final Commands commands;
    private final Thread hook;
    private final List<String> events;
    private boolean closed;

    private DropTracer(Path tracefs, Path instance, boolean mountedByUs, Commands commands, List<String> events) {
        this.tracefs = tracefs;
        this.instance = instance;
        this.mountedByUs = mountedByUs;
        this.commands = commands;
        this.events = events;
        this.hook = new Thread(this::close, "drophound-trace-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The instance directory (for tests and the report). */
    public Path instance() {
        return instance;
    }

    /** The events traced, as {@code system:event}. */
    public List<String> events() {
        return events;
    }

    /** Starts tracing, or says why it cannot and returns empty. */
    public static Optional<DropTracer> start(Captured out, Commands commands) {
        String where = "tracefs";
        if (HostReader.effectiveUid() != 0) {
            out.diagnostic(Diagnostic.info(where, 0, "not root: drop-reason tracing (skb:kfree_skb) skipped; "
                    + "findings rest on counters only, without the kernel's drop reasons"));
            return Optional.empty();
        }
        Optional<Path> mounted = mountPoint();
        boolean mountedByUs = false;
        if (mounted.isEmpty() && tracefsWithoutInstances()) {
            out.diagnostic(Diagnostic.info(where, 0, "tracefs has no instances on this kernel (they came in 3.16); "
                    + "drop-reason tracing skipped rather than touch the global trace buffer"));
            return Optional.empty();
        }
        if (mounted.isEmpty()) {
            if (!Files.isDirectory(DEFAULT_MOUNT)) {
                out.diagnostic(Diagnostic.info(where, 0, "no tracefs on this kernel: drop-reason tracing skipped"));
                return Optional.empty();
            }
            Optional<Commands.Result> r = commands.run("mount", "-t", "tracefs", "nodev", DEFAULT_MOUNT.toString());
            if (r.isEmpty() || r.get().exitCode() != 0) {
                out.diagnostic(Diagnostic.warning(where, 0, "tracefs is not mounted and mounting it at " + DEFAULT_MOUNT
                        + " failed" + r.map(x -> ": " + x.output().strip()).orElse(" (no mount command)")
                        + "; drop-reason tracing skipped"));
                return Optional.empty();
            }
            mounted = Optional.of(DEFAULT_MOUNT);
            mountedByUs = true;
            try {
                Files.writeString(MOUNT_MARKER, DEFAULT_MOUNT + "\n");
            } catch (IOException e) {
                // without the marker this run still unmounts what it mounted, when no other run is using it
            }
            out.diagnostic(Diagnostic.info(where, 0, "tracefs was not mounted: mounted it at " + DEFAULT_MOUNT
                    + " for this run; it is unmounted at the end"));
        }
        Path fs = mounted.get();
        Path instance = fs.resolve("instances").resolve(PREFIX + ProcessHandle.current().pid());
        List<String> events = new ArrayList<>();
        // from here on a shutdown hook undoes what was done, whatever comes next: a Ctrl-C right after the mount
        // unmounts, one right after the instance is made removes it
        DropTracer t = new DropTracer(fs, instance, mountedByUs, commands, events);
        int reaped = reapStale(fs);
        if (reaped > 0) {
            out.diagnostic(Diagnostic.info(where, 0, "removed " + reaped + " tracefs instance" + (reaped == 1 ? "" : "s")
                    + " left by an earlier drophound run that was killed"));
        }
        if (!Files.isDirectory(fs.resolve("events/skb/kfree_skb"))) {
            out.diagnostic(Diagnostic.info(where, 0, "this kernel has no skb:kfree_skb tracepoint: drop-reason "
                    + "tracing skipped"));
            t.close();
            return Optional.empty();
        }
        try {
            if (Files.exists(instance)) {
                Files.delete(instance); // our own pid: left by a killed run whose pid this process now has
            }
            Files.createDirectory(instance);
        } catch (IOException e) {
            out.diagnostic(Diagnostic.warning(where, 0, "cannot create tracefs instance " + instance + ": " + e
                    + "; drop-reason tracing skipped"));
            t.close();
            return Optional.empty();
        }
        try {
            int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
            write(instance.resolve("buffer_size_kb"), Integer.toString(Math.min(MAX_PER_CPU_KB, MAX_TOTAL_KB / cpus)));
            write(instance.resolve("events/skb/kfree_skb/enable"), "1");
            events.add("skb:kfree_skb");
            Path udp = instance.resolve("events/udp/udp_fail_queue_rcv_skb/enable");
            if (Files.exists(udp)) {
                write(udp, "1");
                events.add("udp:udp_fail_queue_rcv_skb");
            }
            write(instance.resolve("tracing_on"), "1");
        } catch (IOException e) {
            out.diagnostic(Diagnostic.warning(where, 0, "cannot enable skb:kfree_skb in " + instance + ": " + e
                    + "; drop-reason tracing skipped"));
            t.close();
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** Stops tracing and returns the instance's {@code trace} text; the instance is removed. */
    public String stop(Captured out) {
        String text = "";
        try {
            write(instance.resolve("tracing_on"), "0");
            text = HostReader.read(instance.resolve("trace"));
        } catch (IOException e) {
            out.diagnostic(Diagnostic.warning(instance.toString(), 0, "cannot read the trace: " + e));
        } finally {
            close();
        }
        return text;
    }

    /** Removes the instance and unmounts tracefs if this run mounted it. Safe to call twice and from the hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            write(instance.resolve("tracing_on"), "0");
        } catch (IOException e) {
            // removing the instance stops it anyway
        }
        for (int attempt = 0; attempt < 20 && Files.exists(instance); attempt++) {
            try {
                Files.delete(instance); // rmdir of an instance also disables its events and frees its buffer
            } catch (IOException e) {
                try {
                    Thread.sleep(50); // a reader still had a file open (EBUSY)
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        unmountIfLast(mountedByUs, commands, tracefs);
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running or will find us closed
            }
        }
    }

    /**
     * Unmounts tracefs when a drophound run mounted it (this one, or one whose marker is there) and no other live run
     * still traces in it; otherwise leaves it, and the marker, to the last run.
     */
    static void unmountIfLast(boolean mountedByUs, Commands commands, Path fs) {
        boolean ours = mountedByUs || Files.exists(MOUNT_MARKER);
        if (!ours) {
            return;
        }
        if (liveInstances(fs) > 0) {
            if (mountedByUs && !Files.exists(MOUNT_MARKER)) {
                try {
                    Files.writeString(MOUNT_MARKER, fs + "\n");
                } catch (IOException e) {
                    // the other run will leave tracefs mounted: said nowhere, but nothing breaks
                }
            }
            return;
        }
        commands.run("umount", fs.toString());
        try {
            Files.deleteIfExists(MOUNT_MARKER);
        } catch (IOException e) {
            // a marker left behind makes the next run unmount what is then its own mount: harmless
        }
    }

    /** Instances {@code drophound-PID} of processes that are alive, other than this one. */
    static int liveInstances(Path fs) {
        int n = 0;
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.resolve("instances"), PREFIX + "*")) {
            for (Path p : ds) {
                String pid = p.getFileName().toString().substring(PREFIX.length());
                if (pid.matches("\\d{1,10}") && Long.parseLong(pid) != self
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    n++;
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    /** Removes instances {@code drophound-PID} whose process is gone. */
    static int reapStale(Path fs) {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.resolve("instances"), PREFIX + "*")) {
            for (Path p : ds) {
                String pid = p.getFileName().toString().substring(PREFIX.length());
                boolean alive = pid.matches("\\d{1,10}") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)
                        .orElse(false);
                if (!alive) {
                    try {
                        Files.delete(p);
                        n++;
                    } catch (IOException e) {
                        // busy: leave it, the next run tries again
                    }
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    /** Where tracefs is mounted, from /proc/mounts (also the one under debugfs on old setups). */
    static Optional<Path> mountPoint() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = l.split(" ");
                if (f.length > 2 && f[2].equals("tracefs") && Files.isDirectory(Path.of(f[1], "instances"))) {
                    return Optional.of(Path.of(f[1].replace("\\040", " ")));
                }
            }
            Path underDebugfs = Path.of("/sys/kernel/debug/tracing");
            if (Files.isDirectory(underDebugfs.resolve("instances"))) {
                return Optional.of(underDebugfs);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A tracefs is mounted but cannot give a private instance (a kernel before 3.16). */
    static boolean tracefsWithoutInstances() {
        try {
            return Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 2 && f[2].equals("tracefs"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(Path p, String value) throws IOException {
        Files.writeString(p, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    /** Instances of this tool present now (for tests: none may remain after a run). */
    public static List<Path> instances() {
        List<Path> out = new ArrayList<>();
        Optional<Path> fs = mountPoint();
        if (fs.isEmpty()) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.get().resolve("instances"), PREFIX + "*")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
