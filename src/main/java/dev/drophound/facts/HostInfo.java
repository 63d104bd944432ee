package dev.drophound.facts;

/**
 * What the evidence says about the host: kernel release ({@code uname -r}, {@code uname -a},
 * {@code /proc/version}), host name, distribution ({@code /etc/os-release}, {@code /etc/redhat-release}).
 * Fields are null when not given.
 */
public record HostInfo(String kernelRelease, String hostname, String os, Span span) implements Fact {
}
