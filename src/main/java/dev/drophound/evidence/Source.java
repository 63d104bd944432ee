package dev.drophound.evidence;

import java.util.Objects;

/**
 * Where evidence came from, kept apart from what it is.
 *
 * @param name what the report calls it: a path as the user gave it ({@code before/proc-net-snmp.txt}), a
 *             live path ({@code /proc/net/snmp}), {@code stdin}, or {@code bundle.tar.gz!proc/net/snmp}
 */
public record Source(String name, Kind kind) {

    public enum Kind { FILE, STDIN, LIVE, ARCHIVE_ENTRY }

    public Source {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public static Source file(String name) {
        return new Source(name, Kind.FILE);
    }

    @Override
    public String toString() {
        return name;
    }
}
