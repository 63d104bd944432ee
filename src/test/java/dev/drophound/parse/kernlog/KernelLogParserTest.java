package dev.drophound.parse.kernlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.KmemleakObject;
import dev.drophound.facts.MemoryEvent;
import dev.drophound.facts.OomReport;
import dev.drophound.facts.SlubTraceEvent;
import dev.drophound.testing.TestData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kernel-log on real logs: fixture 10 (6.18), the public OOM reports from 2.6.32 to 6.1 (dmesg, dmesg -T, syslog,
 * vmware.log, plain), the page allocation failure and SLUB failure captures, seed 003's SLUB trace, earlyoom and
 * dmesg variants captured here.
 */
class KernelLogParserTest {

    private final KernelLogParser parser = new KernelLogParser();
    private static final String OOM = "fixtures/public/oom/";
    private static final long KB = 1024;

    private TestData.Parsed clean(String file) {
        return TestData.parseClean(parser, TestData.block(file));
    }

    private static List<String> warnings(TestData.Parsed p) {
        return p.warnings().stream().map(Diagnostic::message).toList();
    }

    @Test
    void globalOomOfOneUserProcessOn618() {
        OomReport r = clean("fixtures/10-oom-global-user-process/dmesg-oom.txt").one(OomReport.class);
        assertThat(r.trigger()).isEqualTo("python3");
        assertThat(r.triggerPid()).isEqualTo(31017);
        assertThat(r.gfpMask()).isEqualTo("0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)");
        assertThat(r.order()).isZero();
        assertThat(r.constraint()).isEqualTo("CONSTRAINT_NONE");
        assertThat(r.memcg()).isNull();
        assertThat(r.memcgUsage()).isNull();
        assertThat(r.kernel()).isEqualTo("6.18.44-fc-v669");
        assertThat(r.killed()).isEqualTo(new OomReport.Victim(31017, "python3", 24399664 * KB, 24383104 * KB, 44 * KB,
                0L, 0));
        // Mem-Info in pages, its continuation lines without a prefix, and the page totals after the zones
        assertThat(r.memInfo()).containsEntry("inactive_anon", 6096282L).containsEntry("slab_unreclaimable", 5916L)
                .containsEntry("shmem", 2218L).containsEntry("free", 39982L).containsEntry("sec_pagetables", 0L)
                .containsEntry("pages_ram", 6291358L).containsEntry("pages_reserved", 120337L)
                .containsEntry("total_swap_kb", 0L);
        assertThat(r.zones()).extracting(OomReport.Zone::zone).containsExactly("DMA", "DMA32", "Normal");
        assertThat(r.zones().get(2)).isEqualTo(new OomReport.Zone("node0", "Normal", 51896 * KB, 59076 * KB,
                80652 * KB, 102228 * KB));
        assertThat(r.hugepages()).containsExactly(new OomReport.Hugepages("node0", 0, 0, 0, 1048576),
                new OomReport.Hugepages("node0", 0, 0, 0, 2048));
        assertThat(r.tasks()).hasSize(5);
        assertThat(r.tasks().get(0)).isEqualTo(new OomReport.Task(31017, 0, 6099916, 6095787, 48930816L, 0L, 0,
                "python3"));
        assertThat(r.unreclaimableSlab()).isEmpty();
        assertThat(r.time().uptimeSeconds()).isEqualTo(2205.039425);
        assertThat(r.span().firstLine()).isEqualTo(1);
        assertThat(r.span().lastLine()).isEqualTo(69);
        assertThat(r.span().lines()).extracting(l -> l.number()).containsExactly(1, 2, 68, 69);
    }

    @Test
    void memoryCgroupV1OnAKernel52() {
        OomReport r = clean(OOM + "v5.2-rc7-memcg-v1-leaker.txt").one(OomReport.class);
        assertThat(r.constraint()).isEqualTo("CONSTRAINT_MEMCG");
        assertThat(r.memcg()).isEqualTo("/leaker");
        assertThat(r.memcgUsage()).isEqualTo(new OomReport.Memcg(524288 * KB, 524288 * KB, 1240247L));
        assertThat(r.killed().command()).isEqualTo("leaker");
        assertThat(r.killed().anonRssBytes()).isEqualTo(506500 * KB);
        assertThat(r.killed().oomScoreAdj()).isNull(); // 5.2 does not print it on the kill line
        assertThat(r.memInfo()).isEmpty(); // a cgroup OOM prints the cgroup's stats, not Mem-Info
        assertThat(r.tasks()).extracting(OomReport.Task::name).containsExactly("leaker", "sh");
        assertThat(r.tasks().get(0).swapEntries()).isEqualTo(519670L);
        assertThat(r.span().lines()).extracting(l -> l.number()).containsExactly(1, 2, 37, 45, 46);
    }

    @Test
    void memoryCgroupV2InAProxmoxContainerWithDmesgT() {
        OomReport r = clean(OOM + "proxmox-5.15-memcg-lxc-phpfpm.txt").one(OomReport.class);
        assertThat(r.memcg()).isEqualTo("/lxc/39004");
        assertThat(r.memcgUsage().limitBytes()).isEqualTo(31211520 * KB);
        assertThat(r.killed()).isEqualTo(new OomReport.Victim(3902942, "php-fpm", 14740176 * KB, 12625252 * KB, 0L,
                156088 * KB, 0));
        assertThat(r.tasks()).hasSize(73);
        assertThat(r.tasks().get(0).pid()).isEqualTo(3902942); // largest rss first
        // dmesg -T in a German locale: the weekday is "Di", the month still reads
        assertThat(r.time().asPrinted()).isEqualTo("Di Aug 12 03:54:03 2025");
        assertThat(r.time().wallClock()).isEqualTo(Instant.parse("2025-08-12T03:54:03Z"));
    }

    @Test
    void oldestFormatInSyslogWithAKillBeforeIt() {
        TestData.Parsed p = TestData.parse(parser, TestData.block(OOM + "centos6.5-2.6.32-431-global-ruby-syslog.txt"));
        MemoryEvent kill = p.one(MemoryEvent.class);
        assertThat(kill.kind()).isEqualTo("oom-kill");
        assertThat(kill.pid()).isEqualTo(6608);
        assertThat(kill.command()).isEqualTo("top");
        assertThat(kill.detail()).contains("oom_kill_allocating_task").contains("anon-rss:308kB");
        assertThat(kill.span().lines()).extracting(l -> l.number()).containsExactly(1, 2);
        assertThat(kill.time().asPrinted()).isEqualTo("Mar  8 11:35:04");
        assertThat(kill.time().wallClock()).isNull(); // syslog prints no year

        OomReport r = p.one(OomReport.class);
        assertThat(r.trigger()).isEqualTo("ruby");
        assertThat(r.triggerPid()).isEqualTo(6607);
        assertThat(r.gfpMask()).isEqualTo("0x201da");
        assertThat(r.kernel()).isEqualTo("2.6.32-431.el6.x86_64");
        assertThat(r.killed()).isNull(); // the excerpt ends in the task table
        assertThat(r.memInfo()).containsEntry("active_anon", 366008L).containsEntry("unstable", 0L)
                .containsEntry("free_swap_kb", 0L).containsEntry("total_swap_kb", 262136L)
                .doesNotContainKey("hi"); // the per-cpu lines are not Mem-Info counts
        assertThat(r.zones().get(1)).isEqualTo(new OomReport.Zone("node0", "DMA32", 44624 * KB, 44712 * KB,
                55888 * KB, 67068 * KB));
        // 2.6.32's columns: cpu and oom_adj, no page tables, no swap entries
        assertThat(r.tasks()).hasSize(48);
        assertThat(r.tasks().get(0)).isEqualTo(new OomReport.Task(6607, 500, 479367, 413106, null, null, 0, "ruby"));
        assertThat(p.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("cut short");
        });
    }

    @Test
    void rhel7ReportWithEscapedNewlinesAndTheOldTwoLineKill() {
        OomReport r = clean(OOM + "rhel7-3.10.0-514-global-sed.txt").one(OomReport.class);
        assertThat(r.trigger()).isEqualTo("sed");
        assertThat(r.triggerPid()).isEqualTo(29481);
        // the whole Mem-Info block is one syslog record with #012 for the newlines
        assertThat(r.memInfo()).containsEntry("active_anon", 7355653L).containsEntry("shmem", 87896L)
                .containsEntry("free", 39513L).containsEntry("free_cma", 0L);
        assertThat(r.zones()).extracting(z -> z.node() + "/" + z.zone())
                .containsExactly("node0/DMA", "node0/DMA32", "node0/Normal", "node1/Normal");
        assertThat(r.hugepages()).hasSize(4);
        assertThat(r.killed()).isEqualTo(new OomReport.Victim(6576, "mysqld", 33914892 * KB, 20629004 * KB, 0L, 0L,
                null));
        assertThat(r.tasks().get(0).name()).isEqualTo("mysqld");
        assertThat(r.tasks().get(0).pgtablesBytes()).isNull(); // nr_ptes counts pages
        assertThat(r.constraint()).isNull();
        assertThat(r.span().lines()).extracting(l -> l.number()).containsExactly(1, 3, 143, 144);
    }

    @Test
    void unreclaimableSlabDumpLargestFirst() {
        OomReport r = clean(OOM + "kvm-5.8-rc4-global-unreclaimable-slab-kmemleak.txt").one(OomReport.class);
        assertThat(r.unreclaimableSlab()).hasSize(85);
        assertThat(r.unreclaimableSlab().get(0)).isEqualTo(new OomReport.SlabUse("kmemleak_object", 163919 * KB,
                168558 * KB));
        assertThat(r.unreclaimableSlab().get(1).cache()).isEqualTo("kmalloc-1k");
        assertThat(r.unreclaimableSlab()).filteredOn(s -> s.cache().equals("9p-fcall-cache")).hasSize(4);
        assertThat(r.memInfo()).containsEntry("slab_unreclaimable", 98031L);
        assertThat(r.trigger()).isEqualTo("test_maps");
        assertThat(r.killed().command()).isEqualTo("bash");
        assertThat(r.killed().pid()).isEqualTo(194);
    }

    @Test
    void otherKernelsAndLayouts() {
        OomReport arch = clean(OOM + "arch-6.1.1-global-doxygen.txt").one(OomReport.class);
        assertThat(arch.kernel()).isEqualTo("6.1.1-arch1-1");
        assertThat(arch.triggerPid()).isEqualTo(473206);
        assertThat(arch.memInfo()).containsEntry("slab_reclaimable", 130091L).containsEntry("free_swap_kb", 84L);
        assertThat(arch.tasks()).hasSize(112);
        assertThat(arch.time()).isNull(); // no prefix at all

        TestData.Parsed euler = clean(OOM + "openeuler2203-5.10-global-aout.txt");
        assertThat(euler.one(MemoryEvent.class).pid()).isEqualTo(5515); // the end of a report before the excerpt
        OomReport aout = euler.one(OomReport.class);
        assertThat(aout.kernel()).isEqualTo("5.10.0-60.18.0.50.oe2203.x86_64"); // after "Kdump: loaded"
        assertThat(aout.killed().pid()).isEqualTo(5532);
        assertThat(aout.time().uptimeSeconds()).isEqualTo(130.772276);

        OomReport sysrq = clean(OOM + "ubuntu2110-5.13-sysrq-kworker.txt").one(OomReport.class);
        assertThat(sysrq.order()).isEqualTo(-1); // sysrq-f: no allocation
        assertThat(sysrq.trigger()).isEqualTo("kworker/0:2");
        assertThat(sysrq.triggerPid()).isEqualTo(735);
        assertThat(sysrq.killed().command()).isEqualTo("unattended-upgr");

        // hotsos cut its long lines with '>': the zone watermarks come first and are kept
        OomReport cut = clean(OOM + "ubuntu-5.4.0-120-sysrq-gnome-shell.txt").one(OomReport.class);
        assertThat(cut.zones().get(2)).isEqualTo(new OomReport.Zone("node0", "Normal", 20564 * KB, 16524 * KB,
                20652 * KB, 24780 * KB));
        assertThat(cut.killed().shmemRssBytes()).isEqualTo(12 * KB);
    }

    @Test
    void fragmentsGiveWhatTheyHold() {
        TestData.Parsed photon = TestData.parse(parser, TestData.block(OOM + "FRAGMENT-photon3-memcg-in-vmware.log.txt"));
        OomReport tail = photon.one(OomReport.class);
        assertThat(tail.trigger()).isNull();
        assertThat(tail.tasks()).extracting(OomReport.Task::name).containsExactly("node", "npm start", "sh", "pause");
        assertThat(tail.tasks().get(3).oomScoreAdj()).isEqualTo(-998);
        // vmware.log's own prefix, the printk level and the uptime, all taken off
        assertThat(tail.time().wallClock()).isEqualTo(Instant.parse("2023-12-04T10:49:30.127Z"));
        assertThat(tail.time().uptimeSeconds()).isEqualTo(39291577.009360);
        assertThat(warnings(photon)).singleElement().asString().contains("cut short");

        TestData.Parsed k8s = TestData.parse(parser,
                TestData.block(OOM + "FRAGMENT-rhel7-3.10.0-327-memcg-kubepods-java.txt"));
        List<OomReport> reports = k8s.all(OomReport.class);
        assertThat(reports).hasSize(2);
        // the first: a memcg OOM's tail; the kernel chose 24572 and killed its child 28438
        assertThat(reports.get(0).killed()).isEqualTo(new OomReport.Victim(28438, "java", 20255636 * KB,
                466160 * KB, 13684 * KB, null, null));
        assertThat(reports.get(0).tasks()).singleElement().satisfies(t -> assertThat(t.swapEntries()).isEqualTo(136409));
        // the second: only its head
        assertThat(reports.get(1).trigger()).isEqualTo("java");
        assertThat(reports.get(1).triggerPid()).isEqualTo(14881);
        assertThat(reports.get(1).gfpMask()).isEqualTo("0xd0");
        assertThat(reports.get(1).kernel()).isEqualTo("3.10.0-327.4.5.el7.x86_64");
        assertThat(k8s.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(6));
    }

    @Test
    void highOrderPageAllocationFailure() {
        TestData.Parsed p = clean(OOM + "rhel8-4.18-aarch64-page-allocation-failure-order6-qede.txt");
        assertThat(p.all(OomReport.class)).isEmpty();
        MemoryEvent e = p.one(MemoryEvent.class);
        assertThat(e.kind()).isEqualTo("allocation-failure");
        assertThat(e.order()).isEqualTo(6);
        assertThat(e.command()).isEqualTo("kworker/0:6");
        assertThat(e.pid()).isEqualTo(145);
        // the poster's wrap after "order:6," is joined
        assertThat(e.detail()).isEqualTo("mode:0x60c0c0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null)");
        assertThat(e.span().lines()).extracting(l -> l.number()).containsExactly(1, 2);
    }

    @Test
    void slubCouldNotAllocateThenTheOomKiller() {
        TestData.Parsed p = TestData.parse(parser,
                TestData.block("fixtures/public/slub-ftrace/FRAGMENT-slub-unable-to-allocate-memcg-kmem-5.4.txt"));
        MemoryEvent e = p.one(MemoryEvent.class);
        assertThat(e.kind()).isEqualTo("slub-unable");
        assertThat(e.detail()).startsWith("node -1, gfp=0xdc0(GFP_KERNEL|__GFP_ZERO); cache: signal_cache(632851:")
                .endsWith("; node 0: slabs: 31, objs: 930, free: 0");
        assertThat(e.span().lines()).extracting(l -> l.number()).containsExactly(2, 3, 4);
        OomReport r = p.one(OomReport.class);
        assertThat(r.gfpMask()).isEqualTo("0x0()");
        assertThat(r.memInfo()).containsEntry("slab_reclaimable", 559978L).containsEntry("slab_unreclaimable", 198012L);
        assertThat(warnings(p)).singleElement().asString().contains("cut short");
    }

    @Test
    void seed003SlubTraceWithCallTraces() {
        // the article pastes the two traces in two code fences, each its own block
        Block kniBlock = TestData.blockContaining("seeds/003_7648ab4276b3063d.txt", "TRACE kmalloc-8192 alloc 0xffff88001a0d8000");
        Block reiserfs = TestData.blockContaining("seeds/003_7648ab4276b3063d.txt", "TRACE kmalloc-8192 free");
        assertThat(parser.contentScore(kniBlock)).isGreaterThanOrEqualTo(50);
        assertThat(parser.contentScore(reiserfs)).isGreaterThanOrEqualTo(50);
        List<SlubTraceEvent> events = new java.util.ArrayList<>();
        for (Block b : List.of(kniBlock, reiserfs)) {
            TestData.Parsed p = TestData.parse(parser, b);
            assertThat(p.warnings()).isEmpty(); // the article's prose is not a log's
            events.addAll(p.all(SlubTraceEvent.class));
        }
        assertThat(events).extracting(SlubTraceEvent::op).containsExactly("alloc", "alloc", "free");

        SlubTraceEvent kni = events.get(0);
        assertThat(kni.cache()).isEqualTo("kmalloc-8192");
        assertThat(kni.address()).isEqualTo("0xffff88001a0d8000");
        assertThat(kni.inuse()).isEqualTo(4);
        assertThat(kni.stack()).containsSubsequence("alloc_netdev_mqs", "alloc_etherdev_mqs", "igb_kni_probe",
                "kni_ioctl_create", "kni_ioctl");
        assertThat(kni.stack()).doesNotContain("pci_conf1_read", "put_device"); // "? " frames are stale addresses
        assertThat(kni.stack().get(0)).isEqualTo("dump_stack");
        assertThat(kni.time().uptimeSeconds()).isEqualTo(90556.444309);
        assertThat(kni.span().firstLine()).isEqualTo(69);
        assertThat(kni.span().lastLine()).isEqualTo(93);

        // the reiserfs allocation: its line lacks the opening '[', and its free follows
        assertThat(events.get(1).time().uptimeSeconds()).isEqualTo(90560.232045);
        assertThat(events.get(1).stack()).contains("reiserfs_insert_item").doesNotContain("igb_kni_probe");
        assertThat(events.get(2).address()).isEqualTo(events.get(1).address());
        assertThat(events.get(2).stack()).isEmpty();
        assertThat(events.get(2).span().firstLine()).isEqualTo(135);
    }

    @Test
    void earlyoomKillLines() {
        List<MemoryEvent> term = clean("captured/earlyoom/earlyoom-dryrun-m99.txt").all(MemoryEvent.class);
        assertThat(term).hasSize(4); // one per poll of the dry run
        assertThat(term.get(0).kind()).isEqualTo("earlyoom-kill");
        assertThat(term.get(0).pid()).isEqualTo(28742);
        assertThat(term.get(0).command()).isEqualTo("sleep");
        assertThat(term.get(0).detail()).isEqualTo("SIGTERM; badness 1633, VmRSS 1 MiB; low memory: mem 99.00%, "
                + "swap 100.00%; dryrun, not actually sending any signal");
        assertThat(term.get(0).span().lines()).extracting(l -> l.number()).containsExactly(8, 9, 10);

        List<MemoryEvent> kill = clean("captured/earlyoom/earlyoom-dryrun-sigkill.txt").all(MemoryEvent.class);
        assertThat(kill).hasSize(3).allSatisfy(e -> assertThat(e.detail()).startsWith("SIGKILL;"));
    }

    @Test
    void kmemleakInsideAConsoleLog() {
        // syzbot's console: "BUG: memory leak" and the kmemleak record
        KmemleakObject o = clean("fixtures/public/kmemleak/syzbot-zr364xx-vmalloc-5.10.txt").one(KmemleakObject.class);
        assertThat(o.size()).isEqualTo(200704);
        assertThat(o.backtrace()).startsWith("__vmalloc_node_range", "__vmalloc_node", "vmalloc");
    }

    @Test
    void ordinaryLogsInEveryPrefixAreReadWithoutAWord() {
        for (String f : List.of("dmesg-T.txt", "dmesg-x.txt", "dmesg-r.txt", "dmesg-time-format-iso.txt")) {
            TestData.Parsed p = clean("captured/dmesg/" + f);
            assertThat(p.facts()).as(f).isEmpty();
            assertThat(parser.contentScore(TestData.block("captured/dmesg/" + f))).as(f).isEqualTo(60);
        }
    }

    @Test
    void brokenLinesAreNamedAndTheRestKept() {
        Block real = TestData.block("fixtures/10-oom-global-user-process/dmesg-oom.txt");
        Block bad = TestData.withLine(real, 0, real.line(0).replace("order=0", "order=x1z"));
        bad = TestData.withLine(bad, 65, real.line(65).replace("1154", "x1z")); // a task row
        bad = TestData.withLine(bad, 68, real.line(68).substring(0, 62)); // "... Killed process 31017 (python3) t"
        TestData.Parsed p = TestData.parse(parser, bad);
        assertThat(p.warnings()).extracting(Diagnostic::line).containsExactly(1, 66, 69, 1);
        assertThat(warnings(p).get(3)).contains("cut short"); // without its kill line the report is cut
        OomReport r = p.one(OomReport.class);
        assertThat(r.order()).isNull();
        assertThat(r.gfpMask()).startsWith("0x140cca");
        assertThat(r.tasks()).hasSize(4);
        assertThat(r.zones()).hasSize(3);
        assertThat(r.killed()).isNull();

        Block trace = TestData.blockContaining("seeds/003_7648ab4276b3063d.txt", "TRACE kmalloc-8192 free");
        int line99 = 99 - trace.firstLine();
        Block cutTrace = TestData.withLine(trace, line99, trace.line(line99).substring(0, 40));
        TestData.Parsed q = TestData.parse(parser, cutTrace);
        assertThat(q.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(99));
        assertThat(q.all(SlubTraceEvent.class)).hasSize(1);

        Block alloc = TestData.block(OOM + "rhel8-4.18-aarch64-page-allocation-failure-order6-qede.txt");
        TestData.Parsed a = TestData.parse(parser, TestData.withLine(alloc, 0, alloc.line(0).replace("order:6", "order:")));
        assertThat(a.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(1));
        assertThat(a.all(MemoryEvent.class)).isEmpty();
    }

    @Test
    void emptyInput() {
        TestData.Parsed p = TestData.parse(parser, Block.ofText("dmesg.txt", ""));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("dmesg -T")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("dmesg | grep -i -A40 oom")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("journalctl -k -b -1")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("journalctl --no-pager")).isEqualTo(80);
        assertThat(parser.nameScore("cat /var/log/messages")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sos_commands/kernel/dmesg")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("var/log/kern.log")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("dmesg-oom.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("earlyoom --dryrun -m 99,98")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("apt-get install -y earlyoom")).isZero();
        assertThat(parser.nameScore("cat /proc/meminfo")).isZero();
        assertThat(parser.nameScore("cat /sys/kernel/debug/kmemleak")).isZero();
        assertThat(parser.nameScore("proc-net-snmp.after.txt")).isZero();

        for (String own : new String[] {"fixtures/10-oom-global-user-process/dmesg-oom.txt",
                OOM + "rhel7-3.10.0-514-global-sed.txt", OOM + "FRAGMENT-photon3-memcg-in-vmware.log.txt",
                OOM + "rhel8-4.18-aarch64-page-allocation-failure-order6-qede.txt",
                "captured/earlyoom/earlyoom-dryrun-m99.txt"}) {
            assertThat(parser.contentScore(TestData.block(own))).as(own).isGreaterThanOrEqualTo(90);
        }
        for (String other : new String[] {"fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt",
                "fixtures/01-udp-rcvbuf-overflow/perf-kfree_skb-script.txt",
                "fixtures/public/drop-trace/bcc-tcpdrop-2018-ena-4.x.txt",
                "fixtures/public/drop-trace/dropwatch-old-summary-no-origin-tag.txt",
                "fixtures/public/slub-ftrace/ftrace-function-tracer-6.x-userfault.txt",
                "fixtures/public/slab/proc-slabinfo-ubuntu5.4-compute.txt",
                "fixtures/public/kmemleak/cat-kmemleak-tracing-error_log-6.3.txt",
                "fixtures/08-healthy-baseline/proc-net-snmp.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(20);
        }
    }
}
