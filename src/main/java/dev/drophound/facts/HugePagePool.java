package dev.drophound.facts;

import java.util.Objects;

/**
 * Hugepages of one size, system-wide or on one NUMA node: {@code /sys/kernel/mm/hugepages/hugepages-2048kB/*},
 * {@code /sys/devices/system/node/node0/hugepages/hugepages-2048kB/*}, {@code dpdk-hugepages.py -s} (its {@code Node
 * Pages Size Total} table), the {@code HugePages_*} lines of /proc/meminfo or a node's meminfo. Counts are pages;
 * null when the source does not print them (dpdk-hugepages.py prints no free count; node sysfs has no resv).
 *
 * @param node       NUMA node, or null for the system-wide pool
 * @param pageSizeKb page size in kB (2048, 1048576)
 * @param total      nr_hugepages / HugePages_Total
 * @param free       free_hugepages / HugePages_Free
 * @param reserved   resv_hugepages / HugePages_Rsvd (promised to a mapping, not yet faulted in)
 * @param surplus    surplus_hugepages / HugePages_Surp
 */
public record HugePagePool(Integer node, long pageSizeKb, Long total, Long free, Long reserved, Long surplus,
        Span span) implements Fact {

    public HugePagePool {
        Objects.requireNonNull(span, "span");
    }
}
