package dev.drophound.evidence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One file (or stdin) the user gave, before it is read.
 *
 * @param path         null for stdin
 * @param displayName  how the report names it: the path as given plus the part below a directory argument
 * @param relativeName the path below the argument it was found under ({@code proc-net-snmp.after.txt},
 *                     {@code sos_commands/networking/ethtool_-S_eth0}); the file name for a file argument
 * @param rootIndex    which argument it came from (0-based)
 * @param rootName     that argument's last path element ({@code before}, {@code after}), or {@code stdin}
 * @param modified     the file's modification time, null if unknown
 */
public record InputFile(Path path, String displayName, String relativeName, int rootIndex, String rootName,
        boolean rootIsDirectory, Instant modified, long size) {

    public InputFile {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(relativeName, "relativeName");
    }

    public boolean isStdin() {
        return path == null;
    }
}
