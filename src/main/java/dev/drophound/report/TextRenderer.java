package dev.drophound.report;

import dev.drophound.analysis.Analysis;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.findings.EvidenceLine;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Verdict;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** For a terminal: the verdict first, then problems in full, then what is only information, fine, or unread. */
public final class TextRenderer implements Renderer {

    static final int WIDTH = 100;
    /** Diagnostics shown without --verbose; the rest are counted. */
    static final int DIAGNOSTICS_SHOWN = 25;
    private static final int EVIDENCE_WIDTH = 160;

    @Override
    public String id() {
        return "text";
    }

    @Override
    public void render(Analysis a, Options o, PrintWriter out) {
        out.println(Headline.of(a, o.version()));
        out.println();
        Verdict v = a.verdict();
        out.println(bold(o, "VERDICT") + "  " + badge(o, v.severity()) + (v.stage() != null ? " · " + v.stage().id() : "")
                + " · confidence " + v.confidence().id());
        wrap(out, "  ", v.summary());
        List<Finding> problems = a.findings().stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
        List<Finding> info = a.findings().stream().filter(f -> f.severity() == Severity.INFO).toList();
        List<Finding> ok = a.findings().stream().filter(f -> f.severity() == Severity.OK).toList();
        if (!problems.isEmpty()) {
            out.println();
            out.println(bold(o, "PROBLEMS (" + problems.size() + ")"));
            int n = 1;
            for (Finding f : problems) {
                out.println();
                full(out, o, n++, f);
            }
        }
        if (!info.isEmpty()) {
            out.println();
            out.println(bold(o, "INFORMATION (" + info.size() + ")"));
            for (Finding f : info) {
                if (o.verbose()) {
                    out.println();
                    full(out, o, 0, f);
                } else {
                    wrap(out, "  - ", f.id() + ": " + f.summary());
                    if (!f.evidence().isEmpty()) {
                        EvidenceLine l = f.evidence().get(f.evidence().size() - 1);
                        out.println("      " + l.source() + ":" + l.line() + "  " + clip(l.text()));
                    }
                }
            }
        }
        if (!ok.isEmpty()) {
            out.println();
            out.println(bold(o, "CHECKED AND FINE (" + ok.size() + ")"));
            for (Finding f : ok) {
                wrap(out, "  - ", f.id() + ": " + f.summary());
            }
        }
        if (!v.notChecked().isEmpty()) {
            out.println();
            out.println(bold(o, "NOT CHECKED (" + v.notChecked().size() + ", no evidence for them)"));
            for (String s : v.notChecked()) {
                wrap(out, "  - ", s);
            }
        }
        List<Diagnostic> diagnostics = a.diagnostics();
        if (!diagnostics.isEmpty()) {
            out.println();
            out.println(bold(o, "NOT READ OR NOT ANALYSED (" + diagnostics.size() + ")"));
            int shown = o.verbose() ? diagnostics.size() : Math.min(DIAGNOSTICS_SHOWN, diagnostics.size());
            for (Diagnostic d : diagnostics.subList(0, shown)) {
                out.println("  " + d.level().name().toLowerCase(Locale.ROOT) + ": " + d.oneLine());
            }
            if (shown < diagnostics.size()) {
                out.println("  ... and " + (diagnostics.size() - shown) + " more (--verbose or --format json lists all)");
            }
        }
        out.flush();
    }

    private static void full(PrintWriter out, Options o, int n, Finding f) {
        String head = (n > 0 ? String.format(Locale.ROOT, "%2d. ", n) : "  - ") + badge(o, f.severity()) + "  "
                + f.id() + "  " + bold(o, f.title());
        out.println(head);
        wrap(out, "    ", f.summary());
        if (!f.evidence().isEmpty()) {
            out.println("    Evidence:");
            for (EvidenceLine l : f.evidence()) {
                out.println("      " + l.source() + ":" + l.line() + "  " + clip(l.text()));
            }
        }
        if (!f.explanation().isEmpty()) {
            wrap(out, "    Why: ", f.explanation());
        }
        if (f.socket() != null && f.socket().inode() != null) {
            out.println("    Socket inode: " + f.socket().inode());
        }
        if (!f.remediation().isEmpty()) {
            out.println("    Fix:");
            for (Remediation r : f.remediation()) {
                out.println("      $ " + r.command());
                wrap(out, "        ", r.why());
                if (r.persistent() != null) {
                    wrap(out, "        Persistent: ", r.persistent());
                }
                if (r.cost() != null) {
                    wrap(out, "        Cost: ", r.cost());
                }
            }
        }
        wrap(out, "    Confidence: ", f.confidence().id() + (f.confidenceReason().isEmpty() ? "" : ": " + f.confidenceReason()));
        for (String next : f.nextSteps()) {
            wrap(out, "    Next: ", next);
        }
    }

    /** Word-wraps {@code text} at {@link #WIDTH}, first line after {@code prefix}, the rest indented to match. */
    static void wrap(PrintWriter out, String prefix, String text) {
        String indent = " ".repeat(prefix.length());
        StringBuilder line = new StringBuilder(prefix);
        int start = line.length();
        for (String word : text.split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                start = line.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }

    static String clip(String s) {
        String t = s.replace('\t', ' ');
        return t.length() <= EVIDENCE_WIDTH ? t : t.substring(0, EVIDENCE_WIDTH - 3) + "...";
    }

    private static String badge(Options o, Severity s) {
        String label = s.name();
        if (!o.color()) {
            return label;
        }
        String code = switch (s) {
            case CRITICAL -> "\u001B[1;31m";
            case WARNING -> "\u001B[33m";
            case INFO -> "\u001B[36m";
            case OK -> "\u001B[32m";
        };
        return code + label + "\u001B[0m";
    }

    private static String bold(Options o, String s) {
        return o.color() ? "\u001B[1m" + s + "\u001B[0m" : s;
    }
}
