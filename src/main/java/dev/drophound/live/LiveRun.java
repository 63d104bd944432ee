package dev.drophound.live;

import dev.drophound.evidence.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One live look at this host: a sample of every counter at the start, drop-reason tracing during the run, a
 * second sample at the end, socket owners at both ends. It only reads (and creates, then removes, its own
 * tracefs instance); what it read is a {@link Captured} list, analysed by the same pipeline as captured files
 * or written to a bundle.
 */
public final class LiveRun {

    public static final String TRACE_NAME = "trace-kfree_skb";

    /**
     * @param progress called about once a second with (elapsed, total); null for none
     */
    /**
     * @param logs application logs the user named (an ovs-vswitchd.log elsewhere than OVS's default place)
     */
    public record Options(Duration duration, boolean trace, BiConsumer<Duration, Duration> progress,
            List<java.nio.file.Path> logs) {

        public Options {
            logs = List.copyOf(logs);
        }

        public Options(Duration duration, boolean trace, BiConsumer<Duration, Duration> progress) {
            this(duration, trace, progress, List.of());
        }
    }

    /** What the run read and when. */
    public record Result(Captured captured, Instant started, Instant ended, Duration duration, List<String> traced,
            int uid) {
    }

    private final HostReader host;
    private final SocketOwners owners;
    private final Commands commands;

    public LiveRun(HostReader host, SocketOwners owners, Commands commands) {
        this.host = host;
        this.owners = owners;
        this.commands = commands;
    }

    public static LiveRun system() {
        Commands commands = new Commands();
        return new LiveRun(new HostReader(Path.of("/"), commands), new SocketOwners(Path.of("/proc")), commands);
    }

    public Result run(Options o) throws InterruptedException {
        Captured captured = new Captured();
        int uid = HostReader.effectiveUid();
        if (uid != 0) {
            captured.diagnostic(Diagnostic.warning("drophound", 0, "running as uid " + uid + ", not root: "
                    + "drop reasons are not traced, owners of other users' sockets are not named, and some driver "
                    + "statistics may be missing; findings rest on the counters every user can read, so they say "
                    + "where packets are lost with less detail about why"));
        }
        Optional<DropTracer> tracer = o.trace() ? DropTracer.start(captured, commands) : Optional.empty();
        if (!o.trace()) {
            captured.diagnostic(Diagnostic.info("tracefs", 0, "--no-trace: drop reasons were not traced"));
        }
        Instant started = Instant.now();
        Instant ended;
        int[] end = {1};
        try {
            host.settings(0, "start", captured);
            new DpdkReader(host.root(), host).read(0, "start", o.logs(), captured);
            host.counters(0, "start", captured);
            host.memory(0, "start", captured);
            owners.scan(0, "start", captured);
            Instant sampled = Instant.now();
            // memory levels every second in between: a leak shows as a trend, not as two points
            end[0] = waitFor(o, sampled, tick -> host.memory(tick, "t+" + tick + "s", captured)) + 1;
            host.counters(end[0], "end", captured);
            host.memory(end[0], "end", captured);
            owners.scan(end[0], "end", captured);
            ended = Instant.now();
        } finally {
            tracer.ifPresent(t -> {
                String text = t.stop(captured);
                captured.add(new Captured.Item(TRACE_NAME, t.instance() + "/trace", text, end[0], "end", Instant.now()));
            });
        }
        return new Result(captured, started, ended, Duration.between(started, ended),
                tracer.map(DropTracer::events).orElse(List.of()), uid);
    }

    /** Memory samples kept at most per run: every second up to 15 min, spread wider beyond (a 6 h watch). */
    static final int MAX_MEMORY_SAMPLES = 900;

    static Duration memoryInterval(Duration run) {
        return Duration.ofMillis(Math.max(1000, run.toMillis() / MAX_MEMORY_SAMPLES));
    }

    /**
     * Waits for the duration, calling {@code tick} with 1, 2, ... at each memory interval (not at the very end).
     *
     * @return the number of ticks
     */
    private static int waitFor(Options o, Instant from, java.util.function.IntConsumer tick) throws InterruptedException {
        Instant until = from.plus(o.duration());
        Duration interval = memoryInterval(o.duration());
        int ticks = 0;
        while (true) {
            Duration left = Duration.between(Instant.now(), until);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            if (o.progress() != null) {
                o.progress().accept(o.duration().minus(left), o.duration());
            }
            Instant next = from.plusMillis(interval.toMillis() * (ticks + 1));
            long sleep = Math.min(Duration.between(Instant.now(), next).toMillis(), left.toMillis());
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            if (Duration.between(Instant.now(), until).toMillis() > 200) {
                tick.accept(++ticks);
            }
        }
        if (o.progress() != null) {
            o.progress().accept(o.duration(), o.duration());
        }
        return ticks;
    }
}
