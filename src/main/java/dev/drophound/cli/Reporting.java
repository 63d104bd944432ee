package dev.drophound.cli;

import dev.drophound.analysis.Analysis;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.report.Renderer;
import dev.drophound.report.RendererRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import picocli.CommandLine;

/** Option handling and output shared by the commands that report an analysis. */
final class Reporting {

    private Reporting() {
    }

    /**
     * Above this one file's text and facts would not fit a modest heap (parsing takes about 16 bytes of heap
     * per byte of dense counter text); the head of a larger file is read instead.
     */
    static final long MAX_FILE_SIZE = 256L * 1024 * 1024;

    static Renderer renderer(CommandLine.Model.CommandSpec spec, String format) {
        RendererRegistry registry = RendererRegistry.standard();
        return registry.byId(format.toLowerCase(Locale.ROOT)).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown --format '" + format + "': use one of " + String.join(", ", registry.ids())));
    }

    /** null for "never". */
    static Severity failOn(CommandLine.Model.CommandSpec spec, String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "never", "none" -> null;
            case "warning" -> Severity.WARNING;
            case "critical" -> Severity.CRITICAL;
            case "info" -> Severity.INFO;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --fail-on '" + level + "': use warning, critical or never");
        };
    }

    static long size(CommandLine.Model.CommandSpec spec, String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1024;
        } else if (t.endsWith("M")) {
            unit = 1024 * 1024;
        } else if (t.endsWith("G")) {
            unit = 1024L * 1024 * 1024;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits) * unit;
            if (v < 1024 || v > MAX_FILE_SIZE) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid --max-file-size '" + text + "': use e.g. 16M or 64M (from 1K to 256M)");
        }
    }

    static void write(CommandLine.Model.CommandSpec spec, OutputOptions output, Renderer renderer, Analysis analysis,
            boolean verbose) throws IOException {
        boolean toFile = output.output != null;
        boolean color = !toFile && !output.noColor && System.getenv("NO_COLOR") == null && System.console() != null
                && renderer.id().equals("text");
        Renderer.Options options = new Renderer.Options(verbose, color, Version.get());
        if (toFile) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output.output, StandardCharsets.UTF_8))) {
                renderer.render(analysis, options, w);
            }
            spec.commandLine().getErr().println("drophound: report written to " + output.output);
        } else {
            renderer.render(analysis, options, spec.commandLine().getOut());
        }
    }

    static int exitCode(Analysis analysis, Severity failOn) {
        if (failOn == null) {
            return ExitCode.OK;
        }
        boolean reached = analysis.findings().stream().map(Finding::severity).anyMatch(s -> s.atLeast(failOn));
        return reached ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
