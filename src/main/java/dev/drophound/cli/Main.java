package dev.drophound.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drophound}: the top command; the work is in its subcommands. */
@Command(name = "drophound", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Tells where a Linux host loses packets and why its network-stack memory runs out, citing the "
                + "evidence for each conclusion and printing the fix.",
        subcommands = {DoctorCommand.class, CollectCommand.class, AnalyzeCommand.class, FormatsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:analysis ran (whatever it found)",
                "1:findings at or above --fail-on",
                "2:usage error",
                "3:no readable evidence",
                "4:internal error"})
public final class Main implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show every diagnostic and, on internal errors, the stack trace.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input, for {@code analyze -}; tests give their own. */
    final java.io.InputStream in;

    Main(java.io.InputStream in) {
        this.in = in;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        System.exit(run(args, System.in, out, err));
    }

    /** Runs the command line with the given streams: what tests call. */
    public static int run(String[] args, java.io.InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(in, out, err);
        return cl.execute(args);
    }

    static CommandLine commandLine(java.io.InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main(in));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.INTERNAL);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.matchedOptionValue("--verbose", false)
                    || parseResult.subcommand() != null && parseResult.subcommand().matchedOptionValue("--verbose", false);
            commandLine.getErr().println("drophound: internal error: " + e
                    + (verbose ? "" : " (run with --verbose for the stack trace; please report it)"));
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCode.INTERNAL;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("drophound: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        return cl;
    }
}
