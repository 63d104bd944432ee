package dev.drophound.report;

import dev.drophound.analysis.Analysis;
import java.io.PrintWriter;

/** Shows an analysis in one output format. Renderers compute nothing. */
public interface Renderer {

    /** {@code text}, {@code json}, {@code markdown}: the value of {@code --format}. */
    String id();

    void render(Analysis analysis, Options options, PrintWriter out);

    /**
     * @param verbose show every diagnostic and every passed check in full
     * @param color   ANSI colours (text on a terminal only)
     */
    record Options(boolean verbose, boolean color, String version) {
    }
}
