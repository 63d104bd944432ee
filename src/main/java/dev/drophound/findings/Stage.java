package dev.drophound.findings;

/**
 * Where along the Linux receive path (and beyond it) a finding is, in the order packets pass.
 * The verdict names the first stage that lost packets.
 */
public enum Stage {
    NIC("nic", "the NIC and its RX ring"),
    FRAMES("frames", "malformed frames"),
    BACKLOG("backlog", "the per-CPU backlog"),
    FIREWALL("firewall", "the firewall (netfilter, tc and BPF filters)"),
    PROTOCOL("protocol", "the IP/TCP/UDP layer"),
    SOCKET("socket", "the socket receive buffer"),
    EGRESS("egress", "the egress path (qdisc, send buffers)"),
    HOST("host", "the host"),
    /** Not a place packets pass: where memory goes (kernel slab, processes, hugepages) and why it runs out. */
    MEMORY("memory", "memory"),
    /** Not on the kernel's path either: DPDK and OVS-DPDK memory (hugepages, EAL, mbuf pools) in user space. */
    DPDK("dpdk", "DPDK memory (hugepages, mbuf pools)"),
    /** Cisco StarOS VPC-DI: iftask's KNI pools and the DI network between its cards. */
    STAROS("staros", "StarOS (KNI pools, DI network)");

    private final String id;
    private final String where;

    Stage(String id, String where) {
        this.id = id;
        this.where = where;
    }

    /** Stable JSON id. */
    public String id() {
        return id;
    }

    /** False for the stages that say where memory went rather than where packets were lost. */
    public boolean onPacketPath() {
        return this != MEMORY && this != DPDK && this != STAROS;
    }

    /** For sentences: "Packets are lost at {where}". */
    public String where() {
        return where;
    }
}
