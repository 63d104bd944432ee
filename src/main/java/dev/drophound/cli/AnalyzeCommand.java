package dev.drophound.cli;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.checks.CheckRegistry;
import dev.drophound.findings.Severity;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.report.Renderer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drophound analyze PATH...}: captured evidence in, verdict and findings out. */
@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Analyse captured command outputs: files, directories (read recursively), archives (.tar.gz, "
                + ".tar.xz, .zip; read in memory, never unpacked), sosreports packed or unpacked, bundles written "
                + "by `drophound collect`, or - for a paste on standard input. Two directories (before/ after/), "
                + "files named *.before*/*.after*, numbered series or date output in a paste are read as samples in "
                + "time: then growth is judged, not history.",
        footer = {"", "Examples:",
                "  drophound analyze evidence/",
                "  drophound analyze before/ after/",
                "  drophound analyze sosreport-host-2026-11-22.tar.xz",
                "  drophound analyze host-bundle.tar.gz",
                "  drophound analyze /var/log/openvswitch/ovs-vswitchd.log",
                "  drophound analyze staros-support-details.txt",
                "  pbpaste | drophound analyze -",
                "  drophound analyze --format json -o report.json evidence/"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories, or - for standard input.")
    List<String> paths;

    @Mixin
    OutputOptions output;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "16M",
            description = "Read at most SIZE of each file (K or M suffix, up to 256M; default: ${DEFAULT-VALUE}); the "
                    + "rest is reported as not read.")
    String maxFileSize;

    @CommandLine.ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Renderer renderer = Reporting.renderer(spec, output.format);
        Severity failOn = Reporting.failOn(spec, output.failOn);
        long max = Reporting.size(spec, maxFileSize);
        Analyzer analyzer = new Analyzer(ParserRegistry.standard(), CheckRegistry.standard(), max);
        Analysis analysis = analyzer.analyzePaths(paths, parent != null ? parent.in : System.in);
        Reporting.write(spec, output, renderer, analysis, parent != null && parent.verbose);
        if (!analysis.hasEvidence()) {
            spec.commandLine().getErr().println("drophound: no readable evidence in " + String.join(" ", paths)
                    + " (see the diagnostics above, and `drophound formats`)");
            return ExitCode.NO_EVIDENCE;
        }
        return Reporting.exitCode(analysis, failOn);
    }
}
