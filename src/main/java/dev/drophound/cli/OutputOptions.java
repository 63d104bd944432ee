package dev.drophound.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every reporting command shares: output format, output file, what makes the exit code non-zero. */
public final class OutputOptions {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text, json or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "never",
            description = "Exit with 1 when a finding is at or above LEVEL: warning, critical or never "
                    + "(default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--no-color", description = "No ANSI colours in text output (also when NO_COLOR is set).")
    boolean noColor;
}
