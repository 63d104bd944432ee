package dev.drophound.cli;

import dev.drophound.live.Bundle;
import dev.drophound.live.LiveRun;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drophound collect}: the same live look as {@code doctor}, written as an evidence bundle for a ticket;
 * {@code drophound analyze BUNDLE} gives the findings anywhere.
 */
@Command(name = "collect", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Collect this host's network evidence into a .tar.gz bundle: every file and tool output exactly "
                + "as read, at the start and the end of --duration, the drop trace, and a manifest. `drophound "
                + "analyze BUNDLE` gives the same findings as `drophound doctor` on the host.",
        footer = {"", "Examples:",
                "  drophound collect --duration 30s -o host-2026-11-22.tar.gz",
                "  drophound analyze host-2026-11-22.tar.gz"})
public final class CollectCommand implements Callable<Integer> {

    @Mixin
    LiveOptions live;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The bundle to write (default: drophound-HOST-YYYYMMDD-HHMMSS.tar.gz here).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LiveRun.Options options = live.options(spec);
        Path target = output != null ? output : Path.of(defaultName());
        if (target.toAbsolutePath().getParent() != null && !Files.isDirectory(target.toAbsolutePath().getParent())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such directory for --output: "
                    + target.toAbsolutePath().getParent());
        }
        LiveRun.Result run = LiveRun.system().run(options);
        Bundle.write(target, run, Version.get());
        spec.commandLine().getErr().println("drophound: wrote " + target + " (" + run.captured().items().size()
                + " files, " + Files.size(target) / 1024 + " KiB, " + String.format("%.1f", run.duration().toMillis() / 1000.0)
                + " s between samples" + (run.traced().isEmpty() ? ", no drop trace" : ", drop trace included")
                + "); read it with: drophound analyze " + target);
        return ExitCode.OK;
    }

    static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "_");
        } catch (IOException e) {
            host = "host";
        }
        return "drophound-" + host + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".tar.gz";
    }
}
