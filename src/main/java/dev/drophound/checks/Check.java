package dev.drophound.checks;

import dev.drophound.findings.Stage;
import dev.drophound.model.Case;

/**
 * A small rule over the Case. It asks the Case for facts and returns findings, including an {@code ok}
 * finding when it checked and found nothing wrong; it never reads files or the host.
 */
public interface Check {

    /** Stable id of the condition, never changed once released ({@code udp.rcvbuf-overflow}). */
    String id();

    /** What is checked, for "checked: ..." lists: "UDP receive buffers". */
    String title();

    Stage stage();

    CheckResult run(Case c);
}
