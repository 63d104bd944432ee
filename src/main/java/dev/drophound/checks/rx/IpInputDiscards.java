package dev.drophound.checks.rx;


import dev.drophound.checks.CounterTableCheck;
import dev.drophound.findings.Stage;
import java.util.List;

/** Packets the IP layer threw away on input: bad headers, wrong addresses, unknown protocols, no memory. */
public final class IpInputDiscards extends CounterTableCheck {

    public static final String ID = "ip.input-discards";

    private static final String HDR = "IP headers failed validation (bad checksum, version, length or options; "
            + "also TTL expiry on forwarded packets).";
    private static final String ADDR = "the destination address was not local and the host does not forward, "
            + "or it was a martian address.";
    private static final String PROTO = "no handler for the IP protocol number (a tunnel or protocol module not loaded).";
    private static final String DISCARD = "error-free packets discarded for lack of resources (memory) or by policy.";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "IP input discards and header errors";
    }

    @Override
    public Stage stage() {
        return Stage.PROTOCOL;
    }

    @Override
    protected String missing() {
        return "Ip InDiscards/InHdrErrors (/proc/net/snmp, /proc/net/snmp6, netstat -s)";
    }

    @Override
    protected List<Entry> entries() {
        return List.of(
                new Entry("Ip", "InDiscards", "IPv4 input discards", DISCARD, "InReceives", List.of()),
                new Entry("Ip", "InHdrErrors", "IPv4 header errors", HDR, "InReceives", List.of()),
                new Entry("Ip", "InAddrErrors", "IPv4 address errors", ADDR, "InReceives", List.of()),
                new Entry("Ip", "InUnknownProtos", "IPv4 unknown protocols", PROTO, "InReceives", List.of()),
                new Entry("IpExt", "InTruncatedPkts", "IPv4 truncated packets",
                        "packets shorter than their IP header says (truncated on the way).", null, List.of()),
                new Entry("Ip6", "InDiscards", "IPv6 input discards", DISCARD, "InReceives", List.of()),
                new Entry("Ip6", "InHdrErrors", "IPv6 header errors", HDR, "InReceives", List.of()),
                new Entry("Ip6", "InAddrErrors", "IPv6 address errors", ADDR, "InReceives", List.of()),
                new Entry("Ip6", "InUnknownProtos", "IPv6 unknown protocols", PROTO, "InReceives", List.of()),
                new Entry("Ip6", "InNoRoutes", "IPv6 packets without a route", "no route for a packet to forward.",
                        "InReceives", List.of()),
                new Entry("Ip6", "InTruncatedPkts", "IPv6 truncated packets",
                        "packets shorter than their header says.", "InReceives", List.of()));
    }
}
