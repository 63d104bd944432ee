package dev.drophound.cli;

import dev.drophound.live.LiveRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options of the commands that look at this host live ({@code doctor}, {@code collect}). */
public final class LiveOptions {

    /** Long enough for a leak watch, short enough that a typo (10h for 10m) is caught. */
    static final Duration MAX_DURATION = Duration.ofHours(6);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h)?");

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", defaultValue = "10s",
            description = "How long to watch: counters are sampled at the start and at the end, drops are traced "
                    + "in between (e.g. 10s, 30s, 5m; default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--no-trace", description = "Do not trace drop reasons (skb:kfree_skb); counters only.")
    boolean noTrace;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Also read this application log (e.g. an ovs-vswitchd.log outside /var/log/openvswitch); "
                    + "repeatable. OVS's own log is read when OVS runs here.")
    java.util.List<Path> logs = new java.util.ArrayList<>();

    Duration duration(CommandLine.Model.CommandSpec spec) {
        Matcher m = DURATION.matcher(duration.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double ms = switch (unit) {
                case "ms" -> v;
                case "m", "min" -> v * 60_000;
                case "h" -> v * 3_600_000;
                default -> v * 1000;
            };
            Duration d = Duration.ofMillis((long) ms);
            if (d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(MAX_DURATION) <= 0) {
                return d;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "invalid --duration '" + duration
                + "': use e.g. 10s, 30s or 5m (from 100ms to 6h)");
    }

    LiveRun.Options options(CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        BiConsumer<Duration, Duration> progress = stderrIsTerminal() ? (done, total) -> {
            err.print("\rdrophound: watching this host... " + done.toSeconds() + " of " + total.toSeconds() + " s ");
            if (done.compareTo(total) >= 0) {
                err.print("\r" + " ".repeat(60) + "\r");
            }
            err.flush();
        } : null;
        for (Path log : logs) {
            if (!Files.isReadable(log)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--log " + log + ": cannot read it");
            }
        }
        return new LiveRun.Options(duration(spec), !noTrace, progress, logs);
    }

    /** Progress only on a terminal: a log file or a pipe gets the report alone. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
