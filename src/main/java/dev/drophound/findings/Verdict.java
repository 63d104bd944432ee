package dev.drophound.findings;

import java.util.List;

/**
 * The few sentences an operator reads first.
 *
 * @param summary    where the packets went, how many, how sure, what to do first
 * @param severity   the worst finding's severity ({@code ok} when nothing is wrong)
 * @param stage      the first stage that lost packets, null if none
 * @param confidence how sure the verdict is
 * @param checked    what was checked ("UDP receive buffers", "softnet backlog (2 CPUs)", ...)
 * @param notChecked what could not be checked for lack of evidence, and what to capture to check it
 */
public record Verdict(String summary, Severity severity, Stage stage, Confidence confidence, List<String> checked,
        List<String> notChecked) {

    public Verdict {
        checked = List.copyOf(checked);
        notChecked = List.copyOf(notChecked);
    }
}
