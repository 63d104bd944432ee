package dev.drophound.facts;

/** {@code ethtool -i IF} (or sysfs): which driver runs the interface. Fields are null when not printed. */
public record DriverInfo(String iface, String driver, String version, String firmware, String busInfo, Span span)
        implements Fact {
}
