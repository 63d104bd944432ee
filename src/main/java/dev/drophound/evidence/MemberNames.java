package dev.drophound.evidence;

import java.util.Collection;
import java.util.Locale;

/**
 * Names of archive members: which are unsafe, their normal form, and the single top directory most archives
 * have ({@code sosreport-host-2026-11-22-abcdef/...}). Nothing is ever written to disk, but a name that would
 * escape the extraction directory is a sign of a hostile or broken archive and must not be shown as a path.
 */
public final class MemberNames {
    private MemberNames() {
    }

    /** Why a member name is unsafe ({@code null} when it is fine). */
    public static String unsafe(String name) {
        if (name.isEmpty()) {
            return "it has an empty name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return "its name contains a NUL byte";
            }
            if (c < 0x20 || c == 0x7f) {
                return "its name contains control characters";
            }
        }
        // backslashes count as separators here: the archive may have been made on Windows, and extracted there
        // a\..\..\x escapes just as a/../../x does
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            return "its name is an absolute path";
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "its name contains '..' (it would land outside the archive's directory)";
            }
        }
        return null;
    }

    /** {@code ./a//b/} -> {@code a/b}. Only for names {@link #unsafe} accepted. */
    public static String normalise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    /** A name as it may be shown in one report line: control characters escaped, quoted, at most 120 chars. */
    public static String quoted(String name) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < name.length() && out.length() < 120; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (out.length() >= 120) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /**
     * The directory every name lies below, when there is exactly one and no name sits beside it
     * ({@code sosreport-x} for {@code sosreport-x/proc/net/snmp}, {@code sosreport-x/sos_logs/sos.log}); null
     * otherwise. {@code names} are normalised entry names, directories included.
     */
    public static String commonTop(Collection<String> names) {
        String top = null;
        boolean below = false;
        for (String n : names) {
            int slash = n.indexOf('/');
            String first = slash < 0 ? n : n.substring(0, slash);
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                return null;
            }
            below |= slash >= 0;
        }
        // a single plain file is not a directory to strip
        return below ? top : null;
    }

    /** The name below {@code top} ({@code top} may be null). */
    public static String below(String top, String name) {
        return top == null ? name : name.substring(Math.min(name.length(), top.length() + 1));
    }

    /** {@code host.tar.gz} -> {@code host}, {@code snmp.txt.gz} -> {@code snmp.txt}, {@code x.zip} -> {@code x}. */
    public static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".tar.gz", ".tar.xz", ".tar.bz2", ".tgz", ".txz", ".tbz2", ".tbz", ".tar",
                ".zip", ".gz", ".xz", ".bz2"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        return fileName;
    }
}
