package dev.drophound.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One socket as {@code /proc/net/udp|udp6|raw|raw6|tcp|tcp6|packet} or {@code ss} printed it. Fields a
 * format does not print are null.
 *
 * @param protocol   {@code udp}, {@code udp6}, {@code tcp}, {@code tcp6}, {@code raw}, {@code raw6},
 *                   {@code packet}, ...; from {@code ss}, the family suffix 6 is added when the local address
 *                   is IPv6
 * @param local      local address and port; for raw sockets the "port" is the IP protocol number, for packet
 *                   sockets the address is {@code *} and the port the interface
 * @param remote     peer, or null / {@code *} when unconnected
 * @param state      {@code UNCONN}, {@code ESTAB}, ... ({@code /proc} hex states are translated)
 * @param recvQ      bytes queued for the application (Recv-Q, {@code rx_queue} of /proc/net/udp etc.,
 *                   {@code Rmem} of /proc/net/packet)
 * @param drops      the kernel's per-socket drop counter ({@code drops} column, {@code skmem d}); null if not printed
 * @param rcvbuf     the effective receive buffer size ({@code skmem rb}); null if the format does not print it
 * @param skmem      every {@code skmem:(...)} field by its letter(s): r, rb, t, tb, f, w, o, bl, d
 * @param owners     processes holding the socket ({@code ss -p} users:(...)); empty if not printed
 */
public record SocketEntry(String protocol, Endpoint local, Endpoint remote, String state, Long recvQ, Long sendQ,
        Long inode, Integer uid, Long drops, Long rcvbuf, Map<String, Long> skmem, List<Owner> owners, Span span)
        implements Fact {

    /** An address and port as printed, addresses normalised: IPv4 dotted, IPv6 compressed (RFC 5952), no brackets. */
    public record Endpoint(String address, String port) {
        @Override
        public String toString() {
            return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
        }
    }

    /** A process holding the socket: {@code users:(("python3",pid=24888,fd=3))}. */
    public record Owner(String command, int pid, Integer fd) {
    }

    public SocketEntry {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(local, "local");
        skmem = skmem == null ? Map.of() : Map.copyOf(skmem);
        owners = owners == null ? List.of() : List.copyOf(owners);
    }

    /** Identity of the socket across samples of the same format: protocol, local, remote, inode if known. */
    public String identity() {
        StringBuilder sb = new StringBuilder(protocol).append(' ').append(local);
        if (remote != null && !remote.address().equals("*") && !isUnspecified(remote.address())) {
            sb.append(" -> ").append(remote);
        }
        if (inode != null && inode != 0) {
            sb.append(" ino ").append(inode);
        }
        return sb.toString();
    }

    private static boolean isUnspecified(String address) {
        return address.equals("0.0.0.0") || address.equals("::");
    }

    @Override
    public List<Counter> counters() {
        List<Counter> out = new ArrayList<>();
        if (drops != null) {
            // the kernel keeps sk_drops in an atomic_t and prints it with %u
            out.add(new Counter(new SeriesKey("socket", identity(), "drops"), drops, 32, span));
        }
        return out;
    }
}
