package dev.drophound.analysis;

import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.TextLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sosreport holds thousands of files drophound has no use for ({@code etc/}, {@code sos_logs/}, process lists,
 * ACPI tables ...). The report says so once per sosreport, with counts and a few names, instead of one line per
 * file; files given one by one keep their own lines.
 */
final class SosreportSummary {

    static final int EXAMPLES = 4;

    private static final class Tally {
        int unread;
        int empty;
        int binary;
        int archives;
        final List<String> examples = new ArrayList<>();
    }

    private final Map<String, Tally> bySosreport = new LinkedHashMap<>();

    /** A file that gave no text (empty, binary, an archive inside). */
    void notText(String sosreport, String name, TextLoader.Skip why) {
        Tally t = bySosreport.computeIfAbsent(sosreport, k -> new Tally());
        if (why == TextLoader.Skip.EMPTY) {
            t.empty++;
        } else if (why == TextLoader.Skip.ARCHIVE) {
            t.archives++;
        } else {
            t.binary++;
        }
    }

    /** A text no parser recognised. */
    void unread(String sosreport, String name) {
        Tally t = bySosreport.computeIfAbsent(sosreport, k -> new Tally());
        t.unread++;
        if (t.examples.size() < EXAMPLES) {
            t.examples.add(name);
        }
    }

    List<Diagnostic> diagnostics() {
        List<Diagnostic> out = new ArrayList<>();
        bySosreport.forEach((sosreport, t) -> {
            List<String> parts = new ArrayList<>();
            if (t.unread > 0) {
                parts.add(t.unread + " not in a format drophound reads (e.g. " + String.join(", ", t.examples)
                        + (t.unread > t.examples.size() ? ", ..." : "") + ")");
            }
            if (t.empty > 0) {
                parts.add(t.empty + " empty");
            }
            if (t.binary > 0) {
                parts.add(t.binary + " binary");
            }
            if (t.archives > 0) {
                parts.add(t.archives + " archive" + (t.archives == 1 ? "" : "s") + " inside it");
            }
            int total = t.unread + t.empty + t.binary + t.archives;
            out.add(Diagnostic.info(sosreport, 0, "sosreport: " + total + " file" + (total == 1 ? "" : "s")
                    + " not analysed: " + String.join("; ", parts) + " (see `drophound formats`)"));
        });
        return out;
    }
}
