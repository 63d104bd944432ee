package dev.drophound.checks.dpdk;

/**
 * How big OVS's packet buffers are, from OVS's own code and documentation
 * (Documentation/topics/dpdk/memory.rst, lib/netdev-dpdk.c) and measured on this project's real runs
 * (fixture 06: OVS 3.1.0, DPDK 22.11).
 */
final class Mbufs {

    /** OVS's largest shared mempool request (MAX_NB_MBUF); it halves on failure down to MIN_NB_MBUF. */
    static final long OVS_MAX_MBUFS = 262_144;
    static final long OVS_MIN_MBUFS = 16_384;
    /** NETDEV_MAX_BURST, for the per-port formula. */
    static final long MAX_BURST = 32;
    /**
     * Bytes each mbuf takes in a pool beyond its data room: the rte_mbuf (128), OVS's dp_packet private area (576)
     * and the mempool's object header and trailer (64 + 64). Fixture 06's rte_mempool_dump: total_obj_size 3008 for a
     * 2176-byte data room, 10176 for 9344.
     */
    static final long OVERHEAD = 832;

    private Mbufs() {
    }

    /**
     * OVS's mbuf data room for an MTU: the largest frame (MTU + Ethernet header, CRC and two VLAN tags = 26 bytes)
     * rounded up to 1 KiB, plus the 128-byte headroom (dpdk_buf_size). 1500 -> 2176, 9000 -> 9344.
     */
    static long bufSize(int mtu) {
        long frame = mtu + 26L;
        return (frame + 1023) / 1024 * 1024 + 128;
    }

    /** Bytes a pool of {@code n} mbufs of data room {@code size} takes. */
    static long poolBytes(long n, long size) {
        return n * (size + OVERHEAD);
    }

    /**
     * The per-port model's mbuf count (other_config:per-port-memory=true), as OVS documents it:
     * n_rxq x rxq_size + n_txq x txq_size + min(RTE_MAX_LCORE, n_rxq) x NETDEV_MAX_BURST + MIN_NB_MBUF.
     */
    static long perPort(long nRxq, long rxqSize, long nTxq, long txqSize) {
        return nRxq * rxqSize + nTxq * txqSize + Math.min(128, nRxq) * MAX_BURST + OVS_MIN_MBUFS;
    }

    /** MiB rounded up, for socket-mem values. */
    static long mib(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }

    /**
     * What an OVS mempool name says: {@code ovs_mp_2030_0_262144} (OVS 2.9: frame room, socket, mbufs) and
     * {@code ovsc5a50bce00093260016384} (OVS 2.10+: "ovs", 8 hex digits of hash, 2 digits socket, 5 digits
     * MTU-equivalent frame room, 7 digits mbufs). Null when the name is neither.
     */
    record PoolName(int frameRoom, int socket, long mbufs) {
        static PoolName decode(String name) {
            if (name == null) {
                return null;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ovs_mp_(\\d+)_(\\d+)_(\\d+)(?:_\\d+)?")
                    .matcher(name);
            if (m.matches()) {
                return new PoolName(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Long.parseLong(m.group(3)));
            }
            m = java.util.regex.Pattern.compile("ovs[0-9a-f]{8}(\\d{2})(\\d{5})(\\d{7})").matcher(name);
            if (m.matches()) {
                return new PoolName(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)),
                        Long.parseLong(m.group(3)));
            }
            return null;
        }
    }
}
