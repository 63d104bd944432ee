package dev.drophound.evidence;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * Counts the bytes an archive expands to as they stream by and stops the read when they pass a limit: the
 * total, or an expansion ratio no real evidence has (a decompression bomb). Bytes that are only streamed past
 * (the rest of a member cut at the size limit, a skipped member) count too, since decompressing them costs the
 * same.
 */
final class ExpansionGuard {

    private final ArchiveReader.Limits limits;
    private LongSupplier compressed = () -> 0;
    private long expanded;
    private String member;

    ExpansionGuard(ArchiveReader.Limits limits) {
        this.limits = limits;
    }

    /** Where the compressed byte count comes from (the file stream, or a zip's entry sizes). */
    void compressedFrom(LongSupplier compressed) {
        this.compressed = compressed;
    }

    /** The member being read, named in the message when a limit is reached. */
    void member(String name) {
        this.member = name;
    }

    String member() {
        return member;
    }

    /** {@code in}, counted; closing it leaves {@code in} open (the archive's owner closes that). */
    InputStream meter(InputStream in) {
        return in instanceof Meter m && m.guard == this ? in : new Meter(in, this);
    }

    /** Reads {@code in} to its end, counting every byte. */
    void drain(InputStream in) throws IOException {
        meter(in).transferTo(OutputStream.nullOutputStream());
    }

    private void add(long n) throws LimitReached {
        expanded += n;
        if (expanded > limits.maxExpandedBytes()) {
            throw new LimitReached("more than " + TextLoader.humanBytes(limits.maxExpandedBytes())
                    + " expanded (the limit for one archive): stopped in member " + MemberNames.quoted(member));
        }
        long c = compressed.getAsLong();
        if (expanded > limits.ratioFloorBytes() && c > 0 && expanded / c > limits.maxRatio()) {
            throw new LimitReached("looks like a decompression bomb: " + TextLoader.humanBytes(c) + " expanded to "
                    + TextLoader.humanBytes(expanded) + " (more than " + limits.maxRatio() + " times) by member "
                    + MemberNames.quoted(member) + "; stopped there");
        }
    }

    /** A limit was reached: the read stops here, what was read is kept. */
    static final class LimitReached extends IOException {
        private static final long serialVersionUID = 1L;

        LimitReached(String message) {
            super(message);
        }
    }

    private static final class Meter extends FilterInputStream {
        private final ExpansionGuard guard;

        Meter(InputStream in, ExpansionGuard guard) {
            super(in);
            this.guard = guard;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                guard.add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                guard.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would hide bytes from the limits: read them instead
            if (n <= 0) {
                return 0;
            }
            byte[] buffer = new byte[(int) Math.max(1, Math.min(n, 8192))];
            return Math.max(read(buffer, 0, buffer.length), 0);
        }

        @Override
        public void close() {
            // the archive stream is closed by its owner
        }
    }

    /** Counts the compressed bytes taken from the file. */
    static final class Counting extends FilterInputStream {
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
}
