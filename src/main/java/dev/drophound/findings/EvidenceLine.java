package dev.drophound.findings;

import dev.drophound.facts.Span;
import java.util.ArrayList;
import java.util.List;

/** One quoted line a finding rests on: where it is and what it says. */
public record EvidenceLine(String source, int line, String text) {

    public static List<EvidenceLine> of(Span span) {
        List<EvidenceLine> out = new ArrayList<>();
        for (Span.Line l : span.lines()) {
            out.add(new EvidenceLine(span.source(), l.number(), l.text()));
        }
        return out;
    }
}
