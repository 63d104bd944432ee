package dev.drophound.report;

import dev.drophound.analysis.Analysis;
import dev.drophound.checks.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The first line of a report: what was read, how many samples, how far apart. */
final class Headline {

    static String of(Analysis a, String version) {
        List<String> parts = new ArrayList<>();
        parts.add("drophound " + version);
        parts.add(a.filesRead() + (a.filesRead() == 1 ? " input read" : " inputs read"));
        int outputs = a.formats().values().stream().mapToInt(Integer::intValue).sum();
        parts.add(outputs + " command output" + (outputs == 1 ? "" : "s") + " in " + a.formats().size() + " format"
                + (a.formats().size() == 1 ? "" : "s"));
        if (a.samples() > 1) {
            parts.add(a.samples() + " samples" + (a.windowSeconds() != null
                    ? ", " + Words.duration(Duration.ofMillis(Math.round(a.windowSeconds() * 1000))) + " apart"
                    : " (interval unknown)"));
        } else {
            parts.add("1 sample (counts since boot)");
        }
        return String.join(" · ", parts);
    }

    private Headline() {
    }
}
