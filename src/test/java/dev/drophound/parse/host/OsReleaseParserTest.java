package dev.drophound.parse.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.HostInfo;
import dev.drophound.testing.TestData;
import org.junit.jupiter.api.Test;

class OsReleaseParserTest {

    private final OsReleaseParser parser = new OsReleaseParser();

    private HostInfo host(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.one(HostInfo.class);
    }

    @Test
    void etcOsRelease() {
        Block block = TestData.block("fixtures/08-healthy-baseline/os-release.txt");
        HostInfo h = host(block);
        assertThat(h.os()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(h.kernelRelease()).isNull();
        assertThat(h.span().firstLine()).isEqualTo(1);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void withoutPrettyNameTheNameAndVersion() {
        String text = TestData.text("fixtures/08-healthy-baseline/os-release.txt").replaceFirst("PRETTY_NAME=.*\n", "");
        HostInfo h = host(Block.ofText("os-release", text));
        assertThat(h.os()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(h.span().firstLine()).isEqualTo(1);
    }

    @Test
    void seedRedhatRelease() {
        Block block = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "cat /etc/redhat-release", 1);
        assertThat(block.command()).isEqualTo("cat /etc/redhat-release");
        HostInfo h = host(block);
        assertThat(h.os()).isEqualTo("Rocky Linux release 8.10 (Green Obsidian)");
        assertThat(h.span().firstLine()).isEqualTo(13);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(50);
        assertThat(parser.nameScore(block.command())).isGreaterThanOrEqualTo(90);
    }

    @Test
    void lsbReleaseA() {
        Block block = TestData.blockWithCommand("captured/host/lsb_release-a.txt", "lsb_release -a");
        HostInfo h = host(block);
        assertThat(h.os()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(h.span().firstLine()).isEqualTo(2);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void missingFileIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.blockWithCommand(
                "captured/host/cat-etc-redhat-release.debian.txt", "cat /etc/redhat-release"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("No such file or directory");
        });
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("os-release.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void malformedLineIsReportedAndTheRestKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/os-release.txt").replace("VERSION_ID=\"12\"", "VERSION_ID \"12\"");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("os-release.txt", text));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("expected KEY=value");
        });
        assertThat(parsed.one(HostInfo.class).os()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("cat /etc/os-release")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("os-release.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("etc/redhat-release")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("lsb_release -a")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("uname -a")).isZero();
        assertThat(parser.nameScore("versions.txt")).isZero();

        for (String other : new String[] {
                "fixtures/08-healthy-baseline/uname-a.txt",
                "fixtures/08-healthy-baseline/sysctl-a-net-core.txt",
                "fixtures/08-healthy-baseline/versions.txt",
                "fixtures/08-healthy-baseline/ethtool-i.eth0.txt",
                "fixtures/08-healthy-baseline/lscpu.txt",
                "fixtures/08-healthy-baseline/proc-meminfo.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
        assertThat(parser.contentScore(TestData.section("seeds/001_64cba6ed93d5da2f.txt", "uname -sr", 1))).isLessThan(30);
    }
}
