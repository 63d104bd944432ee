package dev.drophound.analysis;

import dev.drophound.checks.CheckRegistry;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Verdict;
import java.util.List;
import java.util.Map;

/**
 * Everything one run concluded: the verdict, the findings (problems first), what could not be read, and what
 * was read.
 *
 * @param formats  how many blocks each format contributed, by parser id
 * @param samples  how many distinct samples the evidence has (1 = single snapshot)
 */
public record Analysis(Verdict verdict, List<Finding> findings, List<Diagnostic> diagnostics, int filesRead,
        Map<String, Integer> formats, int samples, Double windowSeconds, List<CheckRegistry.Applied> checks) {

    public Analysis {
        findings = List.copyOf(findings);
        diagnostics = List.copyOf(diagnostics);
        // sorted and stable: reports and golden files must not depend on hash order
        formats = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(formats));
        checks = List.copyOf(checks);
    }

    /** True when some input was read and recognised. */
    public boolean hasEvidence() {
        return !formats.isEmpty();
    }
}
