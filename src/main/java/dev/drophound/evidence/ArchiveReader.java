package dev.drophound.evidence;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.function.LongSupplier;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
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
 *   <li>member names that are absolute, contain {@code ..} or control characters are skipped with a warning;</li>
 *   <li>links, devices and fifos are not read (links are kept only to name files, see {@link LinkNames});</li>
 *   <li>at most {@link Limits#maxEntries} entries and {@link Limits#maxExpandedBytes} expanded bytes are read,
 *       counting bytes that are streamed past (members cut at the size limit, skipped members) too, and an
 *       expansion ratio above {@link Limits#maxRatio} once more than {@link Limits#ratioFloorBytes} have been
 *       expanded stops the read as a decompression bomb;</li>
 *   <li>a truncated or corrupt archive stops the read with an error naming the member it stopped in.</li>
 * </ul>
 * Whatever was read before a limit or a corruption is kept and analysed.
 */
public final class ArchiveReader {

    /**
     * @param maxEntries       entries (files, directories, links) read at most; a full sosreport has 5,000-30,000
     * @param maxExpandedBytes bytes decompressed at most, all members together
     * @param maxRatio         expanded / compressed bytes above which the archive is taken for a bomb; text
     *                         compresses 5-20 times (the real sosreport in the tests: about 8), gzip cannot go past
     *                         about 1,000, zeros in xz or bzip2 go far beyond
     * @param ratioFloorBytes  the ratio is judged only past this many expanded bytes, so that a small archive of
     *                         tiny, very compressible files is not mistaken for one
     * @param xzMemoryKiB      memory an xz stream may ask for (its header says how much; xz -9 needs 65 MiB)
     */
    public record Limits(int maxEntries, long maxExpandedBytes, int maxRatio, long ratioFloorBytes, int xzMemoryKiB) {
        public static final Limits STANDARD = new Limits(100_000, 2L * 1024 * 1024 * 1024, 200, 8L * 1024 * 1024,
                256 * 1024);
    }

    /** What the first bytes of a file say it is. */
    public enum Format {
        TAR("tar"), ZIP("zip"), GZIP("gzip"), XZ("xz"), BZIP2("bzip2");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** The format of these first bytes, or null when they are none of these (text, or 7z, rar, zstd ...). */
        public static Format sniff(byte[] head) {
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
            if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
                return ZIP;
            }
            if (isTarHeader(head)) {
                return TAR;
            }
            return null;
        }

        public static Format sniff(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return sniff(in.readNBytes(512));
            }
        }
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

    private final TextLoader loader;
    private final Limits limits;

    public ArchiveReader(TextLoader loader, Limits limits) {
        this.loader = loader;
        this.limits = limits;
    }

    /** Reads the archive at {@code file}, called {@code displayName} in messages; never throws for bad content. */
    public Result read(Path file, String displayName, Format format) {
        Run run = new Run(displayName);
        try {
            if (format == Format.ZIP) {
                readZip(file, run);
            } else {
                readStream(file, format, run);
            }
        } catch (LimitReached e) {
            run.diagnostics.add(Diagnostic.error(displayName, 0, e.getMessage() + "; " + run.readSoFar()));
        } catch (IOException | RuntimeException e) {
            // Commons Compress reports a corrupt header as an IllegalArgumentException in places; either way the
            // archive cannot be read further and what was read stays
            String where = run.current == null ? "before the first member" : "in member " + MemberNames.quoted(run.current);
            run.diagnostics.add(Diagnostic.error(displayName, 0, "the " + run.kind + (run.single ? " file" : " archive")
                    + " is truncated or corrupt (" + describe(e) + "): stopped " + where + "; " + run.readSoFar()));
        }
        run.summarise();
        return new Result(run.kind, run.single, List.copyOf(run.members.values()), Collections.unmodifiableMap(run.symlinks),
                Collections.unmodifiableSet(run.directories), run.diagnostics);
    }

    /** A tar, compressed or not, or one compressed file, read front to back. */
    private void readStream(Path file, Format format, Run run) throws IOException {
        try (Counting raw = new Counting(new BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
            run.compressed = raw::count;
            switch (format) {
                case TAR -> stream(new TarArchiveInputStream(raw), run);
                default -> {
                    run.kind = format.label;
                    InputStream decompressed = new BufferedInputStream(decompressor(format, raw), 64 * 1024);
                    decompressed.mark(512);
                    byte[] head = decompressed.readNBytes(512);
                    decompressed.reset();
                    if (isTarHeader(head)) {
                        run.kind = "tar." + switch (format) {
                            case GZIP -> "gz";
                            case BZIP2 -> "bz2";
                            default -> "xz";
                        };
                        stream(new TarArchiveInputStream(decompressed), run);
                    } else {
                        run.single = true;
                        run.current = MemberNames.stem(file.getFileName().toString());
                        readMember(run, run.current, null, -1, decompressed);
                    }
                }
            }
        }
    }

    private InputStream decompressor(Format format, InputStream raw) throws IOException {
        return switch (format) {
            // concatenated streams: pigz, bgzip and `cat a.gz b.gz` write several members
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case XZ -> XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(limits.xzMemoryKiB()).get();
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            default -> throw new IllegalArgumentException(format.name());
        };
    }

    private static boolean isTarHeader(byte[] head) {
        if (head.length < 512) {
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

    private void stream(ArchiveInputStream<? extends ArchiveEntry> in, Run run) throws IOException {
        ArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            countEntry(run, e.getName());
            if (e instanceof TarArchiveEntry t) {
                if (t.isDirectory()) {
                    entry(run, t.getName(), EntryKind.DIRECTORY, null, in);
                } else if (t.isSymbolicLink()) {
                    entry(run, t.getName(), EntryKind.SYMLINK, t.getLinkName(), in);
                } else if (t.isLink()) {
                    entry(run, t.getName(), EntryKind.HARDLINK, null, in);
                } else if (t.isCharacterDevice() || t.isBlockDevice() || t.isFIFO()) {
                    entry(run, t.getName(), EntryKind.SPECIAL, null, in);
                } else {
                    file(run, t.getName(), time(t.getLastModifiedDate()), t.getSize(), in);
                }
            } else if (e.isDirectory()) {
                entry(run, e.getName(), EntryKind.DIRECTORY, null, in);
            } else if (!in.canReadEntryData(e)) {
                run.unreadable++;
                drain(run, in);
            } else {
                // a zip read as a stream (its central directory lost): the local headers do not say what is a link
                file(run, e.getName(), time(e.getLastModifiedDate()), e.getSize(), in);
            }
        }
    }

    private void readZip(Path file, Run run) throws IOException {
        run.kind = "zip";
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            // no central directory (cut short, or not a whole zip): read the local headers from the start
            run.diagnostics.add(Diagnostic.error(run.display, 0, "the zip archive's directory cannot be read ("
                    + describe(e) + "; truncated?): reading its members from the start instead"));
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                    Counting raw = new Counting(in)) {
                run.compressed = raw::count;
                stream(new ZipArchiveInputStream(raw), run);
            }
            return;
        }
        try (zip) {
            long[] compressed = {0};
            run.compressed = () -> compressed[0];
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                countEntry(run, e.getName());
                compressed[0] += Math.max(0, e.getCompressedSize());
                if (e.isDirectory()) {
                    entry(run, e.getName(), EntryKind.DIRECTORY, null, null);
                } else if (e.isUnixSymlink()) {
                    entry(run, e.getName(), EntryKind.SYMLINK, zip.getUnixSymlink(e), null);
                } else if (isSpecial(e)) {
                    entry(run, e.getName(), EntryKind.SPECIAL, null, null);
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

    private enum EntryKind { DIRECTORY, SYMLINK, HARDLINK, SPECIAL }

    private void countEntry(Run run, String name) throws LimitReached {
        run.current = name;
        if (++run.entries > limits.maxEntries()) {
            throw new LimitReached("more than " + String.format(Locale.ROOT, "%,d", limits.maxEntries())
                    + " entries: stopped at " + MemberNames.quoted(name));
        }
    }

    /** A directory, link or special file: nothing to read (a tar may still carry bytes; they are counted). */
    private void entry(Run run, String rawName, EntryKind kind, String target, InputStream in) throws IOException {
        String name = safeName(run, rawName);
        if (in != null) {
            drain(run, in);
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
            drain(run, in);
            return;
        }
        readMember(run, name, modified, size, in);
    }

    private void readMember(Run run, String name, Instant modified, long size, InputStream in) throws IOException {
        Meter meter = new Meter(in, run);
        String source = run.single ? run.display : run.display + "!" + name;
        TextLoader.Loaded loaded = loader.load(meter, source, size);
        // the rest of a member cut at the size limit still streams by: count it against the limits
        drain(run, meter);
        if (loaded.skipped() == TextLoader.Skip.ARCHIVE) {
            run.nested++;
            String kind = loaded.diagnostics().isEmpty() ? "an archive" : loaded.diagnostics().get(0).message().split(";")[0];
            loaded = new TextLoader.Loaded(null, List.of(Diagnostic.info(source, 0, kind
                    + " inside an archive: not read (unpack it and pass it to drophound on its own)")), TextLoader.Skip.ARCHIVE);
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

    private static void drain(Run run, InputStream in) throws IOException {
        (in instanceof Meter ? in : new Meter(in, run)).transferTo(OutputStream.nullOutputStream());
    }

    private static Instant time(Date date) {
        // 0 is what tools write when they record no time (reproducible builds): unknown, not 1970
        return date == null || date.getTime() <= 0 ? null : date.toInstant();
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e instanceof java.io.EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
        }
        return m;
    }

    /** The state of one read. */
    private final class Run {
        final String display;
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final Map<String, Member> members = new LinkedHashMap<>();
        final Map<String, String> symlinks = new LinkedHashMap<>();
        final Set<String> directories = new HashSet<>();
        String kind = "tar";
        boolean single;
        LongSupplier compressed = () -> 0;
        long expanded;
        int entries;
        String current;
        int symlinkCount;
        int hardlinks;
        int specials;
        int nested;
        int unreadable;
        int duplicates;

        Run(String display) {
            this.display = display;
        }

        void add(long n) throws LimitReached {
            expanded += n;
            if (expanded > limits.maxExpandedBytes()) {
                throw new LimitReached("more than " + TextLoader.humanBytes(limits.maxExpandedBytes())
                        + " expanded (the limit for one archive): stopped in member " + MemberNames.quoted(current));
            }
            long c = compressed.getAsLong();
            if (expanded > limits.ratioFloorBytes() && c > 0 && expanded / c > limits.maxRatio()) {
                throw new LimitReached("looks like a decompression bomb: " + TextLoader.humanBytes(c) + " expanded to "
                        + TextLoader.humanBytes(expanded) + " (more than " + limits.maxRatio() + " times) by member "
                        + MemberNames.quoted(current) + "; stopped there");
            }
        }

        String readSoFar() {
            long texts = members.values().stream().filter(m -> m.loaded().text() != null).count();
            return texts == 0 ? "nothing read from it is analysed"
                    : "the " + texts + " file" + (texts == 1 ? "" : "s") + " read before are analysed";
        }

        void summarise() {
            List<String> parts = new ArrayList<>();
            if (symlinkCount > 0) {
                parts.add(symlinkCount + " symbolic link" + (symlinkCount == 1 ? "" : "s"));
            }
            if (hardlinks > 0) {
                parts.add(hardlinks + " hard link" + (hardlinks == 1 ? "" : "s"));
            }
            if (specials > 0) {
                parts.add(specials + " device" + (specials == 1 ? "" : "s") + " or fifo" + (specials == 1 ? "" : "s"));
            }
            if (!parts.isEmpty()) {
                diagnostics.add(Diagnostic.info(display, 0, String.join(", ", parts)
                        + " not read (the files links point to are read under their own names)"));
            }
            if (unreadable > 0) {
                diagnostics.add(Diagnostic.warning(display, 0, unreadable + " member" + (unreadable == 1 ? "" : "s")
                        + " encrypted or compressed with a method Commons Compress cannot read; skipped"));
            }
            if (duplicates > 0) {
                diagnostics.add(Diagnostic.info(display, 0, duplicates + " member name" + (duplicates == 1 ? "" : "s")
                        + " stored twice: the last copy is read, as tar extracts it"));
            }
        }
    }

    /** Counts expanded bytes of a member and applies the limits as they stream by; never closes the archive. */
    private static final class Meter extends FilterInputStream {
        private final Run run;

        Meter(InputStream in, Run run) {
            super(in);
            this.run = run;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                run.add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                run.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would hide bytes from the limits: read them instead
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public void close() {
            // the archive stream is closed by its owner
        }
    }

    /** Counts the compressed bytes read from the file. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        }
    }

    /** A limit was reached: the read stops here, what was read is kept. */
    static final class LimitReached extends IOException {
        private static final long serialVersionUID = 1L;

        LimitReached(String message) {
            super(message);
        }
    }
}
