package dev.drophound.checks.trace;

import dev.drophound.checks.Words;
import dev.drophound.facts.DropTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How traced drops are said in a finding: where they were, of which protocol, which addresses the kernel named. */
final class TraceWords {
    private TraceWords() {
    }

    /** Places or addresses listed one by one; the rest are counted. */
    private static final int LIST = 6;

    /** "2,999 IPv4 at udp_queue_rcv_one_skb, 999 IPv6 at udpv6_queue_rcv_one_skb". */
    static String places(List<DropTrace.Tally> tallies) {
        List<String> parts = new ArrayList<>();
        for (DropTrace.Tally t : tallies) {
            StringBuilder p = new StringBuilder(Words.count(t.count()));
            if (t.protocol() != null) {
                p.append(' ').append(protocol(t.protocol()));
            }
            p.append(" at ").append(t.location());
            if (t.location().startsWith("0x") && DropCauses.site(t) != null) {
                p.append(" (").append(DropCauses.site(t)).append(')');
            }
            parts.add(p.toString());
        }
        if (parts.size() > LIST) {
            int more = parts.size() - LIST;
            parts = new ArrayList<>(parts.subList(0, LIST));
            parts.add("and " + more + " more places");
        }
        return String.join(", ", parts);
    }

    /** The ethertype as a name: 2048 IPv4, 34525 IPv6, 2054 ARP. */
    static String protocol(int ethertype) {
        return switch (ethertype) {
            case 0x0800 -> "IPv4";
            case 0x86DD -> "IPv6";
            case 0x0806 -> "ARP";
            case 0x8100 -> "VLAN";
            case 0x88A8 -> "QinQ";
            case 0x8847, 0x8848 -> "MPLS";
            case 0x88CC -> "LLDP";
            case 0x888E -> "EAPOL";
            case 0x88F7 -> "PTP";
            case 0x000C -> "CAN";
            case 0x000D -> "CAN FD";
            case 0 -> "local (no ethertype)";
            default -> String.format(Locale.ROOT, "ethertype 0x%04x", ethertype);
        };
    }

    /** "Receive queues that refused datagrams (udp_fail_queue_rcv_skb): 127.0.0.1:47001 (2,999, rc -12 ...)." */
    static String destinations(List<DropTrace.Destination> named) {
        List<String> parts = new ArrayList<>();
        for (DropTrace.Destination d : named) {
            String rc = d.rc() == null ? "" : ", rc " + d.rc() + (d.rc() == -12 ? " ENOMEM: buffer full" : d.rc() == -105
                    ? " ENOBUFS: udp_mem" : "");
            parts.add(d.address() + " (" + Words.count(d.count()) + rc + ")");
        }
        if (parts.size() > LIST) {
            int more = parts.size() - LIST;
            parts = new ArrayList<>(parts.subList(0, LIST));
            parts.add("and " + more + " more");
        }
        String what = named.get(0).event().equals("icmp_send")
                ? "Ports answered with ICMP port unreachable (icmp_send): "
                : "Receive queues that refused datagrams (udp_fail_queue_rcv_skb): ";
        return what + String.join("; ", parts) + ".";
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
