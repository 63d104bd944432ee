package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcPidStatusParserTest {

    private static final String PYTHON = "captured/processes/proc-PID-status.hold-py.txt";
    private static final String KTHREADD = "captured/processes/proc-2-status.kthreadd.txt";

    private final ProcPidStatusParser parser = new ProcPidStatusParser();

    @Test
    void a_user_process() {
        ProcessMemory p = TestData.parseClean(parser, TestData.block(PYTHON)).one(ProcessMemory.class);
        assertThat(p.pid()).isEqualTo(2);
        assertThat(p.command()).isEqualTo("python3");
        assertThat(p.rssBytes()).isEqualTo(75064L * 1024);
        assertThat(p.vszBytes()).isEqualTo(153204L * 1024);
        assertThat(p.user()).isNull();
        assertThat(p.started()).isNull();
        assertThat(p.span().lines()).extracting(l -> l.number()).containsExactly(1, 6, 19, 23);
    }

    @Test
    void a_kernel_thread_has_no_sizes() {
        ProcessMemory p = TestData.parseClean(parser, TestData.block(KTHREADD)).one(ProcessMemory.class);
        assertThat(p.pid()).isEqualTo(2);
        assertThat(p.command()).isEqualTo("kthreadd");
        assertThat(p.rssBytes()).isNull();
        assertThat(p.vszBytes()).isNull();
    }

    @Test
    void two_status_files_one_after_the_other() {
        String both = TestData.text(PYTHON) + TestData.text(KTHREADD);
        Parsed r = TestData.parseClean(parser, Block.ofText("status.txt", both));
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::command).containsExactly("python3", "kthreadd");
        assertThat(r.all(ProcessMemory.class).get(1).span().firstLine())
                .isEqualTo(Block.splitLines(TestData.text(PYTHON)).size() + 1);
    }

    @Test
    void greps_of_status_files() {
        Parsed r = TestData.parseClean(parser, TestData.block("captured/processes/grep-E-Name-VmRSS-VmSize-proc-status.txt"));
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::pid).containsExactly(1, 2, 3, 4);
        ProcessMemory python = r.all(ProcessMemory.class).get(1);
        assertThat(python.command()).isEqualTo("python3");
        assertThat(python.rssBytes()).isEqualTo(75028L * 1024);
        assertThat(python.vszBytes()).isEqualTo(153204L * 1024);
        assertThat(python.span().lines()).extracting(l -> l.number()).containsExactly(4, 5, 6);

        // one file, no prefix: the pid comes from the command line
        String one = "captured/processes/grep-VmRSS-proc-PID-status.hold-py.txt";
        ProcessMemory rss = TestData.parseClean(parser, TestData.blockWithCommand(one, "grep VmRSS /proc/2/status"))
                .one(ProcessMemory.class);
        assertThat(rss.pid()).isEqualTo(2);
        assertThat(rss.command()).isNull();
        assertThat(rss.rssBytes()).isEqualTo(75028L * 1024);
        Parsed noPid = TestData.parse(parser, TestData.block(one));
        assertThat(noPid.facts()).isEmpty();
        assertThat(noPid.warnings()).singleElement().satisfies(d -> assertThat(d.message()).contains("without a pid"));
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("proc-pid-status.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void bad_rss_is_malformed_and_the_rest_kept() {
        Block real = TestData.block(PYTHON);
        Parsed r = TestData.parse(parser, TestData.withLine(real, 22, real.line(22).replace("75064", "x1z")));
        ProcessMemory p = r.one(ProcessMemory.class);
        assertThat(p.rssBytes()).isNull();
        assertThat(p.vszBytes()).isEqualTo(153204L * 1024);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(23);
            assertThat(d.message()).contains("VmRSS");
        });
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(TestData.block(PYTHON))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block(KTHREADD))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("captured/processes/grep-E-Name-VmRSS-VmSize-proc-status.txt")))
                .isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("captured/processes/grep-VmRSS-proc-PID-status.hold-py.txt")))
                .isGreaterThanOrEqualTo(50);
        for (String other : List.of("captured/processes/ps-aux.txt", "captured/processes/top-b-n1.txt",
                "fixtures/09-kernel-memory-growth-netns/proc-meminfo.after.txt", "captured/host/lsb_release-a.txt",
                "fixtures/public/meminfo/android-gki-6.6-arm64-sm8750.txt", "captured/sysctl/grep-proc-sys.txt",
                "captured/proc-fd/grep-proc-comm.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
        assertThat(parser.nameScore("cat /proc/1234/status")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/self/status")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sosreport/proc/1/status")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("grep -E '^(Name|VmRSS):' /proc/[0-9]*/status")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-PID-status.hold-py.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("systemctl status kni")).isZero();
        assertThat(parser.nameScore("cat /proc/1234/stat")).isZero();
        assertThat(parser.nameScore("cat /proc/1234/comm")).isZero();
        assertThat(parser.startsOutput(MemTestData.firstLine(PYTHON))).isTrue();
        assertThat(parser.startsOutput(MemTestData.firstLine("captured/processes/ps-aux.txt"))).isFalse();
    }
}
