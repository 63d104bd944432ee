package dev.drophound.parse.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.SocketOwner;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcFdSocketsParserTest {

    private final ProcFdSocketsParser parser = new ProcFdSocketsParser();

    @Test
    void findOutputGivesOneOwnerPerSocketLink() {
        Block block = TestData.block("captured/proc-fd/find-proc-fd-sockets.txt");
        TestData.Parsed p = TestData.parse(parser, block);
        assertThat(p.diagnostics()).isEmpty();
        List<SocketOwner> owners = p.all(SocketOwner.class);
        assertThat(owners).hasSize(4);
        assertThat(owners).anySatisfy(o -> {
            assertThat(o.inode()).isEqualTo(123159);
            assertThat(o.pid()).isEqualTo(30171);
            assertThat(o.fd()).isEqualTo(3);
        });
        SocketOwner v6 = owners.stream().filter(o -> o.inode() == 123160).findFirst().orElseThrow();
        assertThat(v6.span().lines().get(0).text()).isEqualTo("/proc/30171/fd/4 -> socket:[123160]");
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void lsListingTakesThePidFromItsHeaderAndPassesOverOtherLinks() {
        Block block = TestData.block("captured/proc-fd/ls-l-proc-fd.txt");
        TestData.Parsed p = TestData.parse(parser, block);
        List<SocketOwner> owners = p.all(SocketOwner.class);
        assertThat(owners).singleElement().satisfies(o -> {
            assertThat(o.pid()).isEqualTo(30476);
            assertThat(o.fd()).isEqualTo(3);
            assertThat(o.inode()).isEqualTo(123442);
            assertThat(o.span().firstLine()).isEqualTo(690);
        });
        // "ls: cannot read symbolic link ... Permission denied": reported, never malformed
        assertThat(p.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("Permission denied").contains("more such lines"));
        assertThat(p.diagnostics()).noneMatch(d -> d.level() == Diagnostic.Level.ERROR);
        assertThat(parser.startsOutput("/proc/30476/fd:")).isTrue();
    }

    @Test
    void findErrorsAreToolMessages() {
        TestData.Parsed p = TestData.parse(parser, TestData.block("captured/proc-fd/find-proc-fd-sockets.stderr.txt"));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).first().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("/proc/1/fd/0").contains("Permission denied");
        });
    }

    @Test
    void brokenLineIsNamedAndTheRestKept() {
        Block real = TestData.block("captured/proc-fd/find-proc-fd-sockets.txt");
        Block broken = TestData.withLine(real, 3, real.line(3).replace("123160", "12x160"));
        TestData.Parsed p = TestData.parse(parser, broken);
        assertThat(p.all(SocketOwner.class)).hasSize(3);
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
        });
    }

    @Test
    void emptyInput() {
        assertThat(TestData.parse(parser, Block.ofText("x", "")).facts()).isEmpty();
    }

    @Test
    void namesAndOtherFormats() {
        assertThat(parser.nameScore("find /proc/[0-9]*/fd -lname 'socket:*' -printf '%p -> %l\\n'")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ls -l /proc/[0-9]*/fd")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("find-proc-fd-sockets.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("proc-net-udp.txt")).isZero();
        assertThat(parser.contentScore(TestData.block("captured/proc-fd/grep-proc-comm.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("captured/proc-fd/proc-net-udp.txt"))).isZero();
    }
}
