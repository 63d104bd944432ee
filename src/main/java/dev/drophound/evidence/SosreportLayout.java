package dev.drophound.evidence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds sosreports by their layout, not their name: a directory holding {@code sos_commands/} and
 * {@code sos_logs/} or {@code sos_reports/} (what {@code sos report} and the older {@code sosreport} write,
 * packed or unpacked, whatever the directory or archive was renamed to).
 */
public final class SosreportLayout {

    private final List<String> tops;

    private SosreportLayout(List<String> tops) {
        this.tops = tops;
    }

    /**
     * The sosreports among these paths (relative, {@code /}-separated, files or directories).
     */
    public static SosreportLayout of(Collection<String> paths) {
        Set<String> commands = new HashSet<>();
        Set<String> logs = new HashSet<>();
        for (String p : paths) {
            String[] parts = p.split("/");
            StringBuilder top = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.equals("sos_commands")) {
                    commands.add(top.toString());
                } else if (part.equals("sos_logs") || part.equals("sos_reports")) {
                    logs.add(top.toString());
                }
                if (top.length() > 0) {
                    top.append('/');
                }
                top.append(part);
            }
        }
        List<String> found = new ArrayList<>();
        for (String c : commands) {
            if (logs.contains(c)) {
                found.add(c);
            }
        }
        // deepest first, so that a path is given to the innermost sosreport holding it
        found.sort(Comparator.comparingInt(String::length).reversed());
        return new SosreportLayout(List.copyOf(found));
    }

    public boolean isEmpty() {
        return tops.isEmpty();
    }

    /** The top directories of the sosreports found ({@code ""} when the root itself is one). */
    public List<String> tops() {
        return tops;
    }

    /** The top of the sosreport this path lies in, or null. */
    public String topOf(String path) {
        for (String t : tops) {
            if (t.isEmpty() || path.startsWith(t + "/")) {
                return t;
            }
        }
        return null;
    }
}
