package dev.drophound.analysis;

import dev.drophound.evidence.Source;
import dev.drophound.model.SamplePlanner;
import java.util.Objects;

/**
 * Raw text with where it came from and where it stands in time. Files, stdin and (later) the live host all
 * produce this, so every later step is shared.
 *
 * @param name what routing and sample planning look at: the path below the input root, or the live path
 * @param slot the subject and sample the planner gave it
 * @param sosreport the sosreport the text comes from, or null: its files that no parser reads are counted in one
 *             line instead of one warning each
 */
public record Evidence(Source source, String name, String text, SamplePlanner.Slot slot, String sosreport) {

    public Evidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(slot, "slot");
    }

    public Evidence(Source source, String name, String text, SamplePlanner.Slot slot) {
        this(source, name, text, slot, null);
    }
}
