package dev.drophound.evidence;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Reads the members of a {@code .tar}, {@code .tar.gz}/{@code .tgz}, {@code .tar.xz}/{@code .txz},
 * {@code .tar.bz2} or {@code .zip} archive (or one gzip/xz/bzip2-compressed text) in memory, with Apache Commons
 * Compress. Nothing is ever written to disk. A compressed tar is not seekable, so each member is read once, as the
 * archive streams by, through the same {@link TextLoader} as a file (same size limit, same binary detection).
 *
 * <p>The archive is someone else's file, so it is read defensively:
 * <ul>
 *   <li>member names that are absolute, contain {@code ..} or control characters are skipped with a warning
 *       ({@link MemberNames#unsafe});</li>
 *   <li>links, devices and fifos are not read (symbolic links are kept only to name files, see
 *       {@link LinkNames}); an archive inside the archive is not opened;</li>
 *   <li>{@link Limits} bound the entries and the expanded bytes, and an expansion ratio no real evidence has
 *       stops the read as a decompression bomb ({@link ExpansionGuard});</li>
 *   <li>a truncated or corrupt archive stops the read with an error naming the member it stopped in.</li>
 * </ul>
 * Whatever was read before a limit or a corruption is kept and analysed.
 */
public final class ArchiveReader {

    /**
     * @param maxEntries       entries (files, directories, links) read at most; a full sosreport has 5,000-30,000
     * @param maxExpandedBytes bytes decompressed at most, all members together
     * @param maxRatio         expanded / compressed bytes above which the archive is taken for a bomb; text
     *                         compresses 5-20 times (two real sosreports made here: 9 and 13), gzip cannot go past about
     *                         1,000, zeros in xz or bzip2 go far beyond
     * @param ratioFloorBytes  the ratio is judged only past this many expanded bytes, so that a small archive of
     *                         tiny, very compressible files is not mistaken for one
     * @param xzMemoryKiB      memory an xz stream may ask for (its header says how much; xz -9 needs 65 MiB)
     */
    public record Limits(int maxEntries, long maxExpandedBytes, int maxRatio, long ratioFloorBytes, int xzMemoryKiB) {
        public static final Limits STANDARD = new Limits(100_000, 2L * 1024 * 1024 * 1024, 200, 8L * 1024 * 1024,
                256 * 1024);
    }

    /** A regular member and what reading it gave (text, or why none). */
    public record Member(String name, Instant modified, long size, TextLoader.Loaded loaded) {
    }

    /**
     * @param kind        e.g. {@code tar.xz}, for messages
     * @param single      true for one compressed file that is not an archive ({@code snmp.txt.gz}): one member,
     *                    named after the file
     * @param members     regular members in archive order (a name stored twice: the last copy, as tar extracts)
     * @param symlinks    symbolic link name -> target as stored, names normalised
     * @param directories directory entries, names normalised
     */
    public record Result(String kind, boolean single, List<Member> members, Map<String, String> symlinks,
            Set<String> directories, List<Diagnostic> diagnostics) {
    }

    private static final int BUFFER = 64 * 1024;

    private final TextLoader loader;
    private final Limits limits;

    public ArchiveReader(TextLoader loader, Limits limits) {
        this.loader = loader;
        this.limits = limits;
    }

    /** Reads the archive at {@code file}, called {@code displayName} in messages; never throws for bad content. */
    public Result read(Path file, String displayName, ArchiveFormat format) {
        Run run = new Run(displayName, new ExpansionGuard(limits));
        run.kind = format.label();
        try {
            if (format == ArchiveFormat.ZIP) {
                readZip(file, run);
            } else {
                readStream(file, format, run);
            }
        } catch (ExpansionGuard.LimitReached e) {
            run.diagnostics.add(Diagnostic.error(displayName, 0, e.getMessage() + "; " + run.readSoFar()));
        } catch (IOException | RuntimeException e) {
            // Commons Compress reports some corrupt headers as IllegalArgumentException; either way the archive
            // cannot be read further, and what was read stays
            String member = run.guard.member();
            String where = member == null ? "before the first member" : "in member " + MemberNames.quoted(member);
            run.diagnostics.add(Diagnostic.error(displayName, 0, "the " + run.kind + (run.single ? " file" : " archive")
                    + " is truncated or corrupt (" + describe(e) + "): stopped " + where + "; " + run.readSoFar()));
        }
        run.summarise();
        return new Result(run.kind, run.single, List.copyOf(run.members.values()),
                Collections.unmodifiableMap(run.symlinks), Collections.unmodifiableSet(run.directories), run.diagnostics);
    }

    /** A tar, compressed or not, or one compressed file, read front to back. */
    private void readStream(Path file, ArchiveFormat format, Run run) throws IOException {
        try (ExpansionGuard.Counting raw = new ExpansionGuard.Counting(
                new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
            run.guard.compressedFrom(raw::count);
            if (format == ArchiveFormat.TAR) {
                stream(new TarArchiveInputStream(raw), run);
                return;
            }
            InputStream decompressed = new BufferedInputStream(decompressor(format, raw), BUFFER);
            decompressed.mark(ArchiveFormat.SNIFF_BYTES);
            byte[] head = decompressed.readNBytes(ArchiveFormat.SNIFF_BYTES);
            decompressed.reset();
            if (ArchiveFormat.isTarHeader(head)) {
                run.kind = "tar." + switch (format) {
                    case GZIP -> "gz";
                    case BZIP2 -> "bz2";
                    default -> "xz";
                };
                stream(new TarArchiveInputStream(decompressed), run);
            } else {
                run.single = true;
                String name = MemberNames.stem(file.getFileName().toString());
                run.guard.member(name);
                readMember(run, name, null, -1, decompressed);
            }
        }
    }

    private InputStream decompressor(ArchiveFormat format, InputStream raw) throws IOException {
        return switch (format) {
            // concatenated streams: pigz, bgzip and `cat a.gz b.gz` write several members
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case XZ -> XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(limits.xzMemoryKiB()).get();
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            default -> throw new IllegalArgumentException(format.name());
        };
    }

    private void stream(ArchiveInputStream<? extends ArchiveEntry> in, Run run) throws IOException {
        ArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            countEntry(run, e.getName());
            if (e instanceof TarArchiveEntry t) {
                if (t.isDirectory()) {
                    entry(run, t.getName(), Kind.DIRECTORY, null, in);
                } else if (t.isSymbolicLink()) {
                    entry(run, t.getName(), Kind.SYMLINK, t.getLinkName(), in);
                } else if (t.isLink()) {
                    entry(run, t.getName(), Kind.HARDLINK, null, in);
                } else if (t.isCharacterDevice() || t.isBlockDevice() || t.isFIFO()) {
                    entry(run, t.getName(), Kind.SPECIAL, null, in);
                } else {
                    file(run, t.getName(), time(t.getLastModifiedDate()), t.getSize(), in);
                }
            } else if (e.isDirectory()) {
                entry(run, e.getName(), Kind.DIRECTORY, null, in);
            } else if (!in.canReadEntryData(e)) {
                run.unreadable++;
                run.guard.drain(in);
            } else {
                // a zip read as a stream (its central directory lost): the local headers do not say what is a link
                file(run, e.getName(), time(e.getLastModifiedDate()), e.getSize(), in);
            }
        }
    }

    private void readZip(Path file, Run run) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            // no central directory (cut short, or not a whole zip): read the local headers from the start
            run.diagnostics.add(Diagnostic.error(run.display, 0, "the zip archive's directory cannot be read ("
                    + describe(e) + "; truncated?): reading its members from the start instead"));
            try (ExpansionGuard.Counting raw = new ExpansionGuard.Counting(
                    new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
                run.guard.compressedFrom(raw::count);
                stream(new ZipArchiveInputStream(raw), run);
            }
            return;
        }
        try (zip) {
            long[] compressed = {0};
            run.guard.compressedFrom(() -> compressed[0]);
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                countEntry(run, e.getName());
                compressed[0] += Math.max(0, e.getCompressedSize());
                if (e.isDirectory()) {
                    entry(run, e.getName(), Kind.DIRECTORY, null, null);
                } else if (e.isUnixSymlink()) {
                    entry(run, e.getName(), Kind.SYMLINK, zip.getUnixSymlink(e), null);
                } else if (isSpecial(e)) {
                    entry(run, e.getName(), Kind.SPECIAL, null, null);
                } else if (!zip.canReadEntryData(e)) {
                    run.unreadable++;
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        file(run, e.getName(), time(e.getLastModifiedDate()), e.getSize(), in);
                    }
                }
            }
        }
    }

    private static boolean isSpecial(ZipArchiveEntry e) {
        if (e.getPlatform() != ZipArchiveEntry.PLATFORM_UNIX) {
            return false;
        }
        int type = e.getUnixMode() & 0170000;
        return type != 0 && type != 0100000 && type != 0040000 && type != 0120000;
    }

    private enum Kind { DIRECTORY, SYMLINK, HARDLINK, SPECIAL }

    private void countEntry(Run run, String name) throws ExpansionGuard.LimitReached {
        run.guard.member(name);
        if (++run.entries > limits.maxEntries()) {
            throw new ExpansionGuard.LimitReached("more than " + String.format(Locale.ROOT, "%,d", limits.maxEntries())
                    + " entries: stopped at " + MemberNames.quoted(name));
        }
    }

    /** A directory, link or special file: nothing to read (a tar may still carry bytes; they are counted). */
    private static void entry(Run run, String rawName, Kind kind, String target, InputStream in) throws IOException {
        String name = safeName(run, rawName);
        if (in != null) {
            run.guard.drain(in);
        }
        if (name == null || name.isEmpty()) {
            return;
        }
        switch (kind) {
            case DIRECTORY -> run.directories.add(name);
            case SYMLINK -> {
                run.symlinkCount++;
                if (target != null && !target.isEmpty()) {
                    run.symlinks.put(name, target);
                }
            }
            case HARDLINK -> run.hardlinks++;
            case SPECIAL -> run.specials++;
        }
    }

    private void file(Run run, String rawName, Instant modified, long size, InputStream in) throws IOException {
        String name = safeName(run, rawName);
        if (name == null || name.isEmpty()) {
            run.guard.drain(in);
            return;
        }
        readMember(run, name, modified, size, in);
    }

    private void readMember(Run run, String name, Instant modified, long size, InputStream in) throws IOException {
        InputStream metered = run.guard.meter(in);
        String source = run.single ? run.display : run.display + "!" + name;
        TextLoader.Loaded loaded = loader.load(metered, source, size);
        // the rest of a member cut at the size limit still streams by: count it against the limits
        run.guard.drain(metered);
        if (loaded.skipped() == TextLoader.Skip.ARCHIVE) {
            String kind = loaded.diagnostics().isEmpty() ? "an archive" : loaded.diagnostics().get(0).message().split(";")[0];
            loaded = new TextLoader.Loaded(null, List.of(Diagnostic.info(source, 0, kind
                    + " inside an archive: not read (unpack it and pass it to drophound on its own)")),
                    TextLoader.Skip.ARCHIVE);
        }
        if (run.members.put(name, new Member(name, modified, size, loaded)) != null) {
            run.duplicates++;
        }
    }

    private static String safeName(Run run, String rawName) {
        String why = MemberNames.unsafe(rawName);
        if (why != null) {
            run.diagnostics.add(Diagnostic.warning(run.display, 0, "member " + MemberNames.quoted(rawName)
                    + " skipped: " + why));
            return null;
        }
        return MemberNames.normalise(rawName);
    }

    private static Instant time(Date date) {
        // 0 is what tools write when they record no time (reproducible builds): unknown, not 1970
        return date == null || date.getTime() <= 0 ? null : date.toInstant();
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
        }
        return m;
    }

    /** The state of one read. */
    private static final class Run {
        final String display;
        final ExpansionGuard guard;
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final Map<String, Member> members = new LinkedHashMap<>();
        final Map<String, String> symlinks = new LinkedHashMap<>();
        final Set<String> directories = new HashSet<>();
        String kind;
        boolean single;
        int entries;
        int symlinkCount;
        int hardlinks;
        int specials;
        int unreadable;
        int duplicates;

        Run(String display, ExpansionGuard guard) {
            this.display = display;
            this.guard = guard;
        }

        String readSoFar() {
            long texts = members.values().stream().filter(m -> m.loaded().text() != null).count();
            return texts == 0 ? "nothing read from it is analysed"
                    : "the " + texts + " file" + (texts == 1 ? "" : "s") + " read before are analysed";
        }

        void summarise() {
            List<String> parts = new ArrayList<>();
            if (symlinkCount > 0) {
                parts.add(plural(symlinkCount, "symbolic link"));
            }
            if (hardlinks > 0) {
                parts.add(plural(hardlinks, "hard link"));
            }
            if (specials > 0) {
                parts.add(specials + (specials == 1 ? " device or fifo" : " devices or fifos"));
            }
            if (!parts.isEmpty()) {
                diagnostics.add(Diagnostic.info(display, 0, String.join(", ", parts)
                        + " not read (the files links point to are read under their own names)"));
            }
            if (unreadable > 0) {
                diagnostics.add(Diagnostic.warning(display, 0, plural(unreadable, "member")
                        + " encrypted or compressed with a method Commons Compress cannot read; skipped"));
            }
            if (duplicates > 0) {
                diagnostics.add(Diagnostic.info(display, 0, plural(duplicates, "member name")
                        + " stored twice: the last copy is read, as tar extracts it"));
            }
        }

        private static String plural(int n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }
    }
}
