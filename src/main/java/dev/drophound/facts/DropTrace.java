package dev.drophound.facts;

import java.util.Objects;

/**
 * What a drop trace recorded: the kernel's {@code skb:kfree_skb} events as tracefs, {@code perf script},
 * {@code dropwatch} or bcc {@code tcpdrop} printed them. A trace has thousands of identical lines, so its parser
 * aggregates while reading: one {@link Tally} per kind of drop, one {@link Destination} per address the kernel
 * named when a delivery failed, and one {@link Window} per trace.
 *
 * <p>Counts are events in the trace's own window, never counters since boot: these facts carry no
 * {@link Counter}s, so they are not lined up as samples. Times are the tool's seconds (since boot for tracefs
 * and perf; wall-clock seconds of the day or epoch for dropwatch and tcpdrop); only their differences mean
 * something.
 */
public sealed interface DropTrace extends Fact permits DropTrace.Tally, DropTrace.Destination, DropTrace.Window {

    /** The tool that printed the trace: {@code tracefs}, {@code perf}, {@code dropwatch}, {@code tcpdrop}. */
    String tool();

    /**
     * Drops of one kind: same reason, location and protocol.
     *
     * @param reason       the kernel's drop reason ({@code SOCKET_RCVBUFF}, enum skb_drop_reason without its
     *                     {@code SKB_DROP_REASON_} prefix); null when the kernel or tool gives none
     * @param location     the function that freed the packet ({@code udp_queue_rcv_one_skb}), or the raw address
     *                     ({@code 0xffffffff8175a05c}) when the tool printed no symbol
     * @param offset       what followed the symbol, as printed ({@code +0x437/0x4c0}, {@code +0x437},
     *                     {@code +207}); null when none. Of the group's first event
     * @param protocol     the ethertype as the kernel printed it (2048 IPv4, 34525 IPv6, 2054 ARP); null if absent
     * @param where        the first frames of the call stack that are not kfree_skb helpers, innermost first
     *                     ({@code udp_queue_rcv_one_skb < udp_unicast_rcv_skb < ip_protocol_deliver_rcu}), from
     *                     the group's first event; null when the trace has no stacks
     * @param count        drops in the group
     * @param firstSeconds time of the first drop, null when the tool prints none
     * @param span         the line of the group's first event
     */
    record Tally(String tool, String reason, String location, String offset, Integer protocol, String where,
            long count, Double firstSeconds, Double lastSeconds, Span span) implements DropTrace {

        public Tally {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(span, "span");
        }

        /**
         * The function the drop happened in: the location, or when the tool printed only an address, the
         * innermost stack frame that is not a kfree_skb helper; null if neither is known.
         */
        public String site() {
            if (!location.startsWith("0x")) {
                return location;
            }
            if (where == null) {
                return null;
            }
            int end = where.indexOf(" < ");
            return end < 0 ? where : where.substring(0, end);
        }
    }

    /**
     * An address the kernel named when it failed to deliver packets: {@code udp_fail_queue_rcv_skb} (a UDP
     * socket's queue refused the datagram: rc -12 ENOMEM for a full receive buffer, -105 ENOBUFS for udp_mem)
     * or {@code icmp_send} type 3 code 3 (port unreachable: no socket).
     *
     * @param event   {@code udp_fail_queue_rcv_skb} or {@code icmp_send}
     * @param family  {@code AF_INET}, {@code AF_INET6}; null when not printed (older kernels)
     * @param address the destination as printed: {@code 127.0.0.1:47001}, {@code [::1]:47002}, or just the port
     *                ({@code 47001}) on kernels that print {@code port=}
     * @param rc      the queueing error for udp_fail_queue_rcv_skb, null for icmp_send
     */
    record Destination(String tool, String event, String family, String address, Integer rc, long count,
            Double firstSeconds, Double lastSeconds, Span span) implements DropTrace {

        public Destination {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(span, "span");
        }
    }

    /**
     * The trace as a whole, also when it holds no drop at all (an idle host: the proof that it was looked at).
     *
     * @param events       event records read
     * @param drops        of them, drops (kfree_skb and what dropwatch/tcpdrop report); dropwatch summary lines
     *                     count their N
     * @param consumed     {@code consume_skb} events: packets freed after normal use, never a loss
     * @param otherEvents  events of other tracepoints in the same trace (icmp_send, sock_rcvqueue_full, ...)
     * @param lostEvents   events the tracing buffer overwrote or lost ({@code entries-written} above
     *                     {@code entries-in-buffer}, {@code [LOST N EVENTS]}): the counts are then a minimum
     * @param firstSeconds time of the first event, null if none or not printed
     * @param span         the line that shows what the trace is (its header, or its first line)
     */
    record Window(String tool, long events, long drops, long consumed, long otherEvents, long lostEvents,
            Double firstSeconds, Double lastSeconds, Span span) implements DropTrace {

        public Window {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(span, "span");
        }

        /** Seconds from the first to the last event, null when unknown or zero. */
        public Double seconds() {
            if (firstSeconds == null || lastSeconds == null || lastSeconds <= firstSeconds) {
                return null;
            }
            return lastSeconds - firstSeconds;
        }
    }
}
