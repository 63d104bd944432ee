package dev.drophound.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TextLoaderTest {

    private final TextLoader loader = new TextLoader(64 * 1024);

    private TextLoader.Loaded load(byte[] bytes) throws IOException {
        return loader.load(new ByteArrayInputStream(bytes), "f.txt", bytes.length);
    }

    @Test
    void readsRealTextUnchanged() throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.path("fixtures/08-healthy-baseline/proc-net-snmp.txt"));
        TextLoader.Loaded loaded = load(bytes);
        assertThat(loaded.text()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(loaded.diagnostics()).isEmpty();
    }

    @Test
    void emptyInputIsSaidNotAnalysed() throws IOException {
        TextLoader.Loaded loaded = load(new byte[0]);
        assertThat(loaded.text()).isNull();
        assertThat(loaded.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("empty");
        });
    }

    @Test
    void binaryDataIsRefusedWithTheOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.path("fixtures/08-healthy-baseline/proc-net-snmp.txt"));
        bytes[100] = 0;
        TextLoader.Loaded loaded = load(bytes);
        assertThat(loaded.text()).isNull();
        assertThat(loaded.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.message()).contains("binary data").contains("offset 100");
        });
    }

    @Test
    void archivesAreRecognisedByTheirMagicBytes() throws IOException {
        TextLoader.Loaded gz = load(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
        assertThat(gz.text()).isNull();
        assertThat(gz.diagnostics().get(0).message()).contains("gzip");
    }

    @Test
    void aFileOverTheLimitIsReadUpToTheLastWholeLineAndSaysSo() throws IOException {
        String snmp = TestData.text("fixtures/08-healthy-baseline/proc-net-snmp.txt");
        byte[] big = snmp.repeat(100).getBytes(StandardCharsets.UTF_8); // ~130 KiB > 64 KiB
        TextLoader.Loaded loaded = load(big);
        assertThat(loaded.text()).endsWith("\n");
        assertThat(loaded.text().length()).isLessThanOrEqualTo(64 * 1024);
        assertThat(loaded.diagnostics()).anySatisfy(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(d.message()).contains("read only the first").contains("--max-file-size");
            assertThat(d.line()).isEqualTo(Block.splitLines(loaded.text()).size());
        });
    }

    @Test
    void terminalColoursAreRemoved() throws IOException {
        TextLoader.Loaded loaded = load("\u001B[1;32meth0\u001B[0m: flags\n".getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.text()).isEqualTo("eth0: flags\n");
    }
}
