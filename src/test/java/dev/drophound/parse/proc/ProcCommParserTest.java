package dev.drophound.parse.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.ProcessName;
import dev.drophound.testing.TestData;
import org.junit.jupiter.api.Test;

class ProcCommParserTest {

    private final ProcCommParser parser = new ProcCommParser();

    @Test
    void everyProcessNamedAndNamesWithColonsKeptWhole() {
        Block block = TestData.block("captured/proc-fd/grep-proc-comm.txt");
        TestData.Parsed p = TestData.parse(parser, block);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.all(ProcessName.class)).hasSize(70);
        assertThat(p.all(ProcessName.class)).anySatisfy(n -> {
            assertThat(n.pid()).isEqualTo(30171);
            assertThat(n.command()).isEqualTo("python3");
        });
        assertThat(p.all(ProcessName.class)).anySatisfy(n -> assertThat(n.command()).isEqualTo("kworker/0:0H-kblockd"));
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void brokenLineIsNamed() {
        Block real = TestData.block("captured/proc-fd/grep-proc-comm.txt");
        TestData.Parsed p = TestData.parse(parser, TestData.withLine(real, 4, "/proc/12a/comm:x"));
        assertThat(p.all(ProcessName.class)).hasSize(69);
        assertThat(p.diagnostics()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(5));
    }

    @Test
    void emptyAndOtherFormats() {
        assertThat(TestData.parse(parser, Block.ofText("x", "\n")).facts()).isEmpty();
        assertThat(parser.nameScore("grep -H . /proc/[0-9]*/comm")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("grep-proc-comm.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.contentScore(TestData.block("captured/proc-fd/find-proc-fd-sockets.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-udp.txt"))).isZero();
    }
}
