package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsParserTest {

    private static final String DIR = "captured/processes/";

    private final PsParser parser = new PsParser();

    private Parsed parse(String file) {
        return TestData.parseClean(parser, TestData.block(DIR + file));
    }

    private static ProcessMemory pid(Parsed r, int pid) {
        return r.all(ProcessMemory.class).stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    }

    @Test
    void ps_aux() {
        Parsed r = parse("ps-aux.txt");
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::command)
                .containsExactly("sh", "python3", "sleep", "sleep", "ps");
        ProcessMemory python = pid(r, 2);
        assertThat(python.user()).isEqualTo("root");
        assertThat(python.rssBytes()).isEqualTo(75064L * 1024);
        assertThat(python.vszBytes()).isEqualTo(153204L * 1024);
        assertThat(python.started()).isEqualTo("05:04");
        assertThat(python.span().firstLine()).isEqualTo(3);
        assertThat(pid(r, 4).user()).isEqualTo("nobody");
    }

    @Test
    void ps_ef_has_no_sizes() {
        Parsed r = parse("ps-ef.txt");
        assertThat(r.all(ProcessMemory.class)).hasSize(5).allSatisfy(p -> {
            assertThat(p.rssBytes()).isNull();
            assertThat(p.vszBytes()).isNull();
        });
        assertThat(pid(r, 3).command()).isEqualTo("sleep");
        assertThat(pid(r, 4).user()).isEqualTo("nobody");
        assertThat(pid(r, 9).started()).isEqualTo("05:04");
    }

    @Test
    void custom_columns_with_comm_and_threads() {
        Parsed eo = parse("ps-eo-pid-comm-rss-vsz.txt");
        assertThat(pid(eo, 2).command()).isEqualTo("python3");
        assertThat(pid(eo, 2).rssBytes()).isEqualTo(75064L * 1024);
        assertThat(pid(eo, 2).vszBytes()).isEqualTo(153204L * 1024);
        assertThat(pid(eo, 2).user()).isNull();

        // one row per thread: python3's second thread "dh worker" (tid 6) is not another process
        Parsed threads = parse("ps-eLo-pid-tid-comm-rss.txt");
        assertThat(threads.all(ProcessMemory.class)).extracting(ProcessMemory::pid).containsExactly(1, 2, 3, 4, 10);
        assertThat(pid(threads, 2).command()).isEqualTo("python3");
        assertThat(pid(threads, 2).span().firstLine()).isEqualTo(3);
    }

    @Test
    void busybox_ps_names_only() {
        Parsed r = parse("busybox-ps.txt");
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::command)
                .containsExactly("sh", "python3", "sleep", "sleep", "busybox");
        assertThat(pid(r, 4).user()).isEqualTo("nobody");
        assertThat(pid(r, 2).rssBytes()).isNull();
    }

    @Test
    void error_is_a_tool_message_and_an_empty_listing_gives_nothing() {
        Parsed error = TestData.parse(parser, TestData.block(DIR + "ps-eo-pid-nosuchcol.error.txt"));
        assertThat(error.facts()).isEmpty();
        assertThat(error.warnings()).isEmpty();
        assertThat(error.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("unknown user-defined format specifier"));

        Parsed none = parse("ps-p-999999.empty.txt");
        assertThat(none.facts()).isEmpty();
        Parsed empty = TestData.parse(parser, Block.ofText("ps-aux.txt", ""));
        assertThat(empty.facts()).isEmpty();
        assertThat(empty.diagnostics()).isEmpty();
    }

    @Test
    void bad_size_and_cut_row_are_malformed() {
        Block real = TestData.block(DIR + "ps-aux.txt");
        Block bad = TestData.withLine(real, 2, real.line(2).replace("75064", "x1z"));
        Parsed r = TestData.parse(parser, TestData.withLine(bad, 3, real.line(3).substring(0, 30)));
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::pid).containsExactly(1, 4, 7);
        assertThat(r.warnings()).extracting(d -> d.line()).containsExactly(3, 4);
        assertThat(r.warnings().get(1).message()).contains("expected 11 columns");
    }

    @Test
    void scores() {
        for (String mine : List.of("ps-aux.txt", "ps-ef.txt", "ps-eo-pid-comm-rss-vsz.txt", "busybox-ps.txt")) {
            assertThat(parser.contentScore(TestData.block(DIR + mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of(DIR + "top-b-n1.txt", DIR + "busybox-top-b-n1.txt", DIR + "proc-PID-status.hold-py.txt",
                "fixtures/08-healthy-baseline/ss-tuanmp.txt", "fixtures/public/slab/slabtop-o-ubuntu5.4.txt",
                "captured/proc-fd/grep-proc-comm.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
        assertThat(parser.nameScore("ps aux")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ps -ef | grep kni")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("busybox ps")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ps-aux.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/process/ps_auxwww")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("top -b -n1")).isZero();
        assertThat(parser.nameScore("ss -tanp")).isZero();
        assertThat(parser.nameScore("tips.txt")).isZero();
        assertThat(parser.startsOutput(MemTestData.firstLine(DIR + "ps-aux.txt"))).isTrue();
        assertThat(parser.startsOutput(MemTestData.firstLine(DIR + "top-b-n1.txt"))).isFalse();
    }
}
