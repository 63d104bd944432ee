package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopParserTest {

    private static final String DIR = "captured/processes/";

    private final TopParser parser = new TopParser();

    private Parsed parse(String file) {
        return TestData.parseClean(parser, TestData.block(DIR + file));
    }

    private static ProcessMemory pid(Parsed r, int pid) {
        return r.all(ProcessMemory.class).stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    }

    @Test
    void procps_top_batch() {
        Parsed r = parse("top-b-n1.txt");
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::command)
                .containsExactly("sh", "python3", "sleep", "sleep", "top");
        ProcessMemory python = pid(r, 2);
        assertThat(python.rssBytes()).isEqualTo(75064L * 1024);
        assertThat(python.vszBytes()).isEqualTo(153204L * 1024);
        assertThat(python.user()).isEqualTo("root");
        assertThat(python.started()).isNull();
        assertThat(python.span().firstLine()).isEqualTo(9);

        MemoryGauges mem = r.one(MemoryGauges.class);
        assertThat(mem.kind()).isEqualTo("meminfo");
        assertThat(mem.entity()).isEmpty();
        assertThat(mem.format()).isEqualTo("top");
        assertThat(mem.approximate()).isTrue();
        assertThat(mem.values()).containsExactlyInAnyOrderEntriesOf(Map.of("MemTotal", Math.round(24105.6 * 1048576),
                "MemFree", Math.round(22313.0 * 1048576), "Used", Math.round(1125.6 * 1048576),
                "BuffCache", Math.round(974.8 * 1048576), "SwapTotal", 0L, "SwapFree", 0L,
                "MemAvailable", Math.round(22980.0 * 1048576)));
        assertThat(mem.span().firstLine()).isEqualTo(4);
        assertThat(mem.span().lastLine()).isEqualTo(5);
    }

    @Test
    void scaled_units() {
        Parsed r = parse("top-b-n1-E-g-e-m.txt");
        assertThat(pid(r, 2).rssBytes()).isEqualTo(Math.round(73.3 * 1048576));
        assertThat(pid(r, 2).vszBytes()).isEqualTo(Math.round(149.6 * 1048576));
        assertThat(r.one(MemoryGauges.class).value("MemTotal")).hasValue(Math.round(23.5 * 1073741824L));
    }

    @Test
    void command_lines_with_c() {
        Block b = TestData.blockWithCommand(DIR + "top-b-n1-c-w512.txt", "top -b -n1 -c -w 512");
        Parsed r = TestData.parseClean(parser, b);
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::command)
                .containsExactly("sh", "python3", "sleep", "sleep", "top");
        // without the command line, -c cannot be told from a comm holding spaces: COMMAND is kept as printed
        Parsed bare = parse("top-b-n1-c-w512.txt");
        assertThat(pid(bare, 3).command()).isEqualTo("/usr/bin/sleep 600");
    }

    @Test
    void busybox_top() {
        Parsed r = parse("busybox-top-b-n1.txt");
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::command)
                .containsExactly("python3", "busybox", "sh", "sleep", "sleep");
        assertThat(pid(r, 2).vszBytes()).isEqualTo(149L * 1048576);
        assertThat(pid(r, 2).rssBytes()).isNull();
        assertThat(pid(r, 4).user()).isEqualTo("nobody");
        assertThat(pid(r, 1).vszBytes()).isEqualTo(2592L * 1024);
        MemoryGauges mem = r.one(MemoryGauges.class);
        assertThat(mem.approximate()).isFalse();
        assertThat(mem.values()).containsExactlyInAnyOrderEntriesOf(Map.of("Used", 1829624L * 1024,
                "MemFree", 22854468L * 1024, "Shmem", 8856L * 1024, "Buffers", 5784L * 1024, "Cached", 401820L * 1024));
        assertThat(mem.span().firstLine()).isEqualTo(1);
    }

    @Test
    void two_snapshots_in_one_paste() {
        // two real snapshots one after the other, as top -b -n2 prints them
        String two = TestData.text(DIR + "top-b-n1.txt") + TestData.text(DIR + "top-b-n1-E-g-e-m.txt");
        Parsed r = TestData.parseClean(parser, Block.ofText("top-b-n2.txt", two));
        assertThat(r.all(MemoryGauges.class)).hasSize(2);
        assertThat(r.all(MemoryGauges.class).get(1).span().firstLine()).isEqualTo(16);
        assertThat(r.all(ProcessMemory.class)).hasSize(10);
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("top-b-n1.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void bad_size_and_broken_summary_are_malformed() {
        Block real = TestData.block(DIR + "top-b-n1.txt");
        Block bad = TestData.withLine(real, 8, real.line(8).replace("75064", "x1z"));
        Parsed r = TestData.parse(parser, TestData.withLine(bad, 3, real.line(3).replace("22313.0 free", "22313.0")));
        assertThat(r.all(ProcessMemory.class)).extracting(ProcessMemory::pid).containsExactly(1, 3, 4, 11);
        assertThat(r.one(MemoryGauges.class).values()).containsOnlyKeys("SwapTotal", "SwapFree", "MemAvailable");
        assertThat(r.warnings()).extracting(d -> d.line()).containsExactly(4, 9);
    }

    @Test
    void scores() {
        for (String mine : List.of("top-b-n1.txt", "top-b-n1-E-g-e-m.txt", "busybox-top-b-n1.txt")) {
            assertThat(parser.contentScore(TestData.block(DIR + mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of(DIR + "ps-aux.txt", DIR + "busybox-ps.txt", "fixtures/public/slab/slabtop-o-ubuntu5.4.txt",
                "fixtures/public/meminfo/free-new-format-ubuntu20.04.txt",
                "fixtures/public/meminfo/free-kb-old-format-32gb-server.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
        assertThat(parser.nameScore("top -b -n1")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("busybox top -b -n 1")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("top-b-n1.before.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/process/top_-b_-n_1")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("slabtop -o")).isZero();
        assertThat(parser.nameScore("slabtop-o.txt")).isZero();
        assertThat(parser.nameScore("ps aux")).isZero();
        assertThat(parser.startsOutput(MemTestData.firstLine(DIR + "top-b-n1.txt"))).isTrue();
        assertThat(parser.startsOutput(MemTestData.firstLine(DIR + "ps-aux.txt"))).isFalse();
    }
}
