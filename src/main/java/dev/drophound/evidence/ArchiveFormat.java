package dev.drophound.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * What the first bytes of a file say it is, whatever its name: a tar, a zip, or gzip/xz/bzip2-compressed data
 * (a compressed tar, or one compressed text). 7z, rar and zstd are not here: Commons Compress cannot stream them
 * without a seekable file or native code, so {@link TextLoader} reports them.
 */
public enum ArchiveFormat {
    TAR("tar"), ZIP("zip"), GZIP("gzip"), XZ("xz"), BZIP2("bzip2");

    /** Enough for every magic number here, the tar header included. */
    static final int SNIFF_BYTES = 512;

    private final String label;

    ArchiveFormat(String label) {
        this.label = label;
    }

    /** {@code gzip}, {@code tar} ...: for messages. */
    public String label() {
        return label;
    }

    /** The format of these first bytes, or null when they are none of these (text, or 7z, rar, zstd ...). */
    public static ArchiveFormat sniff(byte[] head) {
        int n = head.length;
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (XZCompressorInputStream.matches(head, n)) {
            return XZ;
        }
        if (n >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        // a local file header, or the end record of an empty zip
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return ZIP;
        }
        if (isTarHeader(head)) {
            return TAR;
        }
        return null;
    }

    public static ArchiveFormat sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sniff(in.readNBytes(SNIFF_BYTES));
        }
    }

    static boolean isTarHeader(byte[] head) {
        if (head.length < SNIFF_BYTES) {
            return false;
        }
        if (TarArchiveInputStream.matches(head, head.length)) {
            return true;
        }
        // pre-POSIX (v7) tar has no magic: a non-empty name and a valid header checksum say it
        try {
            return head[0] != 0 && TarUtils.verifyCheckSum(head);
        } catch (IllegalArgumentException notOctal) {
            return false;
        }
    }
}
