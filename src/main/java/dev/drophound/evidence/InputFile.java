package dev.drophound.evidence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One file (or stdin, or an archive member) the user gave, before it is read.
 *
 * @param path         the file; for an archive member the archive; null for stdin
 * @param displayName  how the report names it: the path as given plus the part below a directory argument;
 *                     {@code bundle.tar.gz!host/proc/net/snmp} for an archive member
 * @param relativeName the path below the argument it was found under ({@code proc-net-snmp.after.txt},
 *                     {@code sos_commands/networking/ethtool_-S_eth0}); the file name for a file argument; for an
 *                     archive, the member's path with the archive's single top directory taken off, as if that
 *                     directory had been given
 * @param rootIndex    which argument it came from (0-based)
 * @param rootName     that argument's last path element ({@code before}, {@code after}), or {@code stdin}; for an
 *                     archive argument its top directory or its name without extension
 * @param modified     the file's modification time (an archive member's entry time), null if unknown
 * @param preloaded    the text already read, for archive members (a compressed tar streams by once); null when
 *                     the file is read later
 * @param sosreport    the sosreport it belongs to (its directory as the report names it), or null
 */
public record InputFile(Path path, String displayName, String relativeName, int rootIndex, String rootName,
        boolean rootIsDirectory, Instant modified, long size, Preloaded preloaded, String sosreport) {

    public InputFile {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(relativeName, "relativeName");
    }

    public InputFile(Path path, String displayName, String relativeName, int rootIndex, String rootName,
            boolean rootIsDirectory, Instant modified, long size) {
        this(path, displayName, relativeName, rootIndex, rootName, rootIsDirectory, modified, size, null, null);
    }

    public boolean isStdin() {
        return path == null && preloaded == null;
    }

    public boolean isArchiveMember() {
        return preloaded != null;
    }

    /**
     * What reading an archive member gave. Equal only to itself, so that files stay cheap map keys (record
     * equality would compare whole texts).
     */
    public static final class Preloaded {
        private final TextLoader.Loaded loaded;

        public Preloaded(TextLoader.Loaded loaded) {
            this.loaded = Objects.requireNonNull(loaded, "loaded");
        }

        public TextLoader.Loaded loaded() {
            return loaded;
        }

        @Override
        public String toString() {
            return loaded.text() == null ? "(not read)" : loaded.text().length() + " chars";
        }
    }
}
