package dev.drophound.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.cli.Main;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON report of real scenarios, compared with reviewed golden files: any change to the contract
 * (docs/json-report.md) or to a verdict shows up as a diff. Regenerate with -Ddrophound.updateGolden=true.
 */
class JsonGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/01-udp-rcvbuf-overflow", "fixtures/08-healthy-baseline", "seeds/001_64cba6ed93d5da2f.txt"})
    void jsonReportMatchesTheGoldenFile(String input) throws IOException {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"analyze", "--format", "json", TestData.root().resolve(input).toString()},
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(new StringWriter()));
        String json = out.toString()
                .replace(TestData.root().toAbsolutePath().toString(), "testdata")
                .replaceAll("\"version\" : \"[^\"]+\"", "\"version\" : \"VERSION\"");
        Path golden = Path.of("src/test/resources/golden", input.replaceAll("[/.]", "_") + ".json");
        if (Boolean.getBoolean("drophound.updateGolden") || !Files.exists(golden)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, json);
        }
        assertThat(json).isEqualTo(Files.readString(golden));
    }
}
