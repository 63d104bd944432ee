package dev.drophound.parse.huge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.NumaNode;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only one-node machines: no real two-node lscpu exists under testdata (none was found in the public samples). */
class LscpuParserTest {

    private static final String DIR = "captured/hugepages/";
    private final LscpuParser parser = new LscpuParser();

    @Test
    void lscpu_on_two_vms() {
        NumaNode amd = TestData.parseClean(parser, TestData.block(DIR + "lscpu.txt")).one(NumaNode.class);
        assertThat(amd.node()).isZero();
        assertThat(amd.cpus()).isEqualTo("0,1");
        assertThat(amd.nodeCount()).isEqualTo(1);
        assertThat(amd.span().where()).isEqualTo("lscpu.txt line 24");
        assertThat(amd.span().lines().get(0).text()).isEqualTo("NUMA node0 CPU(s):                       0,1");

        NumaNode intel = TestData.parseClean(parser, TestData.block("fixtures/08-healthy-baseline/lscpu.txt")).one(NumaNode.class);
        assertThat(intel.cpus()).isEqualTo("0,1");
        assertThat(intel.nodeCount()).isEqualTo(1);
        assertThat(intel.span().firstLine()).isEqualTo(24);
    }

    @Test
    void a_grep_of_lscpu() {
        Block real = TestData.block(DIR + "lscpu.txt");
        Block grep = new Block(real.source(), 23, real.lines().subList(22, 24), real.raw().subList(22, 24), real.name(),
                "lscpu | grep NUMA", false);
        NumaNode n = TestData.parseClean(parser, grep).one(NumaNode.class);
        assertThat(n.nodeCount()).isEqualTo(1);
        assertThat(parser.contentScore(grep)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void sysfs_cpulist() {
        NumaNode grepH = TestData.parseClean(parser, TestData.block(DIR + "grep-H-node-cpulist.txt")).one(NumaNode.class);
        assertThat(grepH.node()).isZero();
        assertThat(grepH.cpus()).isEqualTo("0-1");
        assertThat(grepH.nodeCount()).isNull();

        NumaNode cat = TestData.parseClean(parser, TestData.block(DIR + "cat-node0-cpulist.txt")).one(NumaNode.class);
        assertThat(cat.node()).isZero();
        assertThat(cat.cpus()).isEqualTo("0-1");
        NumaNode byCommand = TestData.parseClean(parser, TestData.blockWithCommand(DIR + "grep-node-cpulist.txt",
                "cat /sys/devices/system/node/node0/cpulist")).one(NumaNode.class);
        assertThat(byCommand.node()).isZero();
    }

    @Test
    void grep_of_a_glob_that_matched_one_file_does_not_say_the_node() {
        Parsed r = TestData.parse(parser, TestData.blockWithCommand(DIR + "grep-node-cpulist.txt",
                "grep . /sys/devices/system/node/node*/cpulist"));
        assertThat(r.facts()).isEmpty();
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("without the node");
        });
    }

    @Test
    void a_node_count_that_is_not_a_number_is_malformed() {
        Block real = TestData.block(DIR + "lscpu.txt");
        Parsed r = TestData.parse(parser, TestData.withLine(real, 22, real.line(22).replace(" 1", " x")));
        NumaNode n = r.one(NumaNode.class);
        assertThat(n.nodeCount()).isNull();
        assertThat(n.cpus()).isEqualTo("0,1");
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(23);
            assertThat(d.message()).contains("NUMA node(s) is not a number");
        });
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("lscpu.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        for (String mine : List.of(DIR + "lscpu.txt", "fixtures/08-healthy-baseline/lscpu.txt", DIR + "grep-H-node-cpulist.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of("fixtures/08-healthy-baseline/os-release.txt", "fixtures/08-healthy-baseline/ethtool-i.eth0.txt",
                "fixtures/08-healthy-baseline/proc-meminfo.txt", "fixtures/08-healthy-baseline/sysctl-a-mem.txt",
                DIR + "grep-r-node-hugepages.stale.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.startsOutput(TestData.block(DIR + "lscpu.txt").line(0))).isTrue();
        assertThat(parser.startsOutput(TestData.block(DIR + "lscpu.txt").line(1))).isFalse();
        assertThat(parser.nameScore("lscpu")).isGreaterThanOrEqualTo(80); // a bare word: a command or a file name
        assertThat(parser.nameScore("lscpu | grep -i numa")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("grep . /sys/devices/system/node/node*/cpulist")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("lscpu.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/processor/lscpu")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("lscpu -e")).isZero();
        assertThat(parser.nameScore("lscpu -p=cpu,node")).isZero();
        assertThat(parser.nameScore("lscpu -J")).isZero();
        assertThat(parser.nameScore("cat /sys/devices/system/node/node0/meminfo")).isZero();
        assertThat(parser.nameScore("numactl -H")).isZero();
    }
}
