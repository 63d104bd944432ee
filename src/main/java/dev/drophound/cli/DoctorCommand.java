package dev.drophound.cli;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Severity;
import dev.drophound.live.Captured;
import dev.drophound.live.LiveRun;
import dev.drophound.report.Renderer;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code drophound doctor}: the live diagnosis of this host. Samples every counter at the start and the end of
 * {@code --duration}, traces drop reasons in between, and reports what happened during the run; drops counted
 * before it are history.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Diagnose this host live: sample its network counters at the start and end of --duration, "
                + "trace drop reasons (skb:kfree_skb) in between, name the sockets and processes that lose packets, "
                + "sample memory (meminfo, slabinfo, processes) every second, read hugepages and, when OVS runs here, "
                + "its log and OVSDB rows, and report. Read-only: it changes nothing but its own tracefs instance, "
                + "removed at the end. Run it as root for drop reasons and every socket's owner; as another user it "
                + "reports what it can see.",
        footer = {"", "Examples:",
                "  drophound doctor",
                "  drophound doctor --duration 30s --format json -o report.json",
                "  drophound doctor --no-trace --fail-on warning"})
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    LiveOptions live;

    @Mixin
    OutputOptions output;

    @CommandLine.ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Renderer renderer = Reporting.renderer(spec, output.format);
        Severity failOn = Reporting.failOn(spec, output.failOn);
        LiveRun.Options options = live.options(spec);
        LiveRun.Result run = LiveRun.system().run(options);
        Analysis analysis = analyze(run);
        Reporting.write(spec, output, renderer, analysis, parent != null && parent.verbose);
        return Reporting.exitCode(analysis, failOn);
    }

    /** The live run's evidence through the one pipeline every input takes. */
    static Analysis analyze(LiveRun.Result run) {
        Captured c = run.captured();
        return Analyzer.standard().analyze(c.evidence(), c.diagnostics(), c.items().size());
    }
}
