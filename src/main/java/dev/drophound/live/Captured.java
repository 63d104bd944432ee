package dev.drophound.live;

import dev.drophound.analysis.Evidence;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.Source;
import dev.drophound.model.Sample;
import dev.drophound.model.SamplePlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a live run read, in the order it read it: each item is raw text exactly as the kernel or tool gave it,
 * with the name routing uses ({@code proc/net/snmp}, {@code ethtool -S eth0}) and the sample it belongs to.
 * The same list becomes {@link Evidence} for the analysis and the entries of a bundle, so both give the same
 * findings.
 */
public final class Captured {

    /** One thing read. {@code sample} is the index of the sample ({@code 0} start, {@code 1} end). */
    public record Item(String name, String source, String text, int sample, String label, Instant at) {

        public Evidence evidence() {
            return new Evidence(new Source(source, Source.Kind.LIVE), name, text,
                    new SamplePlanner.Slot(name, sample, label, null, at, Sample.CAPTURE_TIME));
        }
    }

    private final List<Item> items = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public synchronized void add(Item item) {
        items.add(item);
    }

    public synchronized void diagnostic(Diagnostic d) {
        diagnostics.add(d);
    }

    public synchronized List<Item> items() {
        return List.copyOf(items);
    }

    public synchronized List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public List<Evidence> evidence() {
        return items().stream().map(Item::evidence).toList();
    }
}
