package dev.drophound.parse.mem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreeParserTest {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;
    private static final String SEED_003 = "seeds/003_7648ab4276b3063d.txt";
    private final FreeParser parser = new FreeParser();

    private MemoryGauges one(Block block) {
        return TestData.parseClean(parser, block).one(MemoryGauges.class);
    }

    private MemoryGauges one(String relative) {
        return one(TestData.block(relative));
    }

    @Test
    void procps_ng_4_in_bytes() {
        MemoryGauges m = one("fixtures/08-healthy-baseline/free-b.txt");
        assertThat(m.kind()).isEqualTo("meminfo");
        assertThat(m.entity()).isEmpty();
        assertThat(m.format()).isEqualTo("free");
        assertThat(m.approximate()).isFalse();
        assertThat(m.values()).containsOnlyKeys("MemTotal", "Used", "MemFree", "Shmem", "BuffCache", "MemAvailable",
                "SwapTotal", "SwapFree");
        assertThat(m.value("MemTotal")).hasValue(25276502016L);
        assertThat(m.value("Used")).hasValue(379478016L);
        assertThat(m.value("MemFree")).hasValue(23856746496L);
        assertThat(m.value("Shmem")).hasValue(9084928L);
        assertThat(m.value("BuffCache")).hasValue(1308889088L);
        assertThat(m.value("MemAvailable")).hasValue(24897024000L);
        assertThat(m.value("SwapTotal")).hasValue(0L);
        assertThat(m.span().firstLine()).isEqualTo(1);
        assertThat(m.span().lastLine()).isEqualTo(3);
    }

    @Test
    void kibibytes_by_default_and_with_k() {
        MemoryGauges plain = one("captured/memory/free.txt");
        assertThat(plain.value("MemTotal")).hasValue(24684092 * KIB);
        assertThat(plain.value("MemAvailable")).hasValue(23951716 * KIB);
        assertThat(plain.approximate()).isFalse();
        assertThat(one("captured/memory/free-k.txt").value("MemTotal")).isEqualTo(plain.value("MemTotal"));
        assertThat(one("fixtures/public/meminfo/free-new-format-ubuntu20.04.txt").value("MemAvailable")).hasValue(2775572 * KIB);
    }

    @Test
    void mebibytes_gibibytes_and_powers_of_1000() {
        MemoryGauges m = one("captured/memory/free-m.txt");
        assertThat(m.value("MemTotal")).hasValue(24105 * MIB);
        assertThat(m.value("Shmem")).hasValue(8 * MIB);
        assertThat(m.approximate()).isTrue();
        assertThat(one("captured/memory/free-g.txt").value("MemTotal")).hasValue(23 * GIB);
        MemoryGauges mega = one("captured/memory/free-mega.txt");
        assertThat(mega.value("MemTotal")).hasValue(25276_000_000L);
        assertThat(mega.value("BuffCache")).hasValue(859_000_000L);
    }

    @Test
    void human_sizes_of_procps_ng_4() {
        MemoryGauges h = one("fixtures/08-healthy-baseline/free-h.txt");
        assertThat(h.approximate()).isTrue();
        assertThat(h.value("MemTotal")).hasValue(23 * GIB);
        assertThat(h.value("Used")).hasValue(361 * MIB);
        assertThat(h.value("Shmem")).hasValue(Math.round(8.7 * MIB));
        assertThat(h.value("BuffCache")).hasValue(Math.round(1.2 * GIB));
        assertThat(h.value("SwapTotal")).hasValue(0L); // 0B
        MemoryGauges si = one("captured/memory/free-si-h.txt");
        assertThat(si.value("MemTotal")).hasValue(25_000_000_000L);
        assertThat(si.value("Shmem")).hasValue(9_100_000L);
    }

    @Test
    void seed_003_free_h_of_an_older_procps_ng() {
        MemoryGauges first = one(TestData.section(SEED_003, "free -h", 1));
        assertThat(first.approximate()).isTrue();
        assertThat(first.value("MemTotal")).hasValue(Math.round(3.6 * GIB));
        assertThat(first.value("Used")).hasValue(Math.round(1.5 * GIB));
        assertThat(first.value("MemFree")).hasValue(425 * MIB);
        assertThat(first.value("Shmem")).hasValue(403 * MIB);
        assertThat(first.value("BuffCache")).hasValue(Math.round(1.7 * GIB));
        assertThat(first.value("MemAvailable")).hasValue(534 * MIB);
        assertThat(first.span().firstLine()).isEqualTo(21);
        assertThat(first.span().lastLine()).isEqualTo(23);
        MemoryGauges later = one(TestData.section(SEED_003, "free -h", 2));
        assertThat(later.value("BuffCache")).hasValue(Math.round(1.4 * GIB));
        assertThat(later.span().firstLine()).isEqualTo(30);
    }

    @Test
    void wide_splits_buffers_and_cache() {
        MemoryGauges w = one("fixtures/08-healthy-baseline/free-w.txt");
        assertThat(w.value("Buffers")).hasValue(55240 * KIB);
        assertThat(w.value("Cache")).hasValue(1222972 * KIB);
        assertThat(w.values()).doesNotContainKey("Cached");
        // the same moment's free -b prints buff/cache = buffers + cache
        assertThat(w.value("BuffCache")).isEqualTo(one("fixtures/08-healthy-baseline/free-b.txt").value("BuffCache"));
        MemoryGauges hwt = one("captured/memory/free-hwt.txt");
        assertThat(hwt.value("Buffers")).hasValue(Math.round(3.7 * MIB));
        assertThat(hwt.value("Cache")).hasValue(815 * MIB);
        assertThat(hwt.value("BuffCache")).hasValue(Math.round(3.7 * MIB) + 815 * MIB);
        assertThat(hwt.span().lastLine()).isEqualTo(4); // the Total: row is read, not kept
    }

    @Test
    void total_low_high_and_committed_rows() {
        MemoryGauges t = one("captured/memory/free-t.txt");
        assertThat(t.values()).isEqualTo(one("captured/memory/free-k.txt").values());
        assertThat(t.span().lastLine()).isEqualTo(4);
        MemoryGauges l = one("captured/memory/free-l.txt");
        assertThat(l.value("LowTotal")).hasValue(24684092 * KIB);
        assertThat(l.value("LowFree")).hasValue(23427728 * KIB);
        assertThat(l.value("HighTotal")).hasValue(0L);
        assertThat(l.value("SwapTotal")).hasValue(0L);
        MemoryGauges v = one("captured/memory/free-v.txt");
        assertThat(v.value("CommitLimit")).hasValue(12342044 * KIB);
        assertThat(v.value("Committed_AS")).hasValue(66556 * KIB);
    }

    @Test
    void repeated_tables_give_one_fact_each() {
        List<MemoryGauges> tables = TestData.parseClean(parser, TestData.block("captured/memory/free-m-s1-c2.txt"))
                .all(MemoryGauges.class);
        assertThat(tables).hasSize(2);
        assertThat(tables.get(1).span().firstLine()).isEqualTo(5);
        assertThat(tables.get(1).value("MemTotal")).hasValue(24105 * MIB);
    }

    @Test
    void old_procps_with_buffers_cached_and_the_buffers_cache_row() {
        MemoryGauges rhel6 = one("fixtures/public/meminfo/free-m-old-format-rhel6-2.6.32.txt");
        assertThat(rhel6.values()).containsOnlyKeys("MemTotal", "Used", "MemFree", "Shmem", "Buffers", "Cached",
                "SwapTotal", "SwapFree");
        assertThat(rhel6.value("MemTotal")).hasValue(1877 * MIB);
        assertThat(rhel6.value("Used")).hasValue(859 * MIB);
        assertThat(rhel6.value("Cached")).hasValue(557 * MIB);
        assertThat(rhel6.value("SwapFree")).hasValue(4031 * MIB);
        assertThat(rhel6.approximate()).isTrue();
        assertThat(rhel6.span().lastLine()).isEqualTo(4);
        MemoryGauges server = one("fixtures/public/meminfo/free-kb-old-format-32gb-server.txt");
        assertThat(server.value("MemTotal")).hasValue(32828144 * KIB);
        assertThat(server.value("Buffers")).hasValue(4732700 * KIB);
        assertThat(server.approximate()).isFalse();
        assertThat(one("fixtures/public/meminfo/free-kb-old-format-2.5-era.txt").value("SwapTotal")).hasValue(289160 * KIB);
        assertThat(one("fixtures/public/meminfo/free-m-old-format-ubuntu-2.6.35-esx.txt").value("Cached")).hasValue(2997 * MIB);
    }

    @Test
    void busybox() {
        assertThat(one("captured/memory/busybox-free.txt").value("MemTotal")).hasValue(24684092 * KIB);
        assertThat(one("captured/memory/busybox-free-m.txt").value("MemTotal")).hasValue(24106 * MIB);
        MemoryGauges h = one("captured/memory/busybox-free-h.txt");
        assertThat(h.value("MemTotal")).hasValue(Math.round(23.5 * GIB));
        assertThat(h.value("Used")).hasValue(Math.round(409.8 * MIB));
        assertThat(h.value("SwapTotal")).hasValue(0L);
        assertThat(h.approximate()).isTrue();
    }

    @Test
    void the_unit_comes_from_the_command_or_the_sosreport_name() {
        String mebibytes = TestData.text("captured/memory/free-m.txt");
        assertThat(one(Block.ofText("sos_commands/memory/free_-m", mebibytes)).value("MemTotal")).hasValue(24105 * MIB);
        assertThat(one(Block.ofCommand("notes.txt", "watch -n1 free -m", mebibytes)).value("MemTotal")).hasValue(24105 * MIB);
        assertThat(one(TestData.blockWithCommand("captured/memory/free-mega.txt", "free --mega | head -2"))
                .value("MemTotal")).hasValue(25276_000_000L);
        assertThat(one(TestData.blockWithCommand("captured/memory/free-si-h.txt", "free --si -h")).value("Used"))
                .hasValue(750_000_000L);
        assertThat(one(TestData.blockWithCommand("captured/memory/free-b.txt", "free -b")).value("MemTotal"))
                .hasValue(25276510208L);
    }

    @Test
    void without_a_header_only_the_columns_every_version_shares() {
        String text = TestData.text("fixtures/public/meminfo/free-m-old-format-rhel6-2.6.32.txt");
        String rows = text.substring(text.indexOf('\n') + 1);
        MemoryGauges m = one(Block.ofCommand("notes.txt", "free -m | grep -v total", rows));
        assertThat(m.values()).containsOnlyKeys("MemTotal", "Used", "MemFree", "Shmem", "SwapTotal", "SwapFree");
        assertThat(m.value("MemFree")).hasValue(1017 * MIB);
    }

    @Test
    void the_tools_messages_instead_of_data() {
        Parsed procps = TestData.parse(parser, TestData.block("captured/memory/free.no-proc.txt"));
        assertThat(procps.facts()).isEmpty();
        assertThat(procps.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("/proc/meminfo does not exist");
        });
        Parsed busybox = TestData.parse(parser, TestData.block("captured/memory/busybox-free.no-proc.txt"));
        assertThat(busybox.facts()).isEmpty();
        assertThat(busybox.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("can't open '/proc/meminfo'");
        });
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("free-h.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void malformed_rows_are_reported_and_the_others_kept() {
        Block real = TestData.block("fixtures/08-healthy-baseline/free-h.txt");
        Parsed bad = TestData.parse(parser, TestData.withLine(real, 1, real.line(1).replace("8.7Mi", "x1z")));
        assertThat(bad.one(MemoryGauges.class).values()).containsOnlyKeys("SwapTotal", "SwapFree");
        assertThat(bad.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("shared column of Mem: is not a size: x1z");
        });
        String mem = real.line(1);
        Parsed cut = TestData.parse(parser, TestData.withLine(real, 1, mem.substring(0, mem.length() - 20)));
        assertThat(cut.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("expected 6 values after Mem:, got 4");
        });
    }

    @Test
    void scores() {
        for (String mine : List.of("fixtures/08-healthy-baseline/free-h.txt", "fixtures/08-healthy-baseline/free-w.txt",
                "fixtures/public/meminfo/free-kb-old-format-2.5-era.txt", "captured/memory/busybox-free.txt")) {
            assertThat(parser.contentScore(TestData.block(mine))).as(mine).isGreaterThanOrEqualTo(90);
        }
        for (String other : List.of("fixtures/08-healthy-baseline/proc-meminfo.txt", "fixtures/08-healthy-baseline/vmstat-1-3.txt",
                "fixtures/08-healthy-baseline/vmstat-s.txt", "fixtures/08-healthy-baseline/ss-s.txt",
                "fixtures/08-healthy-baseline/netstat-i.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.nameScore("free -h")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sudo free -m | grep Mem")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("busybox free")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("free-kb-old-format-2.5-era.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/memory/free")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("busybox-free-h.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/meminfo | grep -i free")).isZero();
        assertThat(parser.nameScore("echo 3 > /proc/sys/vm/drop_caches")).isZero();
        assertThat(parser.nameScore("proc-meminfo.txt")).isZero();
        assertThat(parser.nameScore("freeze.txt")).isZero();
        assertThat(parser.startsOutput(TestData.block("fixtures/08-healthy-baseline/free-w.txt").line(0))).isTrue();
        assertThat(parser.startsOutput(TestData.block("fixtures/public/meminfo/free-kb-old-format-2.5-era.txt").line(0))).isTrue();
        assertThat(parser.startsOutput(TestData.block("fixtures/08-healthy-baseline/vmstat-1-3.txt").line(1))).isFalse();
    }
}
