package dev.drophound.checks;

import dev.drophound.findings.Finding;
import java.util.List;

/** What a check made of the Case: findings (at least one when it applies), or why it did not apply. */
public sealed interface CheckResult {

    record Findings(List<Finding> findings) implements CheckResult {
        public Findings {
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("an applicable check reports at least an ok finding");
            }
        }
    }

    /**
     * The evidence holds nothing this check reads.
     *
     * @param missing what to capture so it can run ("/proc/net/softnet_stat")
     */
    record NotApplicable(String missing) implements CheckResult {
    }

    static CheckResult of(List<Finding> findings) {
        return new Findings(findings);
    }

    static CheckResult missing(String what) {
        return new NotApplicable(what);
    }
}
