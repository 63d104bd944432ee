package dev.drophound.parse.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.HostInfo;
import dev.drophound.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnameParserTest {

    private final UnameParser parser = new UnameParser();

    private HostInfo host(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.one(HostInfo.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-udp-rcvbuf-overflow", "04-qdisc-drops-veth", "05-softnet-backlog-drops",
            "08-healthy-baseline", "09-kernel-memory-growth-netns"})
    void unameA(String folder) {
        Block block = TestData.block("fixtures/" + folder + "/uname-a.txt");
        HostInfo h = host(block);
        assertThat(h.kernelRelease()).isEqualTo("6.18.44-fc-v669");
        assertThat(h.hostname()).isEqualTo("vm");
        assertThat(h.os()).isNull();
        assertThat(h.span().firstLine()).isEqualTo(1);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void seedUnameSr() {
        Block block = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "uname -sr", 1);
        assertThat(block.command()).isEqualTo("uname -sr");
        // the section runs on into the article's prose up to the next prompt: no warning for that
        assertThat(TestData.parse(parser, block).warnings()).isEmpty();
        HostInfo h = host(block);
        assertThat(h.kernelRelease()).isEqualTo("4.18.0-372.9.1.el8.x86_64");
        assertThat(h.hostname()).isNull();
        assertThat(h.span().firstLine()).isEqualTo(16);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void procVersion() {
        HostInfo h = host(TestData.block("captured/host/proc-version.txt"));
        assertThat(h.kernelRelease()).isEqualTo("6.18.44-fc-v657");
        assertThat(h.hostname()).isNull();
        assertThat(parser.startsOutput(TestData.text("captured/host/proc-version.txt").strip())).isTrue();
    }

    @Test
    void bareReleaseNeedsTheCommandOrFileName() {
        assertThat(host(TestData.block("captured/host/uname-r.txt")).kernelRelease()).isEqualTo("6.18.44-fc-v657");
        assertThat(host(Block.ofCommand("x.txt", "uname -r", TestData.text("captured/host/uname-r.txt")))
                .kernelRelease()).isEqualTo("6.18.44-fc-v657");
        // a release alone, named nothing: not claimed with certainty, and not read as one
        Block anonymous = Block.ofText("paste.txt", TestData.text("captured/host/uname-r.txt"));
        assertThat(parser.contentScore(anonymous)).isLessThan(50);
        assertThat(TestData.parse(parser, anonymous).facts()).isEmpty();
    }

    @Test
    void invalidOptionIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.blockWithCommand("captured/host/uname-x.invalid.txt",
                "uname -x"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).hasSize(2).allSatisfy(d -> assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO));
        assertThat(parsed.diagnostics().get(0).message()).isEqualTo("uname: uname: invalid option -- 'x'");
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("uname-a.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void truncatedLineIsMalformed() {
        String text = TestData.text("fixtures/08-healthy-baseline/uname-a.txt");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("uname-a.txt", text.substring(0, 12)));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("expected uname");
        });
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("uname -a")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("uname -sr")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("uname-a.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/kernel/uname_-a")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/version")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc/version")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("versions.txt")).isZero();
        assertThat(parser.nameScore("cat /etc/os-release")).isZero();

        for (String other : new String[] {
                "fixtures/08-healthy-baseline/os-release.txt",
                "fixtures/08-healthy-baseline/versions.txt",
                "fixtures/08-healthy-baseline/nproc.txt",
                "fixtures/08-healthy-baseline/lscpu.txt",
                "captured/host/lsb_release-a.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
        assertThat(parser.contentScore(TestData.section("seeds/001_64cba6ed93d5da2f.txt", "cat /etc/redhat-release", 1))).isLessThan(30);
    }
}
