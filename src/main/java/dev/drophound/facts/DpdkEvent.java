package dev.drophound.facts;

import java.util.Objects;

/**
 * One line of an ovs-vswitchd log or of a DPDK application's output (testpmd, VPP, custom apps: EAL lines on
 * stderr) that says something about DPDK start-up or DPDK memory. The parser classifies the message; the numbers it
 * carries are in the fields (null when the message does not print them). {@code text} is the message as printed
 * after the log prefix ({@code 2018-...|00042|netdev_dpdk|ERR|}, syslog and journal prefixes).
 *
 * @param kind      what the line says
 * @param program   {@code ovs-vswitchd}, {@code testpmd}, or the application name when the output shows it, else null
 * @param time      when, if the line is timestamped, else null
 * @param module    OVS module ({@code dpdk}, {@code netdev_dpdk}, {@code dpif_netdev}, {@code bridge}), null for
 *                  application output
 * @param level     OVS level ({@code EMER}, {@code ERR}, {@code WARN}, {@code INFO}, {@code DBG}) or null
 * @param thread    OVS thread tag ({@code pmd91} from {@code dpdk(pmd91)}), else null
 * @param port      port / netdev name ({@code dpdk0}, {@code vhu0}) or DPDK port id as printed, else null
 * @param socket    NUMA socket / node the line names, else null
 * @param mtu       MTU the line names, else null
 * @param mbufs     mbuf count (requested, allocated, or the pool's n=), else null
 * @param retryMbufs for {@link Kind#MEMPOOL_RETRY}: the smaller count OVS tries next, else null
 * @param mbufSize  mbuf (data room) size in bytes as printed ({@code of size 2176}, testpmd {@code size=2176}), else null
 * @param requestedMb memory requested in MB ({@code Requested: 2048MB}), else null
 * @param availableMb memory available in MB ({@code available: 512MB}), else null
 * @param pageSizeKb hugepage size in kB the line names ({@code of size 2097152} = 2048, {@code 1048576 kB}), else null
 * @param pages     number of hugepages the line names, else null
 * @param pool      mempool name as printed ({@code ovs_mp_2030_0_262144}, {@code ovsc5a50bce00093260016384},
 *                  {@code mb_pool_0}), else null
 * @param error     error text as printed ({@code Cannot allocate memory}, {@code Permission denied}), else null
 */
public record DpdkEvent(Kind kind, String program, LogTime time, String module, String level, String thread,
        String port, Integer socket, Integer mtu, Long mbufs, Long retryMbufs, Long mbufSize, Long requestedMb, Long availableMb,
        Long pageSizeKb, Long pages, String pool, String error, String text, Span span) implements Fact {

    public DpdkEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    /** What a DPDK or OVS log line says. The example after each is a real line's message part. */
    public enum Kind {
        /** {@code Using DPDK 22.11.11}, {@code DPDK 17.11.0}: text holds the version. */
        DPDK_VERSION,
        /** {@code ovs-vswitchd (Open vSwitch) 3.1.0}, {@code ovs-vswitchd-dpdk (Open vSwitch) 3.1.0}. */
        OVS_VERSION,
        /** {@code EAL ARGS: ovs-vswitchd -c 0x1 --socket-mem 4096,4096}: text holds the arguments. */
        EAL_ARGS,
        /** {@code EAL: Detected NUMA nodes: 1}, {@code EAL: Detected 2 NUMA nodes}: pages holds the count (socket null). */
        NUMA_NODES,
        /** {@code EAL: 256 hugepages of size 2097152 reserved, but no mounted hugetlbfs found for that size}. */
        HUGEPAGES_NOT_MOUNTED,
        /** {@code EAL: No free 2048 kB hugepages reported on node 0}. */
        NO_FREE_HUGEPAGES,
        /** {@code EAL: Cannot get hugepage information.} (also the {@code EAL: FATAL:} copy). */
        HUGEPAGE_INFO_FAILED,
        /** {@code EAL: Not enough memory available on socket 0! Requested: 2048MB, available: 512MB}, and without "on socket". */
        NOT_ENOUGH_MEMORY,
        /** {@code EAL: invalid parameters for --socket-mem}. */
        INVALID_SOCKET_MEM,
        /** {@code EAL: Cannot init memory}. */
        MEMORY_INIT_FAILED,
        /** {@code Unable to initialize DPDK: Permission denied}, {@code Cannot init EAL (Permission denied)},
         *  {@code Cause: Cannot init EAL: Cannot allocate memory}: error holds the errno text. */
        INIT_FAILED,
        /** {@code DPDK Enabled - initialized}, or an application's successful EAL start when it prints one. */
        INITIALIZED,
        /** {@code Per port memory for DPDK devices disabled.} / {@code enabled.}: text tells which. */
        MEMORY_MODEL,
        /** {@code RING: Cannot reserve memory}. */
        RING_NO_MEMORY,
        /** {@code Port dpdk0: Requesting a mempool of 262144 mbufs of size 2176 on socket 0 for 1 Rx and 2 Tx queues}. */
        MEMPOOL_REQUEST,
        /** {@code Failed to create mempool "X" with a request of 262144 mbufs, retrying with 131072 mbufs}: mbufs = the
         *  failed request, retryMbufs = the next one. */
        MEMPOOL_RETRY,
        /** {@code Failed to create mempool "X" with a request of 8192 mbufs} with no retry: the last attempt. */
        MEMPOOL_GAVE_UP,
        /** {@code Allocated "ovs_mp_2030_0_262144" mempool with 262144 mbufs}. */
        MEMPOOL_ALLOCATED,
        /** {@code Reusing mempool "X"}. */
        MEMPOOL_REUSED,
        /** {@code Freeing mempool "X"}. */
        MEMPOOL_FREED,
        /** {@code Failed to create memory pool for netdev dpdk0, with MTU 9000 on socket 0: Cannot allocate memory}. */
        PORT_MEMPOOL_FAILED,
        /** {@code Failed to set interface dpdk0 new configuration}. */
        PORT_RECONFIGURE_FAILED,
        /** {@code bridge br0: added interface dpdk0 on port 1}. */
        PORT_ADDED,
        /** {@code bridge br0: deleted interface dpdk0 on port 1}. */
        PORT_DELETED,
        /** {@code PMD: ixgbe_alloc_rx_queue_mbufs(): RX mbuf alloc failed queue_id=0}. */
        RX_MBUF_ALLOC_FAILED,
        /** {@code Could not alloc mbuf for queue:0}. */
        QUEUE_MBUF_ALLOC_FAILED,
        /** {@code Unable to start rxtx queues}. */
        RXTX_START_FAILED,
        /** {@code Interface dpdk0 start error: Input/output error}. */
        INTERFACE_START_ERROR,
        /** {@code VHOST_DATA: Failed to allocate memory for mbuf.} (thread usually {@code pmdNN}). */
        VHOST_MBUF_ALLOC_FAILED,
        /** testpmd {@code create a new mbuf pool <mb_pool_0>: n=155456, size=2176, socket=0}. */
        APP_POOL_REQUEST,
        /** {@code Cause: Creation of mbuf pool for socket 0 failed: Cannot allocate memory}. */
        APP_POOL_FAILED,
        /** {@code EAL: Error - exiting with code: 1} with its {@code Cause:} line when that is not one of the above
         *  ({@code Cause: rte_zmalloc(32 struct rte_port) failed}): error holds the cause. */
        APP_EXIT,
        /** {@code fork child died before signaling startup (killed (Bus error), core dumped)}: error holds the signal. */
        DAEMON_DIED,
        /** {@code DPDK not supported in this copy of Open vSwitch.}: dpdk-init=true given to a build without DPDK. */
        DPDK_NOT_SUPPORTED
    }
}
