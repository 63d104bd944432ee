package dev.drophound.cli;

/** Exit codes of every drophound command. Scripts depend on them: never renumber. */
public final class ExitCode {
    private ExitCode() {
    }

    /** The analysis ran (whatever it found), and nothing reached --fail-on. */
    public static final int OK = 0;
    /** Findings at or above --fail-on. */
    public static final int FINDINGS = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** Nothing given could be read as evidence. */
    public static final int NO_EVIDENCE = 3;
    /** drophound itself failed (a bug): the message says so, --verbose shows the stack trace. */
    public static final int INTERNAL = 4;
}
