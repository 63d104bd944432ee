package dev.drophound.findings;

import java.util.Objects;

/**
 * One thing to do about a finding.
 *
 * @param command    what to run now (the operator runs it; drophound never changes the host)
 * @param why        what it changes and why that helps
 * @param persistent how to keep it across reboots (sysctl.d, NetworkManager, systemd-networkd, udev), or null
 *                   when the command is not a setting
 * @param cost       what the change costs (memory, latency), or null
 */
public record Remediation(String command, String why, String persistent, String cost) {

    public Remediation {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(why, "why");
    }
}
