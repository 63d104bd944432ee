package dev.drophound.checks.rx;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a driver's {@code ethtool -S} counter means for the receive path. Drivers name the same thing
 * differently (igb rx_no_buffer_count, mlx5 rx_out_of_buffer, sfc port_rx_nodesc_drops, vmxnet3 "pkts rx OOB");
 * the names here are the ones real captures print (testdata/fixtures/public/ethtool).
 */
final class DriverCounters {

    enum Kind {
        /** The host did not refill RX descriptors fast enough: the ring was full. */
        RING_FULL,
        /** The NIC's own buffer or FIFO overflowed before DMA (bus/PCIe, pause frames, port buffer). */
        NIC_BUFFER,
        /** The driver could not allocate memory for receive buffers. */
        ALLOC_FAIL,
        /** Damaged or malformed frames: CRC/FCS, alignment, length, jabber, runts. */
        MALFORMED,
        /** Checksum errors found by the NIC. */
        CHECKSUM,
        /** Dropped on purpose by an XDP program. */
        XDP,
        /** Dropped by a policy outside the host's control (cloud allowance, steering rule). */
        POLICY,
        /** Dropped by the driver or core, reason not specific. */
        DROPPED
    }

    record Meaning(Kind kind, boolean perQueue, String base) {
    }

    /** Per-queue name prefixes/suffixes: rx_queue_0_drops, rx0_buff_alloc_err, [0]: rx_discards, queue_0_rx_..., rxq0_. */
    private static final Pattern PER_QUEUE = Pattern.compile(
            "^(?:\\[\\d+\\]:\\s*|rx_queue_\\d+_|queue_\\d+_|rx\\d+_|rxq\\d+_|q\\d+_)(.*)$");

    private record Rule(Kind kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(null, Pattern.compile("^tx|_tx_|^(fdir_miss|fdir_match|dropped_smbus|rx_pp_.*|pp_.*)$|tx discard|tx err|dropped tx")),
            new Rule(Kind.XDP, Pattern.compile("xdp_drops?$|xdp_tx_err|xdp_redirect_err|xdp drop|xdp_bad_drops")),
            new Rule(Kind.POLICY, Pattern.compile("allowance_exceeded$|^rx_steer_missed_packets$|^eth_red_drops$|mf_tag_discard")),
            new Rule(Kind.ALLOC_FAIL, Pattern.compile("alloc_rx_buff_failed|alloc_rx_page_failed|alloc_fail|alloc_err"
                    + "|alloc_discard|^rx_pg_alloc_fail$|rx buf alloc fail|oom_discards|noskb_drops|dma_mapping_err")),
            new Rule(Kind.CHECKSUM, Pattern.compile("csum|checksum|chksum")),
            new Rule(Kind.MALFORMED, Pattern.compile("crc|fcs|frame_errors|frame errors|length_errors|length_errs|align"
                    + "|jabber|undersize|oversize|fragments|symbol|runt|too_short|too_long|too_small|range_errors"
                    + "|range_len|mtu_err|header_too_small|tcp_length|frame_too_long|length_err|ip_err_discards")),
            new Rule(Kind.NIC_BUFFER, Pattern.compile("^rx_fifo_errors$|^rx_over_errors$|overflow|^rx_discards_phy$"
                    + "|^rx_prio\\d+_discards$|^rx_discard_packets_cos\\d+$|brb_discard|brb_truncate|^port\\.rx_dropped$"
                    + "|^rx_dropped\\.nic$|\\[hw\\] rx discarded frames|pm_discard|^veb\\.rx_discards$")),
            new Rule(Kind.RING_FULL, Pattern.compile("^rx_missed_errors$|^rx_missed$|no_buffer|no_dma_resources"
                    + "|out_of_buffer|nodesc|no_erx_descr|no_pbuf|no_tpre_descr|pkts rx oob|nobuffer discards"
                    + "|no_buff_discard|rxbds_empty|^rx_discards$|ring_discards|^rx_total_discard_pkts$"
                    + "|^rx_stat_discard$|^rx_fw_discards$")),
            new Rule(Kind.DROPPED, Pattern.compile("^rx_dropped$|^rx_drops$|^drops$|drv dropped rx|^rx_discards?$")));

    /** Drivers whose per-queue "drops" count packets dropped for want of a descriptor (Intel RQDPC). */
    private static final Pattern RING_QUEUE_DROP_DRIVERS = Pattern.compile("^(igb|igc|e1000e|ixgbe|ixgbevf)$");

    static Optional<Meaning> classify(String driver, String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        boolean perQueue = false;
        Matcher q = PER_QUEUE.matcher(n);
        if (q.matches()) {
            perQueue = true;
            n = q.group(1);
            if (!n.startsWith("rx") && !n.contains("rx")) {
                n = "rx_" + n; // rx_queue_0_drops -> drops -> rx_drops
            }
        }
        if (!n.contains("rx") && !n.startsWith("[hw]") && !n.startsWith("[mac]") && !n.startsWith("port")
                && !n.contains("allowance") && !n.startsWith("eth_red") && !n.equals("drops")) {
            return Optional.empty();
        }
        if (perQueue && n.equals("rx_drops") && driver != null && RING_QUEUE_DROP_DRIVERS.matcher(driver).matches()) {
            return Optional.of(new Meaning(Kind.RING_FULL, true, n));
        }
        for (Rule r : RULES) {
            if (r.pattern().matcher(n).find()) {
                return r.kind() == null ? Optional.empty() : Optional.of(new Meaning(r.kind(), perQueue, n));
            }
        }
        return Optional.empty();
    }

    private DriverCounters() {
    }
}
