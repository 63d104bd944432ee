package dev.drophound.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Where a fact came from: the source it was read from and the lines it rests on, with their text, so a
 * finding can quote them without going back to the evidence.
 *
 * <p>A span usually holds one line (an {@code ifconfig} counter line) or two (a {@code /proc/net/snmp}
 * header and its value line, an {@code ss} socket line and its {@code skmem} line).
 */
public record Span(String source, List<Line> lines) {

    /** One quoted line: its 1-based number in the source and its text as read. */
    public record Line(int number, String text) {
        public Line {
            Objects.requireNonNull(text, "text");
        }
    }

    public Span {
        Objects.requireNonNull(source, "source");
        lines = List.copyOf(lines);
    }

    public static Span of(String source, int number, String text) {
        return new Span(source, List.of(new Line(number, text)));
    }

    public int firstLine() {
        return lines.isEmpty() ? 0 : lines.get(0).number();
    }

    public int lastLine() {
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).number();
    }

    /** This span and another from the same source, lines in order, without repeats. */
    public Span join(Span other) {
        if (!source.equals(other.source)) {
            throw new IllegalArgumentException("cannot join spans of " + source + " and " + other.source);
        }
        List<Line> all = new ArrayList<>(lines);
        for (Line l : other.lines) {
            if (all.stream().noneMatch(x -> x.number() == l.number())) {
                all.add(l);
            }
        }
        all.sort(Comparator.comparingInt(Line::number));
        return new Span(source, all);
    }

    /** "source line N" or "source lines N-M", for sentences. */
    public String where() {
        if (lines.isEmpty()) {
            return source;
        }
        return firstLine() == lastLine()
                ? source + " line " + firstLine()
                : source + " lines " + firstLine() + "-" + lastLine();
    }
}
