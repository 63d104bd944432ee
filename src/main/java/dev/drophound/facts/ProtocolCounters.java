package dev.drophound.facts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SNMP-style protocol counters of one group: {@code Udp}, {@code Udp6}, {@code UdpLite}, {@code Ip},
 * {@code Ip6}, {@code Tcp}, {@code TcpExt}, {@code IpExt}, {@code Icmp}, {@code Icmp6}, ... Counter names are
 * the kernel's MIB names without the group prefix ({@code RcvbufErrors}), whatever printed them
 * ({@code /proc/net/snmp}, {@code /proc/net/snmp6}, {@code /proc/net/netstat}, {@code netstat -s}, {@code nstat}).
 * Keys are {@code snmp/<group>/<name>}.
 *
 * @param format      id of the parser that read it ({@code proc-net-snmp}, {@code netstat-s}, {@code nstat}, ...):
 *                    {@code netstat -s} has no IPv6 groups, which a check must be able to say
 * @param zeroOmitted true when the format leaves out counters that are zero ({@code netstat -s} does for many
 *                    TcpExt lines, {@code nstat} without {@code -z}): a counter absent here is then 0, not unknown
 */
public record ProtocolCounters(String group, String format, List<Counter> counters, boolean zeroOmitted, Span span)
        implements Fact {

    public ProtocolCounters {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(format, "format");
        counters = List.copyOf(counters);
    }

    public Optional<Counter> counter(String name) {
        return counters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static SeriesKey key(String group, String name) {
        return new SeriesKey("snmp", group, name);
    }
}
