package dev.drophound.report;

import java.util.List;
import java.util.Optional;

/** The output formats, listed explicitly. */
public final class RendererRegistry {

    private final List<Renderer> renderers = List.of(new TextRenderer(), new JsonRenderer(), new MarkdownRenderer());

    public static RendererRegistry standard() {
        return new RendererRegistry();
    }

    public Optional<Renderer> byId(String id) {
        return renderers.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return renderers.stream().map(Renderer::id).toList();
    }
}
