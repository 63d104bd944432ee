package dev.drophound.facts;

import java.util.Objects;

/**
 * A DPDK mempool as {@code rte_mempool_dump} prints it ({@code ovs-appctl netdev-dpdk/get-mempool-info [port]},
 * {@code dpdk-proc-info --mempool}, testpmd {@code dump_mempool}): {@code mempool <name>@0x...}, {@code size=},
 * {@code populated_size=}, {@code elt_size=}, {@code socket_id=}, {@code avail_count=} / {@code in_use_count=}
 * (null when not printed).
 *
 * @param port     the port the dump was asked for ({@code dpdk0}), from the command, else null
 * @param size     number of elements (mbufs)
 * @param eltSize  bytes per element as the pool lays it out (header + data room + private area)
 * @param totalBytes {@code size x (header_size + elt_size + trailer_size)} when printed, else size x eltSize
 */
public record DpdkMempool(String name, String port, Integer socket, Long size, Long populatedSize, Long eltSize,
        Long headerSize, Long trailerSize, Long totalBytes, Long availCount, Long inUseCount, Span span)
        implements Fact {

    public DpdkMempool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }
}
