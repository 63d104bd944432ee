package dev.drophound.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which name to read a file under when symbolic links give it several. sosreports are full of them:
 * {@code proc/net -> self/net} and {@code proc/self -> 29503} put {@code /proc/net/snmp} at
 * {@code proc/29503/net/snmp}; {@code sys/class/net/eth0 -> ../../devices/pci0000:00/.../net/eth0} puts the
 * interface counters deep under {@code sys/devices}; top-level links such as {@code uname} and {@code ps} point
 * into {@code sos_commands/}. Each file is read once, under the name that says most about it:
 * <ul>
 *   <li>not a name whose last element is itself a link to a file ({@code uname}), when the file has another;</li>
 *   <li>otherwise the one with the fewest path elements, then the shortest, then the first in order
 *       ({@code proc/net/snmp}, {@code sys/class/net/eth0/statistics/rx_dropped}).</li>
 * </ul>
 * Parsers recognise the kernel's own paths, so this is also what lets them route such files.
 */
public final class LinkNames {
    private LinkNames() {
    }

    /** Fewest elements, then shortest, then alphabetical. */
    public static final Comparator<String> PREFERRED = Comparator.<String>comparingInt(LinkNames::elements)
            .thenComparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private static final int MAX_HOPS = 40;

    private static int elements(String path) {
        int n = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    /**
     * The target of a link at {@code link} as a normalised path inside the archive, or null when it points
     * outside it. An absolute target is taken as absolute within the archive's root (sos keeps links relative;
     * other tools may not), so it can never leave it.
     */
    static String resolve(String link, String target) {
        List<String> out = new ArrayList<>();
        if (!target.startsWith("/")) {
            String[] parts = link.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                out.add(parts[i]);
            }
        }
        for (String segment : target.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(segment);
            }
        }
        return String.join("/", out);
    }

    /**
     * Directory links of an archive, each with the real directory it leads to (links inside the target
     * followed too): {@code proc/net -> proc/29503/net}. Links to files, links that leave the archive and loops
     * are left out.
     *
     * @param symlinks    link name -> target as stored, names normalised
     * @param directories every directory the archive holds (entries and parents of members)
     */
    public static Map<String, String> directoryLinks(Map<String, String> symlinks, Set<String> directories) {
        Map<String, String> out = new HashMap<>();
        for (String link : symlinks.keySet()) {
            String real = realPath(link, symlinks);
            if (real != null && !real.isEmpty() && directories.contains(real)) {
                out.put(link, real);
            }
        }
        return out;
    }

    /** The path with every link on it followed, or null for a loop or a path leaving the archive. */
    static String realPath(String path, Map<String, String> symlinks) {
        String current = path;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            String[] parts = current.split("/");
            String prefix = null;
            int at = -1;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sb.append('/');
                }
                sb.append(parts[i]);
                if (symlinks.containsKey(sb.toString())) {
                    prefix = sb.toString();
                    at = i;
                    break;
                }
            }
            if (prefix == null) {
                return current;
            }
            String resolved = resolve(prefix, symlinks.get(prefix));
            if (resolved == null) {
                return null;
            }
            StringBuilder rest = new StringBuilder(resolved);
            for (int i = at + 1; i < parts.length; i++) {
                if (rest.length() > 0) {
                    rest.append('/');
                }
                rest.append(parts[i]);
            }
            current = rest.toString();
        }
        return null;
    }

    /** Every directory on the way to each path ({@code a/b/c} gives {@code a} and {@code a/b}). */
    public static Set<String> parents(Iterable<String> paths) {
        Set<String> out = new HashSet<>();
        for (String p : paths) {
            for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
                out.add(p.substring(0, i));
            }
        }
        return out;
    }

    /**
     * Builds the lookup for {@link #preferred}: real directory -> the links that lead to it.
     */
    public static Map<String, List<String>> byTarget(Map<String, String> directoryLinks) {
        Map<String, List<String>> out = new HashMap<>();
        directoryLinks.forEach((link, real) -> out.computeIfAbsent(real, k -> new ArrayList<>()).add(link));
        return out;
    }

    /** The preferred name of a member stored at {@code real}, through the directory links that lead to it. */
    public static String preferred(String real, Map<String, List<String>> linksByTarget) {
        String best = real;
        for (int i = real.lastIndexOf('/'); i > 0; i = real.lastIndexOf('/', i - 1)) {
            List<String> links = linksByTarget.get(real.substring(0, i));
            if (links == null) {
                continue;
            }
            for (String link : links) {
                String alias = link + real.substring(i);
                if (PREFERRED.compare(alias, best) < 0) {
                    best = alias;
                }
            }
        }
        return best;
    }
}
