package dev.drophound.checks;

import dev.drophound.findings.Remediation;

/**
 * The remediations several checks give, each with its persistent form and its cost. drophound prints
 * these; it never applies them.
 */
public final class Fixes {
    private Fixes() {
    }

    /** Where persistent sysctls go; the name sorts late so it overrides distribution defaults. */
    public static final String SYSCTL_FILE = "/etc/sysctl.d/90-drophound.conf";

    public static Remediation sysctl(String name, long value, String why, String cost) {
        return new Remediation("sysctl -w " + name + "=" + value, why,
                "add the line \"" + name + " = " + value + "\" to " + SYSCTL_FILE + ", then run: sysctl --system",
                cost);
    }

    public static Remediation sysctl(String name, String value, String why, String cost) {
        return new Remediation("sysctl -w " + name + "=\"" + value + "\"", why,
                "add the line \"" + name + " = " + value + "\" to " + SYSCTL_FILE + ", then run: sysctl --system",
                cost);
    }

    /** {@code ethtool -G IF rx N} and the three ways distributions keep it. */
    public static Remediation ring(String iface, long rx, String why) {
        String persistent = "NetworkManager: nmcli connection modify <connection of " + iface + "> ethtool.ring-rx " + rx
                + " (then nmcli connection up it); systemd-networkd: a .link file, e.g. /etc/systemd/network/10-"
                + iface + ".link with [Match] OriginalName=" + iface + " and [Link] RxBufferSize=" + rx
                + "; otherwise a udev rule in /etc/udev/rules.d/70-" + iface + "-ring.rules: "
                + "ACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"" + iface + "\", RUN+=\"/usr/sbin/ethtool -G " + iface
                + " rx " + rx + "\"";
        return new Remediation("ethtool -G " + iface + " rx " + rx, why, persistent,
                "more memory per RX queue (" + rx + " descriptors x the buffer size, about " + Words.bytes(rx * 2048L)
                        + " per queue with 2 KiB buffers) and more queueing latency under overload; on many drivers "
                        + "the change resets the link for a moment");
    }
}
