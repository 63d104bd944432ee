package dev.drophound.facts;

/**
 * Canonical names of interface counters: the kernel's {@code rtnl_link_stats64} / sysfs
 * {@code /sys/class/net/IF/statistics/*} names where a format gives the kernel field itself, and two
 * composite names for the columns {@code /proc/net/dev} sums up (and {@code ifconfig} and {@code netstat -i},
 * which read {@code /proc/net/dev}, repeat).
 */
public final class IfStat {
    private IfStat() {
    }

    public static final String RX_PACKETS = "rx_packets";
    public static final String RX_BYTES = "rx_bytes";
    public static final String RX_ERRORS = "rx_errors";
    /** Frames the driver or the core stack dropped after receiving them (no buffer, unknown protocol, ...). */
    public static final String RX_DROPPED = "rx_dropped";
    /** Frames the NIC could not put into the RX ring (ring full, host too slow to refill). */
    public static final String RX_MISSED = "rx_missed_errors";
    public static final String RX_FIFO = "rx_fifo_errors";
    public static final String RX_OVER = "rx_over_errors";
    public static final String RX_CRC = "rx_crc_errors";
    public static final String RX_FRAME = "rx_frame_errors";
    public static final String RX_LENGTH = "rx_length_errors";
    public static final String RX_NOHANDLER = "rx_nohandler";
    public static final String MULTICAST = "multicast";
    /**
     * {@code /proc/net/dev} "drop" = rx_dropped + rx_missed_errors (kernel dev_seq_printf_stats);
     * {@code ifconfig} "RX ... dropped" and {@code netstat -i} "RX-DRP" print the same sum.
     */
    public static final String RX_DROPPED_AND_MISSED = "rx_dropped+missed";
    /**
     * {@code /proc/net/dev} "frame" = rx_length_errors + rx_over_errors + rx_crc_errors + rx_frame_errors;
     * {@code ifconfig} "frame" is the same sum.
     */
    public static final String RX_FRAME_ALL = "rx_length+over+crc+frame";

    public static final String TX_PACKETS = "tx_packets";
    public static final String TX_BYTES = "tx_bytes";
    public static final String TX_ERRORS = "tx_errors";
    public static final String TX_DROPPED = "tx_dropped";
    public static final String TX_FIFO = "tx_fifo_errors";
    public static final String TX_CARRIER = "tx_carrier_errors";
    public static final String TX_ABORTED = "tx_aborted_errors";
    public static final String TX_WINDOW = "tx_window_errors";
    public static final String TX_HEARTBEAT = "tx_heartbeat_errors";
    public static final String COLLISIONS = "collisions";
    /** {@code /proc/net/dev} "carrier" = carrier + aborted + window + heartbeat errors. */
    public static final String TX_CARRIER_ALL = "tx_carrier+aborted+window+heartbeat";
}
