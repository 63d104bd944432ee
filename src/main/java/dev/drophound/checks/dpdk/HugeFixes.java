package dev.drophound.checks.dpdk;

import dev.drophound.findings.Remediation;

/** The commands that give DPDK memory: reserve hugepages, mount hugetlbfs, set OVS's socket-mem. */
final class HugeFixes {

    private HugeFixes() {
    }

    /** Reserve {@code pages} pages of a size in all (not "more"), on a node or system-wide. */
    static Remediation reserve(Integer node, long pageKb, long pages, String why) {
        String size = OvsState.pageName(pageKb);
        String persistent = pageKb >= 1024 * 1024
                ? "1 GB pages are best reserved at boot: kernel command line default_hugepagesz=1G hugepagesz=1G "
                        + "hugepages=" + pages + (node != null ? " (per node on newer kernels: hugepages=" + node + ":"
                        + pages + ")" : "")
                : (node == null
                        ? "vm.nr_hugepages = " + pages + " in /etc/sysctl.d/90-hugepages.conf, or hugepagesz="
                                + OvsState.pageArg(pageKb) + " hugepages=" + pages + " on the kernel command line"
                        : "the same echo from a boot-time unit, or on the kernel command line hugepagesz="
                                + OvsState.pageArg(pageKb) + " hugepages=" + node + ":" + pages
                                + " (per-node form of newer kernels); vm.nr_hugepages spreads pages over all nodes");
        return new Remediation("echo " + pages + " > " + OvsState.reservePath(node, pageKb), why, persistent,
                pages + " x " + size + " = " + dev.drophound.checks.Words.bytes(pages * pageKb * 1024)
                        + " taken from normal memory" + (node != null ? " on node " + node : "")
                        + "; reserving can fall short when memory is fragmented (check nr_hugepages after)");
    }

    static Remediation mount(long pageKb) {
        String dir = pageKb >= 1024 * 1024 ? "/dev/hugepages1G" : "/dev/hugepages";
        String arg = OvsState.pageArg(pageKb);
        return new Remediation("mkdir -p " + dir + " && mount -t hugetlbfs -o pagesize=" + arg + " nodev " + dir,
                "DPDK (without --in-memory) finds hugepages of a size only through a hugetlbfs mounted for that size",
                "/etc/fstab: nodev " + dir + " hugetlbfs pagesize=" + arg + " 0 0 (systemd mounts /dev/hugepages "
                        + "itself for the default size)", null);
    }

    /** OVS's socket-mem, as a list "4096,0". */
    static Remediation socketMem(String list, String why) {
        return new Remediation("ovs-vsctl --no-wait set Open_vSwitch . other_config:dpdk-socket-mem=" + list, why,
                "kept in the OVS database; takes effect when ovs-vswitchd restarts (systemctl restart "
                        + "openvswitch-switch), and needs that many hugepages reserved on each node",
                "the hugepage memory is taken at start-up whether ports use it or not");
    }

    /** Round MB up to a whole GB, the way socket-mem is usually given. */
    static long roundGb(long mb) {
        return (mb + 1023) / 1024 * 1024;
    }
}
