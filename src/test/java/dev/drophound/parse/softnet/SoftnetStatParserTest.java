package dev.drophound.parse.softnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.Counter;
import dev.drophound.facts.SoftnetCpu;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftnetStatParserTest {

    private final SoftnetStatParser parser = new SoftnetStatParser();

    private List<SoftnetCpu> rows(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.all(SoftnetCpu.class);
    }

    private List<SoftnetCpu> rows(String relative) {
        return rows(TestData.block(relative));
    }

    private static long value(SoftnetCpu cpu, String name) {
        return cpu.counter(name).orElseThrow(() -> new AssertionError("no " + name)).value();
    }

    private static long gauge(SoftnetCpu cpu, String name) {
        return cpu.gauges().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no gauge " + name)).value();
    }

    @Test
    void kernel618FifteenColumns() {
        List<SoftnetCpu> cpus = rows("fixtures/05-softnet-backlog-drops/proc-net-softnet_stat.1.after.txt");
        assertThat(cpus).hasSize(2);
        SoftnetCpu cpu1 = cpus.get(1);
        assertThat(cpu1.cpu()).isEqualTo(1);
        assertThat(cpu1.cpuFromColumn()).isTrue();
        assertThat(cpu1.columns()).isEqualTo(15);
        assertThat(value(cpu1, "dropped")).isEqualTo(0x1a0a);
        assertThat(value(cpu1, "processed")).isEqualTo(0x37fe3);
        assertThat(value(cpu1, "received_rps")).isEqualTo(0x23947);
        assertThat(cpu1.counters()).extracting(Counter::name).containsExactly(
                "processed", "dropped", "time_squeeze", "cpu_collision", "received_rps", "flow_limit_count");
        assertThat(cpu1.gauges()).extracting(Counter::name).containsExactly("backlog_len", "input_qlen", "process_qlen");
        Counter dropped = cpu1.counter("dropped").orElseThrow();
        assertThat(dropped.bits()).isEqualTo(32);
        assertThat(dropped.key().toString()).isEqualTo("softnet/cpu1/dropped");
        assertThat(dropped.span().firstLine()).isEqualTo(2);
        assertThat(dropped.span()).isSameAs(cpu1.counter("processed").orElseThrow().span());

        List<SoftnetCpu> flow = rows("fixtures/05-softnet-backlog-drops/proc-net-softnet_stat.2.after.txt");
        assertThat(value(flow.get(0), "flow_limit_count")).isEqualTo(0x18);
        assertThat(value(flow.get(1), "dropped")).isEqualTo(0x1a64);

        assertThat(value(rows("fixtures/08-healthy-baseline/proc-net-softnet_stat.txt").get(1), "dropped")).isEqualTo(0x1608);
        assertThat(value(rows("fixtures/01-udp-rcvbuf-overflow/proc-net-softnet_stat.after.txt").get(0), "processed"))
                .isEqualTo(0x382f2);
    }

    @Test
    void rhel5NineColumns() {
        SoftnetCpu cpu = rows("fixtures/public/softnet/rhel5-9col.txt").get(0);
        assertThat(cpu.columns()).isEqualTo(9);
        assertThat(cpu.cpu()).isZero();
        assertThat(cpu.cpuFromColumn()).isFalse();
        assertThat(value(cpu, "processed")).isEqualTo(0x6dcad223L);
        assertThat(value(cpu, "cpu_collision")).isEqualTo(5);
        assertThat(cpu.counters()).hasSize(4);
        assertThat(cpu.gauges()).isEmpty();
    }

    @Test
    void rhel6And7TenColumnsTakeTheCpuFromTheRowPosition() {
        List<SoftnetCpu> cpus = rows("fixtures/public/softnet/rhel6-7-10col.txt");
        assertThat(cpus).extracting(SoftnetCpu::cpu).containsExactly(0, 1, 2, 3);
        SoftnetCpu cpu1 = cpus.get(1);
        assertThat(cpu1.cpuFromColumn()).isFalse();
        assertThat(value(cpu1, "dropped")).isEqualTo(0xff);
        assertThat(value(cpu1, "received_rps")).isEqualTo(6);
        assertThat(cpu1.counter("dropped").orElseThrow().span().firstLine()).isEqualTo(2);
        assertThat(cpu1.counter("flow_limit_count")).isEmpty();
    }

    @Test
    void elevenColumns() {
        SoftnetCpu rhel8 = rows("fixtures/public/softnet/rhel8-11col.txt").get(0);
        assertThat(value(rhel8, "dropped")).isEqualTo(0xfe);
        assertThat(value(rhel8, "time_squeeze")).isEqualTo(0x12);
        assertThat(value(rhel8, "flow_limit_count")).isEqualTo(1);

        List<SoftnetCpu> ubuntu = rows("fixtures/public/softnet/ubuntu-5.4-lxd-11col.txt");
        assertThat(ubuntu).extracting(c -> value(c, "time_squeeze")).containsExactly(0x114L, 0xb0L);
    }

    @Test
    void rhel9ThirteenColumnsWithARepeatedCpuIndex() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("fixtures/public/softnet/rhel9-13col.txt"));
        List<SoftnetCpu> cpus = parsed.all(SoftnetCpu.class);
        assertThat(cpus).hasSize(5);
        assertThat(cpus).extracting(SoftnetCpu::cpu).containsExactly(0, 1, 2, 3, 0);
        assertThat(value(cpus.get(4), "dropped")).isEqualTo(0x2db94);
        assertThat(gauge(cpus.get(1), "backlog_len")).isEqualTo(0xdc);
        // this published sample (a parser test's fixture) prints CPU 0 twice: kept, but said
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(5);
            assertThat(d.message()).contains("CPU 0");
        });
    }

    @Test
    void seedDecimalTableFromAwk() {
        Block block = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "awk '{for (i=1; i<=NF; i++) printf strtonum(\"0x\" $i) (i==NF?\"\\n\":\" \")}' /proc/net/softnet_stat | column -t", 1);
        // the section runs on into the article's prose up to the next prompt: no warning for that
        assertThat(TestData.parse(parser, block).warnings()).isEmpty();
        List<SoftnetCpu> cpus = rows(block);
        assertThat(cpus).extracting(SoftnetCpu::cpu).containsExactly(0, 1, 2, 3);
        SoftnetCpu cpu3 = cpus.get(3);
        assertThat(cpu3.cpuFromColumn()).isTrue();
        assertThat(cpu3.columns()).isEqualTo(13);
        assertThat(value(cpu3, "time_squeeze")).isEqualTo(896);
        assertThat(value(cpu3, "processed")).isEqualTo(70_512_579L);
        assertThat(cpu3.counter("time_squeeze").orElseThrow().span().firstLine()).isEqualTo(176);
        assertThat(parser.nameScore(block.command())).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-softnet_stat.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void truncatedRowIsMalformedAndTheOtherRowKept() {
        String text = TestData.text("fixtures/05-softnet-backlog-drops/proc-net-softnet_stat.1.after.txt");
        List<String> lines = Block.splitLines(text);
        String cut = lines.get(0) + "\n" + lines.get(1).substring(0, lines.get(1).length() - 18) + "\n";
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-softnet_stat.txt", cut));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("expected 15 values like the first row, got 13");
        });
        assertThat(parsed.all(SoftnetCpu.class)).singleElement()
                .satisfies(c -> assertThat(value(c, "processed")).isEqualTo(0x38ec5));
    }

    @Test
    void nonHexValueIsMalformed() {
        String text = TestData.text("fixtures/public/softnet/rhel6-7-10col.txt").replace("000000ff", "0000x1z0");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("proc-net-softnet_stat.txt", text));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("hexadecimal");
        });
        // the damaged row still counts as CPU 1's row: the next one is CPU 2
        assertThat(parsed.all(SoftnetCpu.class)).extracting(SoftnetCpu::cpu).containsExactly(0, 2, 3);
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("cat /proc/net/softnet_stat")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc-net-softnet_stat.after.txt")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("proc/net/softnet_stat")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("cat /proc/net/snmp")).isZero();
        assertThat(parser.nameScore("proc-net-stat-arp_cache.txt")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/public/softnet/rhel5-9col.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/proc-net-softnet_stat.txt")))
                .isGreaterThanOrEqualTo(90);
        for (String other : new String[] {
                "fixtures/08-healthy-baseline/proc-net-stat-arp_cache.txt",
                "fixtures/08-healthy-baseline/proc-net-stat-rt_cache.txt",
                "fixtures/08-healthy-baseline/proc-net-dev.txt",
                "fixtures/08-healthy-baseline/proc-interrupts.txt",
                "fixtures/08-healthy-baseline/vmstat-1-3.txt",
                "fixtures/08-healthy-baseline/proc-buddyinfo.txt",
                "fixtures/08-healthy-baseline/proc-net-udp.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
    }
}
