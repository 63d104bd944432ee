package dev.drophound.findings;

import java.util.Locale;

/** How sure a finding is, with the reason given next to it in the finding. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
