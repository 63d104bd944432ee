package dev.drophound.facts;

import java.util.Map;
import java.util.Objects;

/**
 * A mounted filesystem from {@code /proc/mounts}, {@code /proc/self/mountinfo}, {@code mount} or
 * {@code findmnt}: what DPDK needs to find a hugetlbfs mount per page size. Options as printed, split at commas
 * ({@code pagesize=2M} -> key pagesize, value 2M; a flag like {@code rw} -> value "").
 */
public record MountEntry(String device, String mountPoint, String fsType, Map<String, String> options, Span span)
        implements Fact {

    public MountEntry {
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(fsType, "fsType");
        options = Map.copyOf(options);
        Objects.requireNonNull(span, "span");
    }
}
