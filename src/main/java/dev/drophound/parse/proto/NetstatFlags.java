package dev.drophound.parse.proto;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The option letters of a net-tools {@code netstat} invocation, read from a command line
 * ({@code netstat -su | grep InCsumErrors}, {@code netstat --statistics --tcp}) or from a file named after one
 * ({@code netstat-su.after.txt}, sosreport {@code netstat_-s}).
 */
final class NetstatFlags {
    private NetstatFlags() {
    }

    /** netstat's short options; a file-name word with other letters ({@code netstat-after}) is not a flag cluster. */
    private static final String SHORT = "rIiMgseStuUwxlaAnNoFCcvVhpWTZ46";
    private static final Pattern COMMAND = Pattern.compile("(?<!net/)(?<![\\w.-])netstat(?=\\s|$|[|;&)])((?:\\s+-[^\\s|;&>]+)*)");
    // not proc-net-netstat / proc/net/netstat, which is another format
    private static final Pattern FILE = Pattern.compile("(?<!net[-_/])(?<![A-Za-z])netstat[-_]+-?([A-Za-z46]{1,6})(?![A-Za-z])");

    /** The letters of the options ({@code "su"}), "" for a bare {@code netstat}, null if not a netstat at all. */
    static String of(String nameOrCommand) {
        if (nameOrCommand == null) {
            return null;
        }
        Matcher c = COMMAND.matcher(nameOrCommand);
        if (c.find()) {
            StringBuilder letters = new StringBuilder();
            for (String option : c.group(1).strip().split("\\s+")) {
                if (option.startsWith("--")) {
                    letters.append(switch (option.substring(2)) {
                        case "statistics" -> "s";
                        case "tcp" -> "t";
                        case "udp" -> "u";
                        case "udplite" -> "U";
                        case "raw" -> "w";
                        case "sctp" -> "S";
                        default -> "";
                    });
                } else if (option.startsWith("-")) {
                    letters.append(option.substring(1));
                }
            }
            return letters.toString();
        }
        Matcher f = FILE.matcher(nameOrCommand);
        while (f.find()) {
            if (f.group(1).chars().allMatch(ch -> SHORT.indexOf(ch) >= 0)) {
                return f.group(1);
            }
        }
        return null;
    }

    /**
     * The one group a filtered {@code netstat -s} prints counters of, from its protocol flag: {@code -u} Udp,
     * {@code -t} Tcp, {@code -U} UdpLite (Udp6/UdpLite6 with {@code -6}); null when none or several.
     */
    static String protocolGroup(String flags) {
        if (flags == null) {
            return null;
        }
        boolean v6 = flags.indexOf('6') >= 0;
        String group = null;
        int count = 0;
        for (char ch : flags.toCharArray()) {
            String g = switch (ch) {
                case 't' -> "Tcp";
                case 'u' -> v6 ? "Udp6" : "Udp";
                case 'U' -> v6 ? "UdpLite6" : "UdpLite";
                default -> null;
            };
            if (g != null && !g.equals(group)) {
                group = g;
                count++;
            }
        }
        return count == 1 ? group : null;
    }
}
