package dev.drophound.checks.trace;

import dev.drophound.facts.DropTrace;
import dev.drophound.findings.Stage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a traced drop means: the kernel's drop reason (enum skb_drop_reason, include/net/dropreason-core.h of
 * 6.x, printed without its {@code SKB_DROP_REASON_} prefix) mapped to a stage and a kind; for kernels or tools
 * that give no reason, the function that dropped (the location) mapped the same way and marked as inferred; and
 * the benign noise every host has.
 */
final class DropCauses {
    private DropCauses() {
    }

    /** How a cause is judged. */
    enum Kind {
        /** Packets lost to a limit or a fault: buffers, queues, memory, malformed input. */
        LOSS,
        /** Nobody listens: the sender's or the service's problem; at most a warning. */
        NO_LISTENER,
        /** A rule dropped it on purpose (firewall, tc, LSM): a warning, never critical. */
        FILTERED,
        /** The protocol doing its job (old TCP duplicates, a socket closed with unread data): information. */
        ROUTINE,
        /** Benign drops every host sees: information, not a loss. */
        NOISE,
        /** The kernel did not say why and the location does not tell: information. */
        UNEXPLAINED
    }

    /** Which remediation applies. */
    enum Fix { NONE, SOCKET_BUFFER, SOCKET_MEMORY, LISTENER, BACKLOG, QDISC, NEIGHBOUR, FIREWALL, RING, MEMORY, FRAMES, ROUTE }

    /**
     * @param key      groups drops into one finding: the reason, or the site when inferred or noise
     * @param label    how the finding's title names it: {@code SOCKET_RCVBUFF}, {@code NO_SOCKET at ping_rcv},
     *                 {@code __udp4_lib_rcv, no reason}
     * @param phrase   how its summary says it after "N drops": {@code with reason SOCKET_RCVBUFF},
     *                 {@code at __udp4_lib_rcv (no reason given)}
     * @param meaning  a short phrase: "socket receive buffer full"
     * @param why      one or two sentences for the explanation
     * @param inferred true when the kernel gave no reason and the stage comes from the location
     */
    record Cause(String key, String label, String phrase, Stage stage, Kind kind, Fix fix, String meaning, String why, boolean inferred) {
    }

    private record Entry(Stage stage, Kind kind, Fix fix, String meaning, String why) {
    }

    private static final Map<String, Entry> REASONS = new HashMap<>();
    private static final Map<String, Entry> SITES = new HashMap<>();

    private static void reason(Stage stage, Kind kind, Fix fix, String meaning, String why, String... names) {
        for (String n : names) {
            REASONS.put(n, new Entry(stage, kind, fix, meaning, why));
        }
    }

    private static void site(Stage stage, Kind kind, Fix fix, String meaning, String why, String... names) {
        for (String n : names) {
            SITES.put(n, new Entry(stage, kind, fix, meaning, why));
        }
    }

    private static final String RCVBUF_WHY = "The receiving socket's buffer (SO_RCVBUF, capped by net.core.rmem_max) was "
            + "full: the application does not read as fast as packets arrive, or its buffer is too small for the bursts.";
    private static final String QDISC_WHY = "The egress queueing discipline dropped the packet: its queue was full, the "
            + "flow was over its limit, or active queue management chose it. A shaper (tbf, htb, cake) drops by design "
            + "when the offered load is above its rate. Interface counters do not show these drops.";
    private static final String NEIGH_WHY = "The next hop's link-layer address could not be resolved (ARP or IPv6 "
            + "neighbour discovery got no answer: the peer is down or unreachable), or too many packets waited for "
            + "it (net.ipv4.neigh.*.unres_qlen_bytes). Only /proc/net/stat/arp_cache unresolved_discards counts these.";
    private static final String FRAMES_WHY = "The packet was malformed: a bad checksum, a truncated or invalid header. "
            + "Usually a faulty link, NIC or sender; sometimes checksum offload confusion on virtual devices.";
    private static final String FIREWALL_WHY = "A rule dropped the packet on purpose. If the ruleset is meant to drop "
            + "this traffic all is well; if not, the rule is what loses it. Counters per rule show which one.";
    private static final String TCP_ROUTINE_WHY = "TCP discards segments as part of its normal work: old duplicates "
            + "after a retransmission, segments outside the window, resets, segments for closed connections. A few are "
            + "normal; a steady stream points at a peer or middlebox problem, not at a buffer on this host.";
    private static final String CLOSE_WHY = "A socket was closed or its queue purged with data still in it: the "
            + "application went away without reading. Not a network loss.";

    static {
        reason(Stage.SOCKET, Kind.LOSS, Fix.SOCKET_BUFFER, "socket receive buffer full", RCVBUF_WHY,
                "SOCKET_RCVBUFF", "SOCKET_RCVBUF");
        reason(Stage.SOCKET, Kind.LOSS, Fix.SOCKET_BUFFER, "socket backlog full", "The socket's backlog (used while "
                + "the application holds the socket) was full: receive buffer and send buffer together were exceeded.",
                "SOCKET_BACKLOG");
        reason(Stage.SOCKET, Kind.LOSS, Fix.SOCKET_MEMORY, "protocol memory limit reached", "The protocol's memory "
                + "limit (net.ipv4.udp_mem or tcp_mem, in pages, for all sockets together) was reached: every socket of "
                + "that protocol loses packets, not one slow reader.", "PROTO_MEM");
        reason(Stage.SOCKET, Kind.LOSS, Fix.SOCKET_BUFFER, "packet socket could not take the packet", "An AF_PACKET "
                + "socket (a capture tool, DHCP client, LLDP agent) could not queue the packet: its receive buffer was "
                + "full because it does not read fast enough. Only half of such drops are traced (shared packets are "
                + "not), so /proc/net/packet or ss -0 show more.", "PACKET_SOCK_ERROR");
        reason(Stage.SOCKET, Kind.LOSS, Fix.SOCKET_BUFFER, "TCP receive window or buffer exhausted", "TCP had no room "
                + "for the data: the window was zero or the out-of-order queue had to be pruned for memory. The "
                + "application does not read fast enough or tcp_rmem is too small.",
                "TCP_ZEROWINDOW", "TCP_OFO_QUEUE_PRUNE", "TCP_OFO_DROP", "TCP_RCVBUFF");
        reason(Stage.SOCKET, Kind.LOSS, Fix.NONE, "listen queue full", "A listening socket's accept queue was full: "
                + "the application does not accept() connections fast enough, or its backlog is too small "
                + "(net.core.somaxconn).", "TCP_LISTEN_OVERFLOW");
        reason(Stage.SOCKET, Kind.ROUTINE, Fix.NONE, "socket closed or purged with data queued", CLOSE_WHY,
                "SOCKET_CLOSE", "QUEUE_PURGE", "UNIX_DISCONNECT", "UNIX_SKIP_OOB", "SOCKET_DESTROYED");
        reason(Stage.SOCKET, Kind.ROUTINE, Fix.NONE, "the socket's own filter rejected it", "A BPF filter attached "
                + "to the socket (SO_ATTACH_FILTER) rejected the packet: the application asked for it.", "SOCKET_FILTER");
        reason(Stage.PROTOCOL, Kind.NO_LISTENER, Fix.LISTENER, "no socket listens on the destination", "No socket "
                + "was bound to the destination port (or the connection no longer exists): the service is not "
                + "running, listens elsewhere, or the sender uses the wrong port. Not a buffer problem.", "NO_SOCKET");
        reason(Stage.PROTOCOL, Kind.NO_LISTENER, Fix.LISTENER, "no handler for the IP protocol", "Nothing on this "
                + "host handles that IP protocol number.", "IP_NOPROTO");
        reason(Stage.PROTOCOL, Kind.ROUTINE, Fix.NONE, "protocol not handled", "No protocol handler for the packet's "
                + "ethertype or protocol, or IPv6 is disabled: traffic this host does not speak.",
                "UNHANDLED_PROTO", "IPV6DISABLED");
        reason(Stage.PROTOCOL, Kind.NOISE, Fix.NONE, "addressed to another host", "The frame was for another host "
                + "(promiscuous mode, a bridge or a hub-like virtual switch delivered it here).",
                "OTHERHOST", "UNICAST_IN_L2_MULTICAST");
        reason(Stage.PROTOCOL, Kind.LOSS, Fix.ROUTE, "no route or invalid address", "IP input found no route for "
                + "the packet, or its source or destination address is not acceptable here (martian, local source "
                + "from outside).", "IP_INADDRERRORS", "IP_INNOROUTES", "IP_LOCAL_SOURCE", "IP_INVALID_SOURCE",
                "IP_LOCALNET", "IP_INVALID_DEST");
        reason(Stage.PROTOCOL, Kind.FILTERED, Fix.ROUTE, "reverse path filter", "The reverse path filter "
                + "(net.ipv4.conf.*.rp_filter) rejected the source address: replies would leave by another interface. "
                + "Asymmetric routing needs rp_filter=2 (loose) or 0 on that interface.", "IP_RPFILTER");
        reason(Stage.PROTOCOL, Kind.LOSS, Fix.NONE, "too big or fragment reassembly failed", "The packet was larger "
                + "than the path allows, or IP fragments could not be reassembled (duplicates, timeout, too far "
                + "apart). Check MTUs along the path.", "PKT_TOO_BIG", "DUP_FRAG", "FRAG_REASM_TIMEOUT", "FRAG_TOO_FAR");
        reason(Stage.PROTOCOL, Kind.LOSS, Fix.NONE, "TCP signature check failed", "A TCP-MD5 or TCP-AO signature was "
                + "missing, unexpected or wrong (BGP sessions use them): the keys on both ends differ.",
                "TCP_MD5NOTFOUND", "TCP_MD5UNEXPECTED", "TCP_MD5FAILURE", "TCP_AONOTFOUND", "TCP_AOUNEXPECTED",
                "TCP_AOKEYNOTFOUND", "TCP_AOFAILURE", "TCP_AUTH_HDR");
        reason(Stage.FRAMES, Kind.LOSS, Fix.FRAMES, "malformed packet", FRAMES_WHY, "PKT_TOO_SMALL", "TCP_CSUM",
                "UDP_CSUM", "IP_CSUM", "ICMP_CSUM", "SKB_CSUM", "IP_INHDR", "HDR_TRUNC", "DEV_HDR", "INVALID_PROTO",
                "IPV6_BAD_EXTHDR", "VXLAN_INVALID_HDR", "CAN_RX_INVALID_FRAME", "CANFD_RX_INVALID_FRAME",
                "CANXL_RX_INVALID_FRAME", "MAC_INVALID_SOURCE");
        reason(Stage.BACKLOG, Kind.LOSS, Fix.BACKLOG, "CPU input backlog full", "The CPU's input queue "
                + "(net.core.netdev_max_backlog packets, filled by RPS, veth, tun and netif_rx drivers) was full: that "
                + "CPU cannot keep up.", "CPU_BACKLOG");
        reason(Stage.FIREWALL, Kind.FILTERED, Fix.FIREWALL, "a netfilter rule dropped it", FIREWALL_WHY, "NETFILTER_DROP");
        reason(Stage.FIREWALL, Kind.FILTERED, Fix.FIREWALL, "a tc filter or action dropped it", FIREWALL_WHY,
                "TC_INGRESS", "TC_EGRESS", "TC_COOKIE_ERROR", "TC_CHAIN_NOTFOUND", "TC_RECLASSIFY_LOOP");
        reason(Stage.FIREWALL, Kind.FILTERED, Fix.FIREWALL, "a BPF program, LSM or IPsec policy dropped it",
                FIREWALL_WHY, "BPF_CGROUP_EGRESS", "BPF_CGROUP_INGRESS", "SECURITY_HOOK", "XFRM_POLICY");
        reason(Stage.NIC, Kind.ROUTINE, Fix.NONE, "an XDP program dropped it", "An XDP program attached to the "
                + "interface dropped the packet on purpose (DDoS filter, load balancer).", "XDP");
        reason(Stage.NIC, Kind.LOSS, Fix.RING, "device ring or queue full", "A device's ring or queue was full "
                + "(tun/tap, veth, virtual NICs): the consumer on the other side does not keep up.", "FULL_RING");
        reason(Stage.NIC, Kind.LOSS, Fix.NONE, "device not ready", "The device was down or not ready (a veth whose "
                + "peer is down, a tun without a reader).", "DEV_READY");
        reason(Stage.NIC, Kind.FILTERED, Fix.NONE, "tap filter", FIREWALL_WHY, "TAP_FILTER", "TAP_TXFILTER");
        reason(Stage.EGRESS, Kind.LOSS, Fix.QDISC, "egress qdisc dropped it", QDISC_WHY, "QDISC_DROP",
                "QDISC_OVERLIMIT", "QDISC_CONGESTED", "CAKE_FLOOD", "FQ_BAND_LIMIT", "FQ_HORIZON_LIMIT",
                "FQ_FLOW_LIMIT", "DUALPI2_STEP_DROP");
        reason(Stage.EGRESS, Kind.LOSS, Fix.NEIGHBOUR, "next hop not resolved", NEIGH_WHY, "NEIGH_CREATEFAIL",
                "NEIGH_FAILED", "NEIGH_QUEUEFULL", "NEIGH_DEAD");
        reason(Stage.EGRESS, Kind.LOSS, Fix.ROUTE, "no route to the destination", "The host has no route for the "
                + "outgoing packet.", "IP_OUTNOROUTES");
        reason(Stage.EGRESS, Kind.LOSS, Fix.NONE, "send path failure", "Segmenting (GSO) or copying the data from "
                + "the application failed, or a tunnel had no transmit information.",
                "SKB_GSO_SEG", "SKB_UCOPY_FAULT", "TUNNEL_TXINFO");
        reason(Stage.HOST, Kind.LOSS, Fix.MEMORY, "memory allocation failed", "The kernel could not allocate memory "
                + "for the packet (or had to use its emergency reserves): the host is short of memory.",
                "NOMEM", "PFMEMALLOC");

        site(Stage.SOCKET, Kind.LOSS, Fix.SOCKET_BUFFER, "socket receive buffer full", RCVBUF_WHY,
                "udp_queue_rcv_one_skb", "__udp_queue_rcv_skb", "udpv6_queue_rcv_one_skb", "__udpv6_queue_rcv_skb",
                "udp_queue_rcv_skb", "udpv6_queue_rcv_skb", "__udp_enqueue_schedule_skb", "sock_queue_rcv_skb",
                "sock_queue_rcv_skb_reason", "__sock_queue_rcv_skb", "raw_rcv_skb", "rawv6_rcv_skb", "packet_rcv",
                "tpacket_rcv", "sk_add_backlog", "tcp_add_backlog");
        site(Stage.PROTOCOL, Kind.NO_LISTENER, Fix.LISTENER, "most likely no socket on the port", "In "
                + "__udp4_lib_rcv/__udp6_lib_rcv UDP drops datagrams for ports nobody listens on; the same function "
                + "also drops datagrams with a bad checksum or a short header, which the location alone cannot tell "
                + "apart (compare Udp NoPorts and InCsumErrors).", "__udp4_lib_rcv", "__udp6_lib_rcv");
        site(Stage.PROTOCOL, Kind.ROUTINE, Fix.NONE, "TCP discarded a segment", TCP_ROUTINE_WHY,
                "tcp_v4_rcv", "tcp_v6_rcv", "tcp_v4_do_rcv", "tcp_v6_do_rcv", "tcp_rcv_state_process",
                "tcp_validate_incoming", "tcp_data_queue", "tcp_rcv_established", "tcp_drop");
        site(Stage.BACKLOG, Kind.LOSS, Fix.BACKLOG, "CPU input backlog full", "enqueue_to_backlog drops when the CPU's "
                + "input queue (net.core.netdev_max_backlog) is full.", "enqueue_to_backlog", "netif_rx_internal");
        site(Stage.EGRESS, Kind.LOSS, Fix.QDISC, "egress qdisc dropped it", QDISC_WHY, "__dev_queue_xmit",
                "dev_queue_xmit", "__dev_xmit_skb", "sch_direct_xmit", "qdisc_drop", "__qdisc_drop");
        site(Stage.EGRESS, Kind.LOSS, Fix.NEIGHBOUR, "next hop not resolved", NEIGH_WHY, "__neigh_event_send",
                "neigh_invalidate", "neigh_resolve_output", "ip_finish_output2", "ip6_finish_output2");
        site(Stage.FIREWALL, Kind.FILTERED, Fix.FIREWALL, "a netfilter rule dropped it", FIREWALL_WHY, "nf_hook_slow",
                "nft_do_chain", "ipt_do_table", "ip6t_do_table", "ebt_do_table", "nf_hook_slow_list");
        site(Stage.FIREWALL, Kind.FILTERED, Fix.FIREWALL, "a tc or BPF program dropped it", FIREWALL_WHY,
                "cls_bpf_classify", "tcf_classify", "tc_classify", "bpf_clone_redirect", "sch_handle_ingress",
                "sch_handle_egress", "tcf_action_exec");
        site(Stage.PROTOCOL, Kind.LOSS, Fix.ROUTE, "IP input: no route, martian or rejected source", "ip_rcv_finish "
                + "drops packets it cannot route (no route, martian or invalid address, reverse path filter).",
                "ip_rcv_finish", "ip_rcv_finish_core", "ip_route_input_noref", "ip_route_input_slow", "ip_forward",
                "ip6_forward");
        site(Stage.FRAMES, Kind.LOSS, Fix.FRAMES, "malformed IP header", FRAMES_WHY, "ip_rcv_core", "ip_rcv",
                "ipv6_rcv", "ip6_rcv_core");
        site(Stage.PROTOCOL, Kind.ROUTINE, Fix.NONE, "no handler for the packet's protocol", "No protocol handler "
                + "took the packet (an ethertype this host does not speak).", "__netif_receive_skb_core",
                "__netif_receive_skb");
        site(Stage.SOCKET, Kind.ROUTINE, Fix.NONE, "socket closed with data queued", CLOSE_WHY, "sk_stream_kill_queues",
                "skb_queue_purge", "skb_queue_purge_reason", "__sk_destruct", "inet_csk_destroy_sock", "tcp_close",
                "unix_stream_connect", "unix_release_sock");
        site(Stage.NIC, Kind.LOSS, Fix.RING, "a virtual device could not pass it on", "veth and tun drop when the "
                + "peer is down or its ring is full.", "veth_xmit", "tun_net_xmit", "veth_forward_skb");
        site(Stage.NIC, Kind.UNEXPLAINED, Fix.NONE, "freed on transmit completion", "net_tx_action frees packets that "
                + "drivers handed back with dev_kfree_skb_irq; a driver marking completed transmissions as drops looks "
                + "like this. Often not a loss; compare with the interface TX dropped and error counters.",
                "net_tx_action");
    }

    private static final String ICMP_ECHO_WHY = "ping using a raw socket receives its echo replies there; the "
            + "kernel's ping-socket handler (ping_rcv) also looks for a ping socket, finds none and drops its own copy "
            + "with NO_SOCKET. Every reply is counted once this way. Not a loss.";
    private static final String MULTICAST_WHY = "IPv6 multicast for a group no socket on this host joined "
            + "(neighbour discovery, MLD, mDNS of other hosts) is dropped at ip6_mc_input without a reason. Not a loss.";
    private static final String VSOCK_WHY = "vsock (host-guest) packets for a port nobody listens on; not network "
            + "traffic. Not a loss.";
    /** Free helpers named as the location: the real site is the caller, which only a stack shows. */
    private static final Pattern HELPER = Pattern.compile(
            "(?:sk_skb_reason_drop|kfree_skb\\w*|__kfree_skb\\w*|dev_kfree_skb\\w*|__dev_kfree_skb\\w*|consume_skb)");

    /** The function to judge a tally by: the innermost frame that is not a free helper, as far as known. */
    static String site(DropTrace.Tally t) {
        String site = t.site();
        if ((site == null || HELPER.matcher(site).matches()) && t.where() != null) {
            int end = t.where().indexOf(" < ");
            site = end < 0 ? t.where() : t.where().substring(0, end);
        }
        return site == null ? null : site.replaceFirst("\\.(?:isra|constprop|part|cold)\\.\\d+.*$", "");
    }

    static Cause classify(DropTrace.Tally t) {
        String reason = t.reason();
        String site = site(t);
        Cause noise = noise(reason, site);
        if (noise != null) {
            return noise;
        }
        if (reason != null && !reason.equals("NOT_SPECIFIED")) {
            Entry e = REASONS.get(reason);
            if (e == null) {
                e = byPrefix(reason);
            }
            return new Cause(reason, reason, "with reason " + reason, e.stage(), e.kind(), e.fix(), e.meaning(), e.why(),
                    false);
        }
        Entry e = site == null ? null : SITES.get(site);
        String where = site == null ? t.location() : site;
        String label = reason == null ? where + ", no reason" : reason + " at " + where;
        String phrase = reason == null ? "at " + where + " (no reason given)" : "with reason " + reason + " at " + where;
        if (e != null) {
            return new Cause(label, label, phrase, e.stage(), e.kind(), e.fix(), e.meaning(), e.why(), true);
        }
        String why = reason == null
                ? "The kernel gave no reason (before 5.17, or a tool that does not print it) and drophound does not know "
                        + "this location. Old kernels report many normal frees through kfree_skb, so these need not be losses."
                : "The kernel did not say why (NOT_SPECIFIED: the code that freed the packet has no drop reason yet), and "
                        + "drophound does not know this location. Drivers that free transmitted packets with kfree_skb "
                        + "instead of consume_skb look like this; these need not be losses.";
        return new Cause(label, label, phrase, Stage.HOST, Kind.UNEXPLAINED, Fix.NONE, "the kernel did not say why", why,
                reason == null);
    }

    private static Cause noise(String reason, String site) {
        if (site == null) {
            return null;
        }
        if ("NO_SOCKET".equals(reason) && site.equals("ping_rcv")) {
            return noise(reason, site, Stage.PROTOCOL, "ping's own echo replies", ICMP_ECHO_WHY);
        }
        if ((reason == null || reason.equals("NOT_SPECIFIED") || reason.equals("OTHERHOST")) && site.equals("ip6_mc_input")) {
            return noise(reason, site, Stage.PROTOCOL, "IPv6 multicast nobody subscribed to", MULTICAST_WHY);
        }
        if (site.startsWith("virtio_transport") || site.startsWith("vsock") || site.startsWith("virtio_vsock")
                || site.startsWith("vhost_vsock")) {
            return noise(reason, site, Stage.HOST, "vsock packets", VSOCK_WHY);
        }
        return null;
    }

    private static Cause noise(String reason, String site, Stage stage, String meaning, String why) {
        String label = reason == null ? site + ", no reason" : reason + " at " + site;
        String phrase = reason == null ? "at " + site + " (no reason given)" : "with reason " + reason + " at " + site;
        return new Cause("noise " + label, label, phrase, stage, Kind.NOISE, Fix.NONE, meaning, why, false);
    }

    /** A reason name this table does not have (a newer kernel): judged by its family. */
    private static Entry byPrefix(String reason) {
        for (Map.Entry<List<String>, Entry> f : FAMILIES.entrySet()) {
            for (String prefix : f.getKey()) {
                if (reason.startsWith(prefix)) {
                    return f.getValue();
                }
            }
        }
        return new Entry(Stage.HOST, Kind.LOSS, Fix.NONE, "reason not in drophound's table", "The kernel named this "
                + "reason, but drophound does not know it (a newer kernel); see include/net/dropreason-core.h.");
    }

    private static final Map<List<String>, Entry> FAMILIES = new java.util.LinkedHashMap<>();

    static {
        FAMILIES.put(List.of("QDISC_", "FQ_", "CAKE_", "DUALPI2_", "SFQ_", "CODEL_", "RED_", "PIE_", "TBF_"),
                REASONS.get("QDISC_DROP"));
        FAMILIES.put(List.of("NEIGH_"), REASONS.get("NEIGH_FAILED"));
        FAMILIES.put(List.of("SOCKET_", "UNIX_"), REASONS.get("SOCKET_CLOSE"));
        FAMILIES.put(List.of("TCP_"), new Entry(Stage.PROTOCOL, Kind.ROUTINE, Fix.NONE, "TCP discarded a segment", TCP_ROUTINE_WHY));
        FAMILIES.put(List.of("VXLAN_", "TUNNEL_", "IP_TUNNEL", "GENEVE_", "BRIDGE_", "MAC_", "ARP_", "LOCAL_MAC"),
                new Entry(Stage.PROTOCOL, Kind.LOSS, Fix.NONE, "tunnel or bridge refused it", "A tunnel, bridge or "
                        + "link-layer check refused the packet (unknown VNI, invalid source, STP state...)."));
        FAMILIES.put(List.of("IP_", "IPV6_", "ICMP"), new Entry(Stage.PROTOCOL, Kind.LOSS, Fix.NONE, "IP layer drop",
                "IP input or output refused the packet."));
        FAMILIES.put(List.of("CAN"), REASONS.get("PKT_TOO_SMALL"));
        FAMILIES.put(List.of("TC_", "BPF_", "NETFILTER"), REASONS.get("NETFILTER_DROP"));
    }
}
