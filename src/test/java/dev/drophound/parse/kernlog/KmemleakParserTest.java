package dev.drophound.parse.kernlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.Sectioner;
import dev.drophound.evidence.Source;
import dev.drophound.facts.KmemleakObject;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cat /sys/kernel/debug/kmemleak: the public records (6.3, 2022 netdev, stable, syzbot 5.10) and seed 004's. */
class KmemleakParserTest {

    private final KmemleakParser parser = new KmemleakParser();
    private static final String DIR = "fixtures/public/kmemleak/";

    @Test
    void twoRecordsWithHexDumps() {
        List<KmemleakObject> objects = TestData.parseClean(parser,
                TestData.block(DIR + "cat-kmemleak-tracing-error_log-6.3.txt")).all(KmemleakObject.class);
        assertThat(objects).hasSize(2);
        KmemleakObject first = objects.get(0);
        assertThat(first.address()).isEqualTo("0xffff88810d8ec700");
        assertThat(first.size()).isEqualTo(192);
        assertThat(first.comm()).isEqualTo("bash");
        assertThat(first.pid()).isEqualTo(869);
        assertThat(first.jiffies()).isEqualTo(4294950577L);
        assertThat(first.backtrace()).hasSize(11).startsWith("kmalloc_trace", "tracing_log_err", "parse_atom")
                .endsWith("entry_SYSCALL_64_after_hwframe");
        assertThat(first.span().firstLine()).isEqualTo(1);
        assertThat(first.span().lastLine()).isEqualTo(17);
        assertThat(objects.get(1).size()).isEqualTo(32);
        assertThat(objects.get(1).backtrace().get(0)).isEqualTo("__kmalloc");
        assertThat(objects.get(1).span().firstLine()).isEqualTo(18);
    }

    @Test
    void modulesElisionsAndSyzbotsInlineFrames() {
        KmemleakObject tun = TestData.parseClean(parser, TestData.block(DIR + "netdev-tun-napi_skb_cache_get-2022.txt"))
                .one(KmemleakObject.class);
        assertThat(tun.backtrace()).containsSubsequence("napi_skb_cache_get", "tun_get_user", "tun_chr_write_iter");
        assertThat(tun.jiffies()).isEqualTo(4354712116L);

        KmemleakObject jffs2 = TestData.parseClean(parser, TestData.block(DIR + "stable-jffs2-sum-init-unhashed.txt"))
                .one(KmemleakObject.class);
        assertThat(jffs2.backtrace()).containsExactly("kmem_cache_alloc_trace", "jffs2_sum_init",
                "jffs2_do_mount_fs", "jffs2_do_fill_super", "jffs2_fill_super"); // then "[...]"

        KmemleakObject syz = TestData.parseClean(parser, TestData.block(DIR + "syzbot-zr364xx-vmalloc-5.10.txt"))
                .one(KmemleakObject.class);
        assertThat(syz.comm()).isEqualTo("kworker/0:2");
        assertThat(syz.size()).isEqualTo(200704);
        assertThat(syz.backtrace()).startsWith("__vmalloc_node_range", "__vmalloc_node", "vmalloc",
                "zr364xx_board_init", "zr364xx_probe");
        assertThat(syz.span().firstLine()).isEqualTo(2);
    }

    @Test
    void seed004GivenWholeIsCutAtTheRecord() {
        String seed = "seeds/004_b9d39fd4d8330062.txt";
        List<Block> blocks = new Sectioner(ParserRegistry.standard()::startsAnyOutput)
                .split(Source.file(seed), seed, TestData.text(seed));
        Block leak = blocks.stream().filter(b -> parser.contentScore(b) >= 90).findFirst().orElseThrow();
        assertThat(ParserRegistry.standard().route(leak).orElseThrow().parser().id()).isEqualTo("kmemleak");
        TestData.Parsed p = TestData.parse(parser, leak);
        assertThat(p.warnings()).isEmpty(); // the tool table after it is prose
        KmemleakObject o = p.one(KmemleakObject.class);
        assertThat(o.address()).isEqualTo("0xffff880005339a00");
        assertThat(o.size()).isEqualTo(256);
        assertThat(o.comm()).isEqualTo("kworker/u3:1");
        assertThat(o.pid()).isEqualTo(1011);
        // no hex dump in the patch mail; the old end marker 0xffffffffffffffff is no function
        assertThat(o.backtrace()).containsExactly("kmemleak_alloc", "kmem_cache_alloc", "skb_clone",
                "hci_event_packet", "hci_rx_work", "process_one_work", "worker_thread", "kthread", "ret_from_fork");
    }

    @Test
    void brokenLinesAreNamedAndTheRestKept() {
        Block real = TestData.block(DIR + "cat-kmemleak-tracing-error_log-6.3.txt");
        Block bad = TestData.withLine(real, 0, real.line(0).substring(0, 40)); // "unreferenced object 0xffff88810d8ec700 ("
        bad = TestData.withLine(bad, 18, real.line(18).replace("pid 869", "pid x1z"));
        TestData.Parsed p = TestData.parse(parser, bad);
        assertThat(p.warnings()).extracting(Diagnostic::line).containsExactly(1, 19);
        KmemleakObject second = p.one(KmemleakObject.class);
        assertThat(second.size()).isEqualTo(32);
        assertThat(second.comm()).isNull();
        assertThat(second.backtrace()).hasSize(11);
    }

    @Test
    void emptyInput() {
        TestData.Parsed p = TestData.parse(parser, Block.ofText("kmemleak.txt", ""));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("cat /sys/kernel/debug/kmemleak")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sys/kernel/debug/kmemleak")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("kmemleak.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("echo scan > /sys/kernel/debug/kmemleak")).isZero();
        assertThat(parser.nameScore("dmesg -T")).isZero();
        for (String own : new String[] {DIR + "cat-kmemleak-tracing-error_log-6.3.txt",
                DIR + "syzbot-zr364xx-vmalloc-5.10.txt"}) {
            assertThat(parser.contentScore(TestData.block(own))).as(own).isGreaterThanOrEqualTo(90);
        }
        for (String other : new String[] {"fixtures/10-oom-global-user-process/dmesg-oom.txt",
                "fixtures/public/drop-trace/bcc-tcpdrop-2018-ena-4.x.txt",
                "fixtures/public/slab/proc-slabinfo-ubuntu5.4-compute.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
        assertThat(parser.startsOutput("    unreferenced object 0xffff880005339a00 (size 256):")).isTrue();
        assertThat(parser.startsOutput("[  12.3] kmemleak: 2 new suspected memory leaks")).isFalse();
    }
}
