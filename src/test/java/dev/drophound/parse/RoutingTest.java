package dev.drophound.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real output under testdata/fixtures and testdata/captured, routed through the full registry, goes to
 * the parser recorded in golden/routing.txt ("-" for formats drophound does not read yet: perf report, OVS/DPDK
 * logs, memory files). A parser that starts claiming another format's files fails here. After a deliberate
 * change, regenerate with -Ddrophound.updateGolden=true and review the diff.
 */
class RoutingTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/routing.txt");

    @Test
    void everyRealOutputGoesToItsParser() throws IOException {
        ParserRegistry registry = ParserRegistry.standard();
        List<String> actual = new ArrayList<>();
        for (String dir : List.of("fixtures", "captured")) {
            try (Stream<Path> files = Files.walk(TestData.root().resolve(dir))) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".md") || name.endsWith(".sh") || name.endsWith(".py")) {
                        continue;
                    }
                    String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                    String id = registry.route(Block.ofText(name, text)).map(c -> c.parser().id()).orElse("-");
                    actual.add(id + "\t" + TestData.root().relativize(p));
                }
            }
        }
        if (Boolean.getBoolean("drophound.updateGolden")) {
            Files.write(GOLDEN, actual);
        }
        assertThat(actual).containsExactlyElementsOf(Files.readAllLines(GOLDEN));
    }
}
