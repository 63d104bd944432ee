package dev.drophound.evidence;

import dev.drophound.facts.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of lines believed to be one command's output: a whole file, or one section of a text that holds
 * several outputs (a terminal paste, an article, a support bundle).
 *
 * @param source    where the lines are
 * @param firstLine 1-based line number of {@code lines.get(0)} in the source
 * @param lines     the lines to parse; inside a document, annotations such as {@code  <<ココ} are cut off
 * @param raw       the lines exactly as read (for quoting); same size as {@code lines}
 * @param name      the file name relative to the input root ({@code before/proc-net-snmp.txt},
 *                  {@code sos_commands/networking/ethtool_-S_eth0}); the whole source name for stdin
 * @param command   the command line that produced the lines, from a shell prompt or banner
 *                  ({@code netstat -su | grep InCsumErrors}); null when not known
 * @param inDocument true when the block is one section of a larger text: lines a parser does not recognise
 *                  at its end are then prose, not errors
 */
public record Block(Source source, int firstLine, List<String> lines, List<String> raw, String name, String command,
        boolean inDocument) {

    public Block {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        lines = List.copyOf(lines);
        raw = List.copyOf(raw);
        if (lines.size() != raw.size()) {
            throw new IllegalArgumentException("lines and raw differ in size");
        }
    }

    /** A whole file as one block: what tests and single-format files use. */
    public static Block ofText(String name, String text) {
        List<String> lines = splitLines(text);
        return new Block(Source.file(name), 1, lines, lines, name, null, false);
    }

    /** A whole text as one block produced by a known command (as if it followed a shell prompt). */
    public static Block ofCommand(String name, String command, String text) {
        List<String> lines = splitLines(text);
        return new Block(Source.file(name), 1, lines, lines, name, command, false);
    }

    public int size() {
        return lines.size();
    }

    public boolean isEmpty() {
        return lines.stream().allMatch(String::isBlank);
    }

    /** Index of the first line that is not blank, or -1: outputs may start with blank lines. */
    public int firstNonBlank() {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    public String line(int index) {
        return lines.get(index);
    }

    /** 1-based line number in the source of line {@code index} of this block. */
    public int lineNumber(int index) {
        return firstLine + index;
    }

    /** The command if known, else the file name: what name-based sniffing looks at. */
    public String nameOrCommand() {
        return command != null ? command : name;
    }

    public Span span(int index) {
        return Span.of(source.name(), lineNumber(index), raw.get(index));
    }

    /** Span over the given line indexes (e.g. a header line and its value line). */
    public Span span(int... indexes) {
        List<Span.Line> out = new ArrayList<>();
        for (int i : indexes) {
            out.add(new Span.Line(lineNumber(i), raw.get(i)));
        }
        return new Span(source.name(), out);
    }

    /** Span over lines {@code from..to} inclusive. */
    public Span spanRange(int from, int to) {
        List<Span.Line> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(new Span.Line(lineNumber(i), raw.get(i)));
        }
        return new Span(source.name(), out);
    }

    /** Splits on \n, \r\n and \r; a final newline does not make an extra empty line. */
    public static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }
}
