package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.MemoryEvent;
import dev.drophound.facts.OomReport;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Out-of-memory kills explained: what was killed, why (global, memory cgroup, cpuset, or an order-N kernel
 * allocation that found no contiguous block), the zones (free below min), and which consumer dominated at that
 * moment (user processes, unreclaimable slab with its top caches, shmem/tmpfs, hugepages, page tables) with the fix
 * for that consumer. One-line events (a kill without its report, page allocation failures) are reported as such.
 */
public final class OomExplained implements Check {

    public static final String ID = "mem.oom";
    static final long PAGE = 4096;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Out-of-memory kills and allocation failures (kernel log)";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    @Override
    public CheckResult run(Case c) {
        List<Observed<OomReport>> reports = c.all(OomReport.class);
        List<Observed<MemoryEvent>> events = c.all(MemoryEvent.class);
        if (reports.isEmpty() && events.isEmpty()) {
            return CheckResult.missing("a kernel log (dmesg, journalctl -k, /var/log/messages) with OOM reports or "
                    + "allocation failures");
        }
        List<Finding> out = new ArrayList<>();
        for (Observed<OomReport> o : reports) {
            out.add(explain(o.fact()));
        }
        for (Observed<MemoryEvent> o : events) {
            out.add(event(o.fact()));
        }
        return CheckResult.of(out);
    }

    /** A consumer of memory at the moment of the OOM, in bytes. */
    private record Use(String name, long bytes, String fix, String why) {
    }

    private Finding explain(OomReport r) {
        OomReport.Victim v = r.killed();
        String victim = v == null ? "no process (the report holds no kill line)"
                : v.command() + " (pid " + v.pid() + ")" + (v.anonRssBytes() == null ? "" : " holding "
                        + Words.bytes(v.anonRssBytes() + nz(v.fileRssBytes()) + nz(v.shmemRssBytes())) + " of RSS");
        String scope;
        if (r.memcg() != null || "CONSTRAINT_MEMCG".equals(r.constraint())) {
            scope = "the memory cgroup " + (r.memcg() == null ? "" : r.memcg() + " ") + "reached its limit"
                    + (r.memcgUsage() == null ? "" : " (" + Words.bytes(r.memcgUsage().limitBytes()) + ")")
                    + "; the host itself may have had memory left";
        } else if ("CONSTRAINT_CPUSET".equals(r.constraint()) || "CONSTRAINT_MEMORY_POLICY".equals(r.constraint())) {
            scope = "the task's allowed NUMA nodes (" + r.constraint() + ") ran out, not necessarily the whole host";
        } else {
            scope = "the whole host ran out of memory";
        }
        if (r.order() != null && r.order() >= 3) {
            scope += "; the request was order " + r.order() + " (" + Words.bytes((1L << r.order()) * PAGE)
                    + " of contiguous memory, a kernel or driver allocation): fragmentation can cause this with memory "
                    + "free in smaller blocks (see /proc/buddyinfo)";
        }
        List<Use> uses = uses(r);
        uses.sort(Comparator.comparingLong(Use::bytes).reversed());
        Use top = uses.isEmpty() ? null : uses.get(0);
        StringBuilder s = new StringBuilder("Out of memory: the kernel killed ").append(victim).append(" because ")
                .append(scope).append('.');
        if (r.trigger() != null) {
            s.append(" The allocation that failed came from ").append(r.trigger())
                    .append(r.gfpMask() == null ? "" : " (gfp_mask=" + r.gfpMask() + ", order=" + r.order() + ")").append('.');
        }
        List<OomReport.Zone> exhausted = r.zones().stream().filter(z -> z.freeBytes() != null && z.minBytes() != null
                && z.freeBytes() < z.minBytes()).toList();
        if (!exhausted.isEmpty()) {
            s.append(" Zone ").append(String.join(", ", exhausted.stream().map(z -> z.node() + " " + z.zone()
                    + " free " + Words.bytes(z.freeBytes()) + " < min " + Words.bytes(z.minBytes())).toList()))
                    .append(": below the watermark.");
        }
        if (top != null) {
            s.append(" Most memory was in ").append(top.name()).append(": ").append(Words.bytes(top.bytes()))
                    .append(uses.size() > 1 ? " (then " + String.join(", ", uses.subList(1, Math.min(4, uses.size()))
                            .stream().map(u -> u.name() + " " + Words.bytes(u.bytes())).toList()) + ")" : "").append('.');
        }
        Finding.Builder b = Finding.builder(ID, Stage.MEMORY, "Out-of-memory kill" + (v == null ? "" : ": " + v.command()))
                .severity(Severity.CRITICAL)
                .summary(s.toString())
                .confidence(top != null || r.memcgUsage() != null && v != null ? Confidence.HIGH : Confidence.MEDIUM,
                        top != null || r.memcgUsage() != null && v != null
                        ? "the kernel's own report of memory at the moment of the kill" : "the report is partial");
        b.evidence(r.span());
        if (top != null) {
            b.explanation(top.why());
            if (top.fix() != null) {
                b.fix(new Remediation(top.fix(), "the consumer that held the most memory", null, null));
            }
        }
        return b.build();
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static List<Use> uses(OomReport r) {
        List<Use> out = new ArrayList<>();
        Map<String, Long> m = r.memInfo();
        long anon = m.getOrDefault("active_anon", 0L) + m.getOrDefault("inactive_anon", 0L);
        if (anon > 0) {
            String biggest = r.tasks().isEmpty() ? "" : " The largest task was " + r.tasks().get(0).name() + " (pid "
                    + r.tasks().get(0).pid() + ", " + Words.bytes(r.tasks().get(0).rssPages() * PAGE) + " RSS).";
            out.add(new Use("user processes (anonymous memory)", anon * PAGE, "ps aux --sort=-rss | head",
                    "User processes held the memory." + biggest + " Limit or fix the process that grows (a memory cgroup "
                            + "limit, its own configuration), or add memory/swap."));
        }
        long slab = m.getOrDefault("slab_unreclaimable", 0L);
        if (slab > 0) {
            String caches = r.unreclaimableSlab().isEmpty() ? "" : " Largest caches: " + String.join(", ",
                    r.unreclaimableSlab().stream().limit(4).map(x -> x.cache() + " " + Words.bytes(x.totalBytes())).toList())
                    + ".";
            String largest = r.unreclaimableSlab().isEmpty() ? "" : " (largest: " + String.join(", ",
                    r.unreclaimableSlab().stream().limit(2).map(x -> x.cache() + " " + Words.bytes(x.totalBytes())).toList())
                    + ")";
            out.add(new Use("unreclaimable kernel slab" + largest, slab * PAGE, "slabtop -o -s c | head -20",
                    "The kernel itself held the memory in objects it cannot reclaim: a kernel or driver leak, or buffers "
                            + "piling up (socket buffers, netdevs)." + caches
                            + " Killing processes does not help; find the cache's owner (SLUB trace, kmemleak)."));
        }
        if (m.isEmpty() && !r.tasks().isEmpty()) {
            // a memory cgroup's report has no Mem-Info: its task table says who held the cgroup's memory
            long rss = r.tasks().stream().mapToLong(OomReport.Task::rssPages).sum();
            OomReport.Task t = r.tasks().get(0);
            out.add(new Use("the processes of " + (r.memcg() == null ? "the cgroup" : r.memcg()) + " (RSS)", rss * PAGE,
                    "ps aux --sort=-rss | head", "The cgroup's own processes held its memory; the largest was " + t.name()
                            + " (pid " + t.pid() + ", " + Words.bytes(t.rssPages() * PAGE) + " RSS). Raise the cgroup's "
                            + "limit (memory.max, or the container's memory limit) if the workload needs it, or fix the "
                            + "process that grows."));
        }
        long shmem = m.getOrDefault("shmem", 0L);
        if (shmem > 0) {
            out.add(new Use("shmem/tmpfs", shmem * PAGE, "df -h -t tmpfs; ipcs -m",
                    "tmpfs files and shared memory held the memory; no process kill frees them. Clean /dev/shm, /run or "
                            + "/tmp (tmpfs), or cap tmpfs with size=."));
        }
        long huge = r.hugepages().stream().mapToLong(h -> h.total() * h.sizeKb() * 1024).sum();
        if (huge > 0) {
            out.add(new Use("hugepages reserved", huge, "grep -i huge /proc/meminfo",
                    "Hugepages are set aside at boot or by sysctl and unusable for anything else: "
                            + r.hugepages().stream().mapToLong(OomReport.Hugepages::free).sum() + " of them were free. Reserve "
                            + "only what DPDK or the database needs (vm.nr_hugepages, per node)."));
        }
        long pagetables = m.getOrDefault("pagetables", 0L);
        if (pagetables > 0) {
            out.add(new Use("page tables", pagetables * PAGE, null, "Page tables of very many or very large processes."));
        }
        long file = m.getOrDefault("active_file", 0L) + m.getOrDefault("inactive_file", 0L);
        if (file > 0) {
            out.add(new Use("page cache", file * PAGE, null, "File pages could not be reclaimed fast enough (dirty or "
                    + "under writeback, or mapped by the processes)."));
        }
        return out;
    }

    private Finding event(MemoryEvent e) {
        String who = e.command() == null ? "" : " " + e.command() + (e.pid() == null ? "" : " (pid " + e.pid() + ")");
        Finding.Builder b;
        switch (e.kind()) {
            case "allocation-failure" -> b = Finding.builder(ID, Stage.MEMORY, "Page allocation failure")
                    .severity(e.order() != null && e.order() >= 3 ? Severity.WARNING : Severity.CRITICAL)
                    .summary("A kernel allocation of order " + e.order() + " (" + (e.order() == null ? "?"
                            : Words.bytes((1L << e.order()) * PAGE)) + " contiguous) failed for" + who
                            + (e.detail() == null ? "" : " (" + e.detail() + ")") + ". "
                            + (e.order() != null && e.order() >= 3 ? "Large contiguous blocks ran out: memory is "
                            + "fragmented (see /proc/buddyinfo); drivers that need them (jumbo-frame rings) fail."
                            : "Even single pages ran out."))
                    .explanation("The kernel could not find a free block of the requested size. For order 3 and up this "
                            + "often happens with plenty of free memory in small pieces; vm.min_free_kbytes higher, or "
                            + "echo 1 > /proc/sys/vm/compact_memory, or the driver using smaller buffers helps.");
            case "slub-unable" -> b = Finding.builder(ID, Stage.MEMORY, "SLUB: unable to allocate memory")
                    .severity(Severity.WARNING)
                    .summary("SLUB could not allocate" + (e.detail() == null ? "" : " (" + e.detail() + ")") + ".");
            case "earlyoom-kill" -> {
                boolean dry = e.detail() != null && e.detail().contains("dryrun");
                b = Finding.builder(ID, Stage.MEMORY, (dry ? "earlyoom would kill" : "earlyoom killed") + who)
                        .severity(dry ? Severity.INFO : Severity.CRITICAL)
                        .summary((dry ? "earlyoom, in dry-run mode, would have killed" : "earlyoom killed") + who
                                + (e.detail() == null ? "" : " (" + e.detail() + ")") + (dry ? ": nothing was killed, "
                                + "but memory crossed its threshold." : ": user space killed it before the kernel's "
                                + "OOM killer would have."));
            }
            default -> b = Finding.builder(ID, Stage.MEMORY, "Process killed for memory" + who)
                    .severity(Severity.CRITICAL)
                    .summary("Killed for lack of memory (" + e.kind() + "):" + who
                            + (e.detail() == null ? "" : " (" + e.detail() + ")")
                            + ". The log holds no full report of memory at that moment.");
        }
        b.confidence(Confidence.MEDIUM, "one log line");
        b.evidence(e.span());
        return b.build();
    }
}
