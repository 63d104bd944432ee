package dev.drophound.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives are read in memory, defensively: real archives made here with Commons Compress from real test data,
 * then broken on purpose (names that escape, links, a bomb, cut bytes, too many entries).
 */
class ArchiveReaderTest {

    private static final String F01 = "fixtures/01-udp-rcvbuf-overflow/";

    @TempDir
    Path tmp;

    private static InputCollector.Collected collect(Path archive) {
        return collect(archive, ArchiveReader.Limits.STANDARD);
    }

    private static InputCollector.Collected collect(Path archive, ArchiveReader.Limits limits) {
        return new InputCollector(new TextLoader(TextLoader.DEFAULT_MAX_BYTES), limits).collect(List.of(archive.toString()));
    }

    private static List<String> names(InputCollector.Collected c) {
        return c.files().stream().map(InputFile::relativeName).toList();
    }

    private static Archives fixture01(String top) throws IOException {
        return new Archives()
                .file(top + "proc-net-snmp.before.txt", TestData.path(F01 + "proc-net-snmp.before.txt"))
                .file(top + "proc-net-snmp.after.txt", TestData.path(F01 + "proc-net-snmp.after.txt"))
                .file(top + "proc-net-udp.after.txt", TestData.path(F01 + "proc-net-udp.after.txt"))
                .file(top + "ss-uamp.after.txt", TestData.path(F01 + "ss-uamp.after.txt"));
    }

    @Test
    void membersAreListedLikeTheFilesOfTheirTopDirectory() throws IOException {
        Path archive = fixture01("case-1234/").tarGz(tmp.resolve("bundle.tar.gz"));

        InputCollector.Collected c = collect(archive);

        assertThat(c.diagnostics()).isEmpty();
        assertThat(names(c)).containsExactly("proc-net-snmp.after.txt", "proc-net-snmp.before.txt",
                "proc-net-udp.after.txt", "ss-uamp.after.txt");
        InputFile snmp = c.files().get(0);
        assertThat(snmp.displayName()).isEqualTo(archive + "!case-1234/proc-net-snmp.after.txt");
        assertThat(snmp.rootName()).isEqualTo("case-1234");
        assertThat(snmp.rootIsDirectory()).isTrue();
        assertThat(snmp.modified()).isEqualTo(Archives.TIME);
        assertThat(snmp.isArchiveMember()).isTrue();
        assertThat(snmp.preloaded().loaded().text()).isEqualTo(TestData.text(F01 + "proc-net-snmp.after.txt"));
    }

    @Test
    void everyFormatIsKnownByItsContentNotItsName() throws IOException {
        Archives a = fixture01("x/");
        // misleading or missing extensions: the first bytes decide
        for (Path archive : List.of(a.tar(tmp.resolve("a.dat")), a.tarGz(tmp.resolve("b.zip")),
                a.tarXz(tmp.resolve("c")), a.tarBz2(tmp.resolve("d.tgz")), a.zip(tmp.resolve("e.tar.gz")))) {
            InputCollector.Collected c = collect(archive);
            assertThat(c.diagnostics()).as(archive.toString()).isEmpty();
            assertThat(names(c)).as(archive.toString()).hasSize(4).contains("proc-net-snmp.after.txt");
        }
    }

    @Test
    void anArchiveWithoutATopDirectoryIsNamedAfterItsFile() throws IOException {
        Path archive = fixture01("").tarXz(tmp.resolve("host-a.tar.xz"));
        InputCollector.Collected c = collect(archive);
        assertThat(c.files()).allSatisfy(f -> assertThat(f.rootName()).isEqualTo("host-a"));
        assertThat(names(c)).contains("proc-net-snmp.after.txt");
    }

    @Test
    void anArchiveInsideADirectoryIsReadInPlace(@TempDir Path dir) throws IOException {
        fixture01("").tarGz(Files.createDirectories(dir.resolve("hosts")).resolve("web1.tgz"));
        Files.copy(TestData.path(F01 + "uname-a.txt"), dir.resolve("uname-a.txt"));

        InputCollector.Collected c = collect(dir);

        assertThat(names(c)).containsExactly("hosts/web1/proc-net-snmp.after.txt", "hosts/web1/proc-net-snmp.before.txt",
                "hosts/web1/proc-net-udp.after.txt", "hosts/web1/ss-uamp.after.txt", "uname-a.txt");
        assertThat(c.files().get(0).displayName()).isEqualTo(dir + "/hosts/web1.tgz!proc-net-snmp.after.txt");
    }

    @Test
    void oneCompressedTextIsThatTextDecompressed() throws IOException {
        Path gz = tmp.resolve("proc-net-snmp.after.txt.gz");
        try (var out = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(Files.newOutputStream(gz))) {
            Files.copy(TestData.path(F01 + "proc-net-snmp.after.txt"), out);
        }
        InputCollector.Collected c = collect(gz);
        assertThat(c.diagnostics()).isEmpty();
        assertThat(c.files()).singleElement().satisfies(f -> {
            assertThat(f.relativeName()).isEqualTo("proc-net-snmp.after.txt");
            assertThat(f.displayName()).isEqualTo(gz.toString());
            assertThat(f.preloaded().loaded().text()).isEqualTo(TestData.text(F01 + "proc-net-snmp.after.txt"));
        });
    }

    @Test
    void namesThatWouldEscapeAreSkippedWithAWarningNamingArchiveAndMember() throws IOException {
        Path snmp = TestData.path(F01 + "proc-net-snmp.after.txt");
        Path archive = new Archives().file("top/ok/proc-net-snmp.txt", snmp).file("../../etc/cron.d/evil", snmp)
                .file("/etc/passwd", snmp).file("top/a/../../../b", snmp).tarGz(tmp.resolve("t.tar.gz"));

        InputCollector.Collected c = collect(archive);

        assertThat(names(c)).containsExactly("ok/proc-net-snmp.txt");
        assertThat(c.diagnostics()).hasSize(3).allSatisfy(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(d.source()).isEqualTo(archive.toString());
        });
        assertThat(c.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "member \"../../etc/cron.d/evil\" skipped: its name contains '..' (it would land outside the archive's directory)",
                "member \"/etc/passwd\" skipped: its name is an absolute path",
                "member \"top/a/../../../b\" skipped: its name contains '..' (it would land outside the archive's directory)");
    }

    @Test
    void aNameWithANulByteIsShownEscapedNeverAsAPath() throws IOException {
        Path snmp = TestData.path(F01 + "proc-net-snmp.after.txt");
        Path archive = new Archives().file("x/proc-net-snmp.txt", snmp).file("x/proc-net-snmp.txt\0/../../evil", snmp)
                .zip(tmp.resolve("n.zip"));

        InputCollector.Collected c = collect(archive);

        assertThat(names(c)).containsExactly("proc-net-snmp.txt");
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(d.message()).contains("\\x00").contains("NUL").doesNotContain("\0");
        });
    }

    @Test
    void linksAndFifosAreNotReadAndCountedInOneLine() throws IOException {
        Path archive = fixture01("top/").add(new Archives.Link("top/snmp", "proc-net-snmp.after.txt"))
                .add(new Archives.Link("top/passwd", "../../../../etc/passwd"))
                .add(new Archives.Fifo("top/pipe")).tarGz(tmp.resolve("l.tar.gz"));

        InputCollector.Collected c = collect(archive);

        assertThat(names(c)).hasSize(4).doesNotContain("snmp", "passwd", "pipe");
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).startsWith("2 symbolic links, 1 device or fifo not read");
        });
    }

    @Test
    void aZipSymlinkIsKnownFromTheCentralDirectory() throws IOException {
        Path archive = fixture01("top/").add(new Archives.Link("top/passwd", "/etc/passwd")).zip(tmp.resolve("l.zip"));
        InputCollector.Collected c = collect(archive);
        assertThat(names(c)).hasSize(4).doesNotContain("passwd");
        assertThat(c.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).startsWith("1 symbolic link not read"));
    }

    @Test
    void aDecompressionBombStopsTheReadAndKeepsWhatCameBefore() throws IOException {
        // 64 MiB of zeros gzip to 64 KiB; the ratio guard stops it after 8 MiB, long before the heap notices
        Path archive = fixture01("top/").add(new Archives.Zeros("top/zeros.bin", 64L * 1024 * 1024))
                .file("top/uname-a.txt", TestData.path(F01 + "uname-a.txt")).tarGz(tmp.resolve("bomb.tar.gz"));
        assertThat(Files.size(archive)).isLessThan(200_000);

        InputCollector.Collected c = collect(archive);

        assertThat(names(c)).hasSize(4).doesNotContain("zeros.bin", "uname-a.txt");
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.source()).isEqualTo(archive.toString());
            assertThat(d.message()).contains("looks like a decompression bomb").contains("\"top/zeros.bin\"")
                    .contains("the 4 files read before are analysed");
        });
    }

    @Test
    void aZipBombIsStoppedToo() throws IOException {
        Path archive = new Archives().add(new Archives.Zeros("zeros.txt", 64L * 1024 * 1024)).zip(tmp.resolve("bomb.zip"));
        InputCollector.Collected c = collect(archive);
        assertThat(c.files()).isEmpty();
        assertThat(c.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("looks like a decompression bomb").contains("nothing read from it is analysed"));
    }

    @Test
    void theExpandedSizeLimitCountsBytesStreamedPastTheFileLimit() throws IOException {
        // members are cut at the per-file limit (64 KiB here) but every byte still counts towards the total
        Path archive = new Archives().file("a/proc-net-snmp.txt", TestData.path(F01 + "proc-net-snmp.after.txt"))
                .add(new Archives.Bytes("a/big.txt", "x\n".repeat(400_000).getBytes(StandardCharsets.US_ASCII)))
                .file("a/uname-a.txt", TestData.path(F01 + "uname-a.txt")).tar(tmp.resolve("big.tar"));
        ArchiveReader.Limits limits = new ArchiveReader.Limits(100, 512 * 1024, 200, 8L << 20, 65536);

        InputCollector.Collected c = new InputCollector(new TextLoader(64 * 1024), limits).collect(List.of(archive.toString()));

        assertThat(names(c)).containsExactly("proc-net-snmp.txt");
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.message()).startsWith("more than 512 KiB expanded (the limit for one archive): stopped in member \"a/big.txt\"")
                    .endsWith("the 1 file read before are analysed");
        });
    }

    @Test
    void tooManyEntriesStopTheReadWithWhatWasReadKept() throws IOException {
        Path archive = new Archives().tree("f01", TestData.path(F01)).tarGz(tmp.resolve("many.tar.gz"));
        ArchiveReader.Limits limits = new ArchiveReader.Limits(5, 1L << 30, 200, 8L << 20, 65536);

        InputCollector.Collected c = collect(archive, limits);

        assertThat(c.files()).hasSize(5);
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.message()).startsWith("more than 5 entries: stopped at \"f01/").contains("the 5 files read before");
        });
    }

    @Test
    void aTruncatedTarGzNamesTheMemberItStoppedInAndKeepsTheOthers() throws IOException {
        Path whole = new Archives().tree("f01", TestData.path(F01)).tarGz(tmp.resolve("whole.tar.gz"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        int all = collect(whole).files().size();

        InputCollector.Collected c = collect(cut);

        assertThat(c.files().size()).isGreaterThan(0).isLessThan(all);
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.source()).isEqualTo(cut.toString());
            assertThat(d.message()).startsWith("the tar.gz archive is truncated or corrupt (")
                    .contains("stopped in member \"f01/").contains("files read before are analysed");
        });
    }

    @Test
    void aTruncatedZipIsReadFromTheStartWhenItsDirectoryIsGone() throws IOException {
        Path whole = new Archives().tree("f01", TestData.path(F01)).zip(tmp.resolve("whole.zip"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));

        InputCollector.Collected c = collect(cut);

        assertThat(c.files()).isNotEmpty();
        assertThat(c.diagnostics()).hasSize(2).allSatisfy(d -> assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR));
        assertThat(c.diagnostics().get(0).message()).contains("reading its members from the start instead");
        assertThat(c.diagnostics().get(1).message()).contains("truncated or corrupt").contains("stopped in member");
    }

    @Test
    void anArchiveInsideAnArchiveIsNotRead() throws IOException {
        Path inner = fixture01("in/").tarGz(tmp.resolve("inner.tar.gz"));
        Path outer = fixture01("out/").file("out/inner.tar.gz", inner).tar(tmp.resolve("outer.tar"));

        InputCollector.Collected c = collect(outer);

        InputFile nested = c.files().stream().filter(f -> f.relativeName().equals("inner.tar.gz")).findFirst().orElseThrow();
        assertThat(nested.preloaded().loaded().text()).isNull();
        assertThat(nested.preloaded().loaded().diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("inside an archive: not read");
        });
    }

    @Test
    void formatsWithoutAStreamingReaderKeepTheirError() throws IOException {
        Path sevenZip = Files.write(tmp.resolve("x.7z"), new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c, 0, 4});
        assertThat(collect(sevenZip).files()).singleElement().satisfies(f -> assertThat(f.isArchiveMember()).isFalse());
        TextLoader.Loaded loaded = new TextLoader(1024).load(Files.newInputStream(sevenZip), "x.7z", 8);
        assertThat(loaded.skipped()).isEqualTo(TextLoader.Skip.ARCHIVE);
        assertThat(loaded.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.message()).startsWith("a 7z archive;").contains("unpack");
        });
    }
}
