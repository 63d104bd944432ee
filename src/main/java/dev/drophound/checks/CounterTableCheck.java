package dev.drophound.checks;

import dev.drophound.facts.ProtocolCounters;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A check over a table of SNMP counters that each mean one kind of drop: a finding per counter that grew
 * (or is non-zero in a single sample), and one "checked, fine" finding for the rest.
 */
public abstract class CounterTableCheck implements Check {

    /**
     * One counter and what it means.
     *
     * @param meaning  a sentence: what made the kernel count it
     * @param receivedName counter of the same group counting what the stage received, for the share; may be null
     */
    public record Entry(String group, String name, String title, String meaning, String receivedName,
            List<Remediation> fixes) {
    }

    protected abstract List<Entry> entries();

    /** Severity for a single-sample (since boot) non-zero count; {@code info} unless a check knows better. */
    protected Severity cumulativeSeverity(Entry e, Growth g, Long received) {
        return Judge.loss(g, received) == Severity.WARNING ? Severity.WARNING : Severity.INFO;
    }

    /**
     * Extra next steps, explanation or evidence for a finding, and the last word on its severity (a check that
     * knows an innocent cause for the counter lowers it here).
     */
    protected Severity decorate(Case c, Entry e, Growth g, Severity severity, Finding.Builder b) {
        return severity;
    }

    protected abstract String missing();

    @Override
    public CheckResult run(Case c) {
        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        Finding.Builder quiet = Finding.builder(id(), stage(), title() + ": nothing dropped");
        Severity quietSeverity = Severity.OK;
        for (Entry e : entries()) {
            Optional<Growth> found = Lookup.snmp(c, e.group(), e.name());
            if (found.isEmpty()) {
                continue;
            }
            Growth g = found.get();
            Long received = e.receivedName() == null ? null : Lookup.sameSubject(c, g.series(),
                    ProtocolCounters.key(e.group(), e.receivedName()), e.receivedName()).map(Growth::increase).orElse(null);
            if (!g.positive()) {
                fine.add(e.group() + " " + e.name() + " " + (g.isDelta() ? Words.signed(0) : "0"));
                if (g.isDelta() && g.series().first().value() > 0) {
                    quietSeverity = Severity.INFO;
                    fine.set(fine.size() - 1, e.group() + " " + e.name() + " no growth, " + g.history());
                }
                g.spans().forEach(quiet::evidence);
                continue;
            }
            Severity severity = g.isDelta() ? Judge.loss(g, received) : cumulativeSeverity(e, g, received);
            StringBuilder summary = new StringBuilder(e.group() + " " + e.name() + " " + g.amount() + " " + g.cite());
            if (received != null && received > 0) {
                summary.append(", ").append(Words.percent(Judge.share(g.increase(), received))).append(" of ")
                        .append(Words.count(received)).append(' ').append(e.receivedName());
            }
            summary.append(": ").append(e.meaning());
            Finding.Builder b = Finding.builder(id(), stage(), e.title())
                    .severity(severity)
                    .summary(summary.toString())
                    .loss(g.loss())
                    .confidence(g.confidence(), g.confidenceReason());
            g.spans().forEach(b::evidence);
            e.fixes().forEach(b::fix);
            b.severity(decorate(c, e, g, severity, b));
            out.add(b.build());
        }
        if (out.isEmpty() && fine.isEmpty()) {
            return CheckResult.missing(missing());
        }
        if (!fine.isEmpty()) {
            out.add(quiet.severity(quietSeverity).summary(title() + ": " + String.join("; ", fine) + ".")
                    .confidence(Confidence.HIGH, "counters read").build());
        }
        return CheckResult.of(out);
    }

    @Override
    public abstract Stage stage();
}
