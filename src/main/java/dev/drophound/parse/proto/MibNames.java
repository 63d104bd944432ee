package dev.drophound.parse.proto;

import java.util.List;
import java.util.Set;

/**
 * Kernel SNMP MIB group names shared by the protocol-counter parsers: which groups exist, how a full name such
 * as {@code Udp6RcvbufErrors} splits into group and counter, and which fields are settings or gauges rather
 * than counters.
 */
final class MibNames {
    private MibNames() {
    }

    /** Groups of /proc/net/snmp. */
    static final Set<String> SNMP_GROUPS = Set.of("Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite");

    /** Groups of /proc/net/netstat (MPTcpExt since 5.6). */
    static final Set<String> NETSTAT_GROUPS = Set.of("TcpExt", "IpExt", "MPTcpExt");

    /** Groups of /proc/net/snmp6. */
    static final List<String> SNMP6_GROUPS = List.of("Ip6", "Icmp6", "Udp6", "UdpLite6");

    /**
     * Every group nstat prints (it reads snmp, snmp6, netstat and sctp/snmp), longest first so that a prefix
     * test picks {@code IcmpMsg} before {@code Icmp}, {@code UdpLite6} before {@code UdpLite} before {@code Udp}.
     */
    static final List<String> ALL_GROUPS = List.of("MPTcpExt", "UdpLite6", "IcmpMsg", "UdpLite", "TcpExt",
            "Icmp6", "IpExt", "Udp6", "Icmp", "Sctp", "Ip6", "Tcp", "Udp", "Ip");

    /**
     * The group a full counter name starts with ({@code Icmp6InType1} -> {@code Icmp6}), or null. The rest
     * must start with an upper-case letter, so {@code IpExtInOctets} is IpExt, never Ip + {@code ExtInOctets}, and
     * the name must be letters and digits only ({@code Ip6InOctets:} of netstat -s is not one).
     */
    static String groupOf(String fullName, List<String> groups) {
        if (!fullName.chars().allMatch(Character::isLetterOrDigit)) {
            return null;
        }
        for (String g : groups) {
            if (fullName.length() > g.length() && fullName.startsWith(g)
                    && Character.isUpperCase(fullName.charAt(g.length()))) {
                return g;
            }
        }
        return null;
    }

    /**
     * True for fields that are settings or current values, not counters: Ip Forwarding and DefaultTTL, Tcp's
     * RTO settings, MaxConn (-1) and CurrEstab, and the current-connection gauges of MPTCP and SCTP.
     */
    static boolean isGauge(String group, String name) {
        return switch (group) {
            case "Ip" -> name.equals("Forwarding") || name.equals("DefaultTTL");
            case "Tcp" -> switch (name) {
                case "RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn", "CurrEstab" -> true;
                default -> false;
            };
            case "MPTcpExt" -> name.equals("MPCurrEstab");
            case "Sctp" -> name.equals("CurrEstab");
            default -> false;
        };
    }

    /**
     * True for groups whose file lists only the non-zero entries: the kernel prints an IcmpMsg
     * {@code InTypeN}/{@code OutTypeN} only once that type was seen, so an absent type is 0.
     */
    static boolean kernelOmitsZeros(String group) {
        return group.equals("IcmpMsg");
    }

    /** True if the token starts like a number ({@code 12}, {@code -1}): extra values, not trailing junk. */
    static boolean looksNumeric(String token) {
        int i = token.startsWith("-") ? 1 : 0;
        return token.length() > i && Character.isDigit(token.charAt(i));
    }
}
