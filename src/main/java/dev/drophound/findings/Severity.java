package dev.drophound.findings;

import java.util.Locale;

/** How bad a finding is. {@code OK} is "checked, fine": reports show what was checked. */
public enum Severity {
    OK, INFO, WARNING, CRITICAL;

    /** The JSON and command-line spelling: {@code ok}, {@code info}, {@code warning}, {@code critical}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
