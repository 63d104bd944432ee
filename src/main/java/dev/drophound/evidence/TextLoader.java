package dev.drophound.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads evidence bytes into text with bounded memory and says what it could not read: binary data,
 * archives, files larger than the limit (only the head is read, cut at a line end), bytes that are not
 * UTF-8. Terminal colour codes ({@code ip -c}) are removed; line numbers stay as in the file.
 */
public final class TextLoader {

    /**
     * Default for {@code --max-file-size}. Every text a drophound check reads is far smaller (a sosreport's
     * largest network file is a few MiB); 16 MiB of dense counters parse in about 4 s within a 256 MiB heap
     * (bench/large-input.sh).
     */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private static final int SNIFF_BYTES = 8192;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private final long maxBytes;

    public TextLoader(long maxBytes) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("max bytes too small: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * The text read, or null when nothing usable was read; diagnostics say why.
     *
     * @param skipped why no text was read (null when {@code text} is not null); lets a caller that reads many
     *                files it did not choose (a sosreport) count them instead of listing each one
     */
    public record Loaded(String text, List<Diagnostic> diagnostics, Skip skipped) {

        public Loaded(String text, List<Diagnostic> diagnostics) {
            this(text, diagnostics, null);
        }
    }

    /** Why a source gave no text. */
    public enum Skip { EMPTY, BINARY, ARCHIVE }

    public Loaded load(InputStream in, String sourceName, long declaredSize) throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        byte[] head = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 16));
        boolean more = in.read() != -1;
        if (head.length == 0) {
            diagnostics.add(Diagnostic.info(sourceName, 0, "empty: nothing to analyse"));
            return new Loaded(null, diagnostics, Skip.EMPTY);
        }
        String kind = archiveKind(head);
        if (kind != null) {
            // files given on the command line are sniffed before they get here (InputCollector) and .tar(.gz/.xz/
            // .bz2), .zip and single compressed files are read as archives; what arrives here is a format Commons
            // Compress cannot stream without native code or a seekable file (7z, rar, zstd), or standard input
            diagnostics.add(Diagnostic.error(sourceName, 0, kind + "; drophound reads .tar, .tar.gz, .tar.xz, "
                    + ".tar.bz2 and .zip files given as paths: unpack this one and pass the directory"));
            return new Loaded(null, diagnostics, Skip.ARCHIVE);
        }
        int nul = binaryOffset(head);
        if (nul >= 0) {
            diagnostics.add(Diagnostic.error(sourceName, 0, String.format(Locale.ROOT,
                    "binary data, not text (byte 0x%02x at offset %d); skipped", head[nul] & 0xff, nul)));
            return new Loaded(null, diagnostics, Skip.BINARY);
        }
        int length = head.length;
        if (more) {
            // cut at the last complete line so that no parser sees half a line
            int cut = length;
            while (cut > 0 && head[cut - 1] != '\n') {
                cut--;
            }
            length = cut > 0 ? cut : length;
        }
        // straight to a compact string: for ASCII text no UTF-16 copy is made (half the memory of a CharBuffer);
        // bytes that are not UTF-8 become U+FFFD, counted below
        String text = new String(head, 0, length, StandardCharsets.UTF_8);
        head = null; // let the bytes go before the text is split into lines
        int bad = countReplacements(text);
        if (bad > 0) {
            diagnostics.add(Diagnostic.info(sourceName, firstReplacementLine(text),
                    bad + " byte sequence(s) that are not UTF-8 shown as \uFFFD"));
        }
        if (text.indexOf('\u001B') >= 0) {
            text = ANSI.matcher(text).replaceAll("");
        }
        if (more) {
            int lines = Block.splitLines(text).size();
            String size = declaredSize > 0 ? humanBytes(declaredSize) : "more than " + humanBytes(maxBytes);
            diagnostics.add(Diagnostic.warning(sourceName, lines, "file is " + size + "; read only the first "
                    + humanBytes(maxBytes) + " (lines 1-" + lines + "); pass --max-file-size to read more"));
        }
        return new Loaded(text, diagnostics);
    }

    static String archiveKind(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return "gzip-compressed data (a .tar.gz bundle or sosreport?)";
        }
        if (b.length >= 6 && (b[0] & 0xff) == 0xfd && b[1] == '7' && b[2] == 'z' && b[3] == 'X' && b[4] == 'Z') {
            return "xz-compressed data (a .tar.xz sosreport?)";
        }
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return "a zip archive";
        }
        if (b.length >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h') {
            return "bzip2-compressed data";
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0x28 && (b[1] & 0xff) == 0xb5 && (b[2] & 0xff) == 0x2f
                && (b[3] & 0xff) == 0xfd) {
            return "zstd-compressed data";
        }
        if (b.length >= 6 && b[0] == '7' && b[1] == 'z' && (b[2] & 0xff) == 0xbc && (b[3] & 0xff) == 0xaf
                && b[4] == 0x27 && b[5] == 0x1c) {
            return "a 7z archive";
        }
        if (b.length >= 4 && b[0] == 'R' && b[1] == 'a' && b[2] == 'r' && b[3] == '!') {
            return "a rar archive";
        }
        if (b.length > 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r') {
            return "a tar archive";
        }
        return null;
    }

    /**
     * Offset of the first byte that makes this binary: a NUL, or (when more than 10% of the sniffed bytes are
     * control characters other than tab, newline, CR, form feed and escape) the first such byte. -1 for text.
     */
    static int binaryOffset(byte[] b) {
        int n = Math.min(b.length, SNIFF_BYTES);
        int controls = 0;
        int firstControl = -1;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return i;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
                controls++;
                if (firstControl < 0) {
                    firstControl = i;
                }
            }
        }
        return controls * 10 > n ? firstControl : -1;
    }

    private static int countReplacements(String s) {
        int count = 0;
        for (int i = s.indexOf('\uFFFD'); i >= 0; i = s.indexOf('\uFFFD', i + 1)) {
            count++;
        }
        return count;
    }

    private static int firstReplacementLine(String s) {
        int at = s.indexOf('\uFFFD');
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
