package dev.drophound.cli;

import dev.drophound.parse.Parser;
import dev.drophound.parse.ParserRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code drophound formats}: every input format drophound reads, with the command that produces it. */
@Command(name = "formats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every input format drophound recognises, with commands that produce it.")
public final class FormatsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("drophound reads these outputs (files, a directory of them, or several pasted together after");
        out.println("shell prompts such as '# cmd' or '$ cmd'):");
        for (Parser p : ParserRegistry.standard().all()) {
            out.println();
            out.println("  " + p.id() + ": " + p.description());
            for (String e : p.examples()) {
                out.println("      $ " + e);
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
