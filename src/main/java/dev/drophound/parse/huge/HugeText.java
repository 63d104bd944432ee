package dev.drophound.parse.huge;

import dev.drophound.evidence.Block;
import dev.drophound.parse.Numbers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small pieces the hugepage, mount and NUMA parsers share. */
final class HugeText {
    private HugeText() {
    }

    /**
     * The reading tool's complaint printed instead of data: {@code grep: .../hugepages-1048576kB/demote: Permission
     * denied} (a write-only file), {@code ls: cannot access '/dev/hugepages': No such file or directory},
     * {@code find: '/mnt/huge': No such file or directory}.
     */
    private static final Pattern READ_ERROR = Pattern.compile(
            "^(?:cat|grep|head|tail|ls|du|find|findmnt|mount|lscpu): .*(?:Permission denied|No such file or directory"
                    + "|Operation not permitted|Input/output error|Invalid argument|Not a directory)\\s*$");

    /** A size as mounts and dpdk-hugepages.py print it: {@code 2M}, {@code 1024M}, {@code 1G}, {@code 2Mb}, {@code 2048kB}. */
    private static final Pattern SIZE = Pattern.compile("^(\\d+)([kKMGT]?)[bB]?$");

    static boolean isReadError(String line) {
        return READ_ERROR.matcher(line.strip()).matches();
    }

    /** A page size in kB from {@code 2M}, {@code 1024M}, {@code 1G}, {@code 2Mb}, {@code 2048kB}; null if not one. */
    static Long sizeKb(String token) {
        Matcher m = SIZE.matcher(token);
        if (!m.matches()) {
            return null;
        }
        Long n = Numbers.decimal(m.group(1));
        if (n == null) {
            return null;
        }
        return switch (m.group(2)) {
            case "", "k", "K" -> n;
            case "M" -> n * 1024;
            case "G" -> n * 1024 * 1024;
            default -> n * 1024 * 1024 * 1024;
        };
    }

    /**
     * Undoes the octal escapes the kernel writes in /proc/mounts and mountinfo fields ({@code \040} for a blank,
     * {@code \011} tab, {@code \012} newline, {@code \134} backslash).
     */
    static String unescapeOctal(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
