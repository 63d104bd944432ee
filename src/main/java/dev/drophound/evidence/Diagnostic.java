package dev.drophound.evidence;

import java.util.Objects;

/**
 * Something the run could not read or use, said in one line with its place: {@code file:line: message}.
 *
 * @param line 1-based line, or 0 when the message is about the whole source
 */
public record Diagnostic(Level level, String source, int line, String message) {

    public enum Level {
        /** Read but not analysed on purpose, e.g. prose around command outputs, a command without output. */
        INFO,
        /** Partly unusable: a malformed line, a truncated file, a format not recognised. */
        WARNING,
        /** Not readable at all: missing, binary, permission denied. */
        ERROR
    }

    public Diagnostic {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic warning(String source, int line, String message) {
        return new Diagnostic(Level.WARNING, source, line, message);
    }

    public static Diagnostic info(String source, int line, String message) {
        return new Diagnostic(Level.INFO, source, line, message);
    }

    public static Diagnostic error(String source, int line, String message) {
        return new Diagnostic(Level.ERROR, source, line, message);
    }

    /** {@code source:line: message}, the form compilers use, so editors can jump to it. */
    public String oneLine() {
        return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
    }
}
