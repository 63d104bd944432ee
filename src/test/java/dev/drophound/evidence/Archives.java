package dev.drophound.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Builds real archives for tests with Commons Compress itself: entries are added one by one, each from real
 * test data, a link, or bytes the test makes (zeros for a bomb), and streamed to disk so that nothing big is
 * held in memory.
 */
public final class Archives {

    /** One time for every entry: tar keeps seconds, zip two-second DOS times; equal times compare equal. */
    public static final Instant TIME = Instant.parse("2026-11-22T03:00:00Z");

    public sealed interface Entry permits FileEntry, Zeros, Link, Directory, Fifo, Bytes {
        String name();
    }

    public record FileEntry(String name, Path from) implements Entry {
    }

    public record Bytes(String name, byte[] bytes) implements Entry {
    }

    public record Zeros(String name, long size) implements Entry {
    }

    public record Link(String name, String target) implements Entry {
    }

    public record Directory(String name) implements Entry {
    }

    public record Fifo(String name) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();

    public Archives add(Entry e) {
        entries.add(e);
        return this;
    }

    public Archives file(String name, Path from) {
        return add(new FileEntry(name, from));
    }

    /** Every regular file below {@code dir}, under {@code top/relative/path}, in sorted order. */
    public Archives tree(String top, Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                file(top.isEmpty() ? rel : top + "/" + rel, p);
            }
        }
        return this;
    }

    public Path tar(Path out) throws IOException {
        return writeTar(out, null);
    }

    public Path tarGz(Path out) throws IOException {
        return writeTar(out, "gz");
    }

    public Path tarXz(Path out) throws IOException {
        return writeTar(out, "xz");
    }

    public Path tarBz2(Path out) throws IOException {
        return writeTar(out, "bz2");
    }

    private Path writeTar(Path out, String compression) throws IOException {
        try (OutputStream file = Files.newOutputStream(out);
                OutputStream compressed = switch (compression == null ? "" : compression) {
                    case "gz" -> new GzipCompressorOutputStream(file);
                    case "xz" -> new XZCompressorOutputStream(file);
                    case "bz2" -> new BZip2CompressorOutputStream(file);
                    default -> OutputStream.nullOutputStream();
                };
                TarArchiveOutputStream tar = new TarArchiveOutputStream(compression == null ? file : compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = switch (e) {
                    case Link l -> {
                        TarArchiveEntry link = new TarArchiveEntry(l.name(), TarConstants.LF_SYMLINK);
                        link.setLinkName(l.target());
                        yield link;
                    }
                    case Fifo f -> new TarArchiveEntry(f.name(), TarConstants.LF_FIFO);
                    case Directory d -> new TarArchiveEntry(d.name().endsWith("/") ? d.name() : d.name() + "/");
                    // true: keep a leading / as written, to test absolute names
                    default -> new TarArchiveEntry(e.name(), true);
                };
                t.setModTime(FileTime.from(TIME));
                long size = size(e);
                if (size >= 0) {
                    t.setSize(size);
                }
                tar.putArchiveEntry(t);
                write(e, tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return out;
    }

    public Path zip(Path out) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Entry e : entries) {
                ZipArchiveEntry z = new ZipArchiveEntry(e instanceof Directory && !e.name().endsWith("/") ? e.name() + "/" : e.name());
                z.setTime(TIME.toEpochMilli());
                if (e instanceof Link) {
                    z.setUnixMode(0120777);
                }
                zip.putArchiveEntry(z);
                write(e, zip);
                zip.closeArchiveEntry();
            }
        }
        return out;
    }

    private static long size(Entry e) throws IOException {
        return switch (e) {
            case FileEntry f -> Files.size(f.from());
            case Bytes b -> b.bytes().length;
            case Zeros z -> z.size();
            default -> -1;
        };
    }

    private static void write(Entry e, OutputStream out) throws IOException {
        switch (e) {
            case FileEntry f -> Files.copy(f.from(), out);
            case Bytes b -> out.write(b.bytes());
            case Zeros z -> {
                byte[] block = new byte[64 * 1024];
                for (long left = z.size(); left > 0; left -= block.length) {
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
            case Link l -> {
                if (out instanceof ZipArchiveOutputStream) {
                    out.write(l.target().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            default -> {
            }
        }
    }

    /** A copy of {@code dir}'s regular files with every modification time set to {@link #TIME}. */
    public static Path copyWithFixedTimes(Path dir, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path to = target.resolve(dir.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
                Files.setLastModifiedTime(to, FileTime.from(TIME));
            }
        }
        return target;
    }
}
