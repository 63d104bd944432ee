package dev.drophound.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionerTest {

    private final Sectioner sectioner = new Sectioner(line -> line.startsWith("Inter-|") || line.startsWith("Ip: Forwarding"));

    @Test
    void seed001ArticleIsSplitAtEveryShellPrompt() {
        String text = TestData.text("seeds/001_64cba6ed93d5da2f.txt");
        List<Block> blocks = sectioner.split(Source.file("seed001"), "seed001", text);

        List<String> commands = blocks.stream().map(Block::command).filter(c -> c != null).toList();
        assertThat(commands).contains("ifconfig ens33", "netstat --interfaces=ens33", "cat /proc/net/dev",
                "ip -s link show dev ens33", "ethtool -g ens33", "sysctl -a | grep rmem", "netstat -su",
                "cat /proc/net/snmp | grep Udp:", "netstat -su | grep InCsumErrors", "perf script",
                "while true; do ss -nump; sleep 1; done");
        assertThat(commands.stream().filter(c -> c.equals("ethtool -g ens33"))).hasSize(2);
        assertThat(blocks).allMatch(Block::inDocument);
        // the article's first lines (title, prose) come before the first prompt
        assertThat(blocks.get(0).command()).isNull();
    }

    @Test
    void blockLineNumbersPointIntoTheSourceAndAnnotationsAreCutForParsing() {
        String text = TestData.text("seeds/001_64cba6ed93d5da2f.txt");
        List<String> all = Block.splitLines(text);
        Block ifconfig = sectioner.split(Source.file("seed001"), "seed001", text).stream()
                .filter(b -> "ifconfig ens33".equals(b.command())).findFirst().orElseThrow();

        int i = ifconfig.raw().indexOf(ifconfig.raw().stream().filter(l -> l.contains("<<")).findFirst().orElseThrow());
        assertThat(all.get(ifconfig.lineNumber(i) - 1)).isEqualTo(ifconfig.raw().get(i));
        assertThat(ifconfig.raw().get(i)).endsWith("<<ココ");
        assertThat(ifconfig.line(i)).isEqualTo("        RX errors 0  dropped 10  overruns 0  frame 0");
        assertThat(ifconfig.span(i).lines().get(0).text()).endsWith("<<ココ");
    }

    @Test
    void promptLikeCommentsInsideOutputsDoNotCut() {
        assertThat(Sectioner.commandAt("# tracer: function")).isNull();
        assertThat(Sectioner.commandAt("# file <- command (exit status)")).isNull();
        assertThat(Sectioner.commandAt("#kernel")).isNull();
        assertThat(Sectioner.commandAt("[root@host ~]# ss -uamp")).isEqualTo("ss -uamp");
        assertThat(Sectioner.commandAt("user@vm:~$ sudo cat /proc/net/snmp")).isEqualTo("sudo cat /proc/net/snmp");
        assertThat(Sectioner.commandAt("===== ethtool -S eth0 =====")).isEqualTo("ethtool -S eth0");
        assertThat(Sectioner.commandAt("==> proc-net-dev.txt <==")).isEqualTo("proc-net-dev.txt");
    }

    @Test
    void tableRuleLinesAreNotBanners() {
        // seed 000's StarOS outputs: rule lines under table headers, and its real banners
        List<String> seed = Block.splitLines(TestData.text("seeds/000_8b4452d78b0a6a25.txt"));
        assertThat(Sectioner.commandAt(seed.get(129))).isNull(); // "---- -------  ------ -------  ..."
        assertThat(Sectioner.commandAt(seed.get(158))).isNull(); // "------   -------    ---------     ----------"
        assertThat(Sectioner.commandAt(seed.get(339))).isNull(); // "-----...-----"
        assertThat(Sectioner.commandAt(seed.get(335))).isEqualTo("show iftask stats");
        List<String> commands = sectioner.split(Source.file("seed000"), "seed000", String.join("\n", seed)).stream()
                .map(Block::command).filter(c -> c != null).toList();
        assertThat(commands).containsExactly("show session recovery status verbose",
                "show cloud monitor di-network detail", "show cloud monitor controlplane", "show cloud monitor dataplane",
                "show iftask stats");
    }

    @Test
    void aSingleOutputFileIsOneBlockNotADocument() {
        String text = TestData.text("fixtures/08-healthy-baseline/proc-net-dev.txt");
        List<Block> blocks = sectioner.split(Source.file("proc-net-dev.txt"), "proc-net-dev.txt", text);
        assertThat(blocks).singleElement().satisfies(b -> {
            assertThat(b.inDocument()).isFalse();
            assertThat(b.firstLine()).isEqualTo(1);
            assertThat(b.command()).isNull();
        });
    }

    @Test
    void outputsPastedWithoutPromptsAreSplitAtTheirHeaders() {
        String text = TestData.text("fixtures/08-healthy-baseline/proc-net-snmp.txt")
                + TestData.text("fixtures/08-healthy-baseline/proc-net-dev.txt");
        List<Block> blocks = sectioner.split(Source.file("paste"), "paste", text);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).line(0)).startsWith("Ip: Forwarding");
        assertThat(blocks.get(1).line(0)).startsWith("Inter-|");
        assertThat(blocks.get(1).firstLine()).isEqualTo(Block.splitLines(
                TestData.text("fixtures/08-healthy-baseline/proc-net-snmp.txt")).size() + 1);
    }
}
