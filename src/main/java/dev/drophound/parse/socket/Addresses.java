package dev.drophound.parse.socket;

import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.parse.Numbers;
import java.util.Locale;

/**
 * The address forms of the socket tables: the hex {@code address:port} of {@code /proc/net/udp|tcp|raw[6]} and
 * IPv6 text compressed per RFC 5952, so that {@code /proc} and {@code ss} name the same socket the same way.
 *
 * <p>The kernel prints each 32-bit word of an address with {@code %08X} of the network-order value read as a
 * host int, so on the little-endian hosts our captures come from {@code 0100007F} is 127.0.0.1 and IPv6 is
 * four such words. Ports are printed in host order ({@code B799} = 47001). Port 0 becomes {@code *}, as ss
 * prints it.
 */
final class Addresses {
    private Addresses() {
    }

    /** {@code 0100007F:B799} -> 127.0.0.1:47001; 32 hex digits before the colon for IPv6. Null if not that shape. */
    static Endpoint procEndpoint(String token) {
        int colon = token.indexOf(':');
        if (colon < 0 || token.length() - colon - 1 != 4) {
            return null;
        }
        String hex = token.substring(0, colon);
        String address = hex.length() == 8 ? procIpv4(hex) : hex.length() == 32 ? procIpv6(hex) : null;
        Long port = Numbers.hex(token.substring(colon + 1));
        if (address == null || port == null) {
            return null;
        }
        return new Endpoint(address, port == 0 ? "*" : Long.toString(port));
    }

    /** {@code 0100007F} -> 127.0.0.1; null if not 8 hex digits. */
    static String procIpv4(String hex) {
        Long v = hex.length() == 8 ? Numbers.hex(hex) : null;
        if (v == null) {
            return null;
        }
        long x = v;
        return (x & 0xff) + "." + (x >> 8 & 0xff) + "." + (x >> 16 & 0xff) + "." + (x >> 24 & 0xff);
    }

    /** {@code 00000000000000000000000001000000} -> ::1; null if not 32 hex digits. */
    static String procIpv6(String hex) {
        if (hex.length() != 32) {
            return null;
        }
        int[] groups = new int[8];
        for (int w = 0; w < 4; w++) {
            Long v = Numbers.hex(hex.substring(w * 8, w * 8 + 8));
            if (v == null) {
                return null;
            }
            long x = v;
            groups[2 * w] = (int) ((x & 0xff) << 8 | (x >> 8 & 0xff));
            groups[2 * w + 1] = (int) ((x >> 16 & 0xff) << 8 | (x >> 24 & 0xff));
        }
        return format(groups);
    }

    /**
     * An address as a tool printed it, IPv6 put in RFC 5952 form (lower case, longest run of zero groups as
     * {@code ::}); anything else (IPv4, {@code *}, a masked {@code 192.168.x.x}, a dotted IPv6 tail) as printed.
     */
    static String normalise(String printed) {
        if (printed.indexOf(':') < 0 || printed.indexOf('.') >= 0) {
            return printed;
        }
        int[] groups = parseIpv6(printed);
        return groups == null ? printed : format(groups);
    }

    /** True for an IPv6 address (a colon once brackets and the {@code %scope} are gone). */
    static boolean isIpv6(String address) {
        int pct = address.indexOf('%');
        return (pct < 0 ? address : address.substring(0, pct)).indexOf(':') >= 0;
    }

    private static int[] parseIpv6(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = gap < 0 ? t.split(":", -1) : split(t.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : split(t.substring(gap + 2));
        if (gap < 0 ? head.length != 8 : head.length + tail.length > 7) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            groups[i] = group(head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = group(tail[i]);
        }
        for (int g : groups) {
            if (g < 0) {
                return null;
            }
        }
        return groups;
    }

    private static String[] split(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }

    private static int group(String digits) {
        Long v = digits.length() >= 1 && digits.length() <= 4 ? Numbers.hex(digits) : null;
        return v == null ? -1 : v.intValue();
    }

    private static String format(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            // RFC 5952 section 5: IPv4-mapped addresses keep the dotted tail, as ss (inet_ntop) prints them
            return "::ffff:" + (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not shortened (RFC 5952 4.2.2)
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
