package dev.drophound.report;

import dev.drophound.analysis.Analysis;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.findings.EvidenceLine;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import java.io.PrintWriter;
import java.util.Locale;

/** For a ticket or a wiki: the same content as text, as Markdown with evidence in code blocks. */
public final class MarkdownRenderer implements Renderer {

    @Override
    public String id() {
        return "markdown";
    }

    @Override
    public void render(Analysis a, Options o, PrintWriter out) {
        out.println("# drophound report");
        out.println();
        out.println("_" + Headline.of(a, o.version()) + "_");
        out.println();
        out.println("## Verdict: " + a.verdict().severity().id()
                + (a.verdict().stage() != null ? " (" + a.verdict().stage().id() + ")" : ""));
        out.println();
        out.println(escape(a.verdict().summary()));
        section(out, "Problems", a, Severity.WARNING, true);
        section(out, "Information", a, Severity.INFO, o.verbose());
        if (a.findings().stream().anyMatch(f -> f.severity() == Severity.OK)) {
            out.println();
            out.println("## Checked and fine");
            out.println();
            a.findings().stream().filter(f -> f.severity() == Severity.OK)
                    .forEach(f -> out.println("- `" + f.id() + "`: " + escape(f.summary())));
        }
        if (!a.verdict().notChecked().isEmpty()) {
            out.println();
            out.println("## Not checked");
            out.println();
            a.verdict().notChecked().forEach(s -> out.println("- " + escape(s)));
        }
        if (!a.diagnostics().isEmpty()) {
            out.println();
            out.println("## Not read or not analysed");
            out.println();
            for (Diagnostic d : a.diagnostics()) {
                out.println("- " + d.level().name().toLowerCase(Locale.ROOT) + ": `" + d.source()
                        + (d.line() > 0 ? ":" + d.line() : "") + "` " + escape(d.message()));
            }
        }
        out.flush();
    }

    private static void section(PrintWriter out, String title, Analysis a, Severity level, boolean full) {
        var list = a.findings().stream().filter(f -> level == Severity.WARNING
                ? f.severity().atLeast(Severity.WARNING) : f.severity() == level).toList();
        if (list.isEmpty()) {
            return;
        }
        out.println();
        out.println("## " + title + " (" + list.size() + ")");
        for (Finding f : list) {
            out.println();
            if (!full) {
                out.println("- **" + f.severity().id() + "** `" + f.id() + "`: " + escape(f.summary()));
                continue;
            }
            out.println("### " + f.severity().id().toUpperCase(Locale.ROOT) + ": " + escape(f.title()));
            out.println();
            out.println("`" + f.id() + "` · stage " + f.stage().id() + " · confidence " + f.confidence().id());
            out.println();
            out.println(escape(f.summary()));
            if (!f.evidence().isEmpty()) {
                out.println();
                out.println("Evidence:");
                out.println();
                out.println("```");
                for (EvidenceLine l : f.evidence()) {
                    out.println(l.source() + ":" + l.line() + "  " + TextRenderer.clip(l.text()));
                }
                out.println("```");
            }
            if (!f.explanation().isEmpty()) {
                out.println();
                out.println("**Why:** " + escape(f.explanation()));
            }
            if (!f.remediation().isEmpty()) {
                out.println();
                out.println("**Fix:**");
                for (Remediation r : f.remediation()) {
                    out.println();
                    out.println("```sh");
                    out.println(r.command());
                    out.println("```");
                    out.println();
                    out.println(escape(r.why()) + (r.persistent() != null ? " Persistent: " + escape(r.persistent()) : "")
                            + (r.cost() != null ? " Cost: " + escape(r.cost()) : ""));
                }
            }
            if (!f.confidenceReason().isEmpty()) {
                out.println();
                out.println("**Confidence:** " + f.confidence().id() + ": " + escape(f.confidenceReason()));
            }
            for (String next : f.nextSteps()) {
                out.println();
                out.println("**Next:** " + escape(next));
            }
        }
    }

    /** Keeps Markdown from reading evidence text as markup. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace(">", "&gt;");
    }
}
