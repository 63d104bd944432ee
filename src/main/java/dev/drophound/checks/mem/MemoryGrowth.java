package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Is memory leaking? Slab caches ({@code /proc/slabinfo}, {@code slabtop}) and /proc/meminfo levels over two or more
 * samples: a level that grows steadily is a leak suspect, one that grew and came back was freed, one that goes up and
 * down is a cache breathing. With three or more samples the judgement rests on a robust trend ({@link Trend}); with two,
 * growth is reported with lower confidence. Rates need sample times (file names, {@code date} output, capture times);
 * without them growth is given per sample.
 */
public final class MemoryGrowth implements Check {

    public static final String ID = "mem.leak-trend";
    static final long MIN_SIGNIFICANT = 512 * 1024;
    static final int MAX_CACHES = 8;
    /** Caches whose objects the kernel can free under pressure (dentries, inodes of file systems). */
    static final Set<String> RECLAIMABLE = Set.of("dentry", "buffer_head", "radix_tree_node", "inode_cache",
            "ext4_inode_cache", "xfs_inode", "proc_inode_cache", "nfs_inode_cache", "btrfs_inode", "shmem_inode_cache",
            "ovl_inode", "fuse_inode", "xfs_ili", "ext4_extent_status", "mbcache");
    /** Caches created per network namespace or net device: growing together they mean namespaces/netdevs pile up. */
    static final Set<String> NETNS_MARKERS = Set.of("net_namespace", "kernfs_node_cache", "proc_dir_entry", "RAWv6",
            "sock_inode_cache", "UDPv6", "TCPv6");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Memory growth over time (slab caches, meminfo)";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    /** A cache or field that changed, with its numbers. */
    private record Change(MemSeries series, Trend.Shape shape, long growth, long peakRise, double perSecond,
            double perSample, double r2) {
    }

    @Override
    public CheckResult run(Case c) {
        Map<String, Map<String, MemSeries>> slab = MemSeries.of(c, "slab");
        Map<String, Map<String, MemSeries>> meminfo = MemSeries.of(c, "meminfo");
        Map<String, MemSeries> global = meminfo.getOrDefault("", Map.of());
        boolean anySeries = slab.values().stream().anyMatch(m -> m.values().stream().anyMatch(s -> s.points().size() >= 2))
                || global.values().stream().anyMatch(s -> s.points().size() >= 2);
        if (!anySeries) {
            return CheckResult.missing("two or more samples of /proc/slabinfo, slabtop -o, /proc/meminfo or free "
                    + "(before/after files, a numbered series, or doctor --duration)");
        }
        Optional<Long> total = latest(global, "MemTotal");
        Optional<Long> available = latest(global, "MemAvailable");
        long significant = Math.max(MIN_SIGNIFICANT, total.map(t -> t / 10_000).orElse(0L));
        List<Finding> out = new ArrayList<>();

        List<Change> caches = new ArrayList<>();
        for (Map.Entry<String, Map<String, MemSeries>> e : slab.entrySet()) {
            MemSeries bytes = e.getValue().get("bytes");
            if (!e.getKey().isEmpty() && bytes != null && bytes.points().size() >= 2) {
                // one cache's steady growth matters at a smaller size than a whole meminfo field's; two samples
                // carry no shape, so they need the larger step
                caches.add(change(bytes, bytes.points().size() >= 3 ? MIN_SIGNIFICANT : significant));
            }
        }
        List<Change> growing = caches.stream().filter(ch -> ch.shape() == Trend.Shape.GROWING)
                .sorted(Comparator.comparingLong(Change::growth).reversed()).toList();
        List<Change> released = caches.stream().filter(ch -> ch.shape() == Trend.Shape.RELEASED)
                .sorted(Comparator.comparingLong(Change::peakRise).reversed()).toList();
        Optional<Change> sunreclaim = Optional.ofNullable(global.get("SUnreclaim")).filter(s -> s.points().size() >= 2)
                .map(s -> change(s, significant));
        if (!growing.isEmpty()) {
            out.add(slabLeak(c, slab, growing, sunreclaim, available, total));
        } else if (sunreclaim.filter(ch -> ch.shape() == Trend.Shape.GROWING).isPresent()) {
            long queued = EgressBacklog.total(c) + SocketQueues.total(c);
            if (queued >= sunreclaim.get().growth() / 2 && queued >= EgressBacklog.LARGE) {
                out.add(Finding.builder(ID, Stage.MEMORY, "Unreclaimable slab grew: data waiting in queues")
                        .severity(Severity.INFO)
                        .summary("Unreclaimable kernel slab (SUnreclaim) grew +" + Words.bytes(sunreclaim.get().growth())
                                + "; packets waiting in queues (egress qdisc backlog, unread socket receive queues) hold "
                                + Words.bytes(queued) + ", which accounts for it: queued data, not a leak (see "
                                + SocketQueues.ID + " / " + EgressBacklog.ID + ").")
                        .confidence(Confidence.MEDIUM, "sizes compared, not traced")
                        .evidence(sunreclaim.get().series().evidence(sunreclaim.get().series().lastPoint())).build());
            } else {
                out.add(fieldGrowth(sunreclaim.get(), "Unreclaimable kernel slab (SUnreclaim)", available,
                        "Kernel objects that cannot be reclaimed grow. Take /proc/slabinfo (or slabtop -o) at the same "
                                + "moments to see which cache grows."));
            }
        }
        if (!released.isEmpty() && growing.isEmpty()) {
            out.add(releasedFinding(released, sunreclaim));
        } else if (released.isEmpty() && growing.isEmpty() && sunreclaim.filter(ch -> ch.shape() == Trend.Shape.RELEASED).isPresent()) {
            out.add(releasedFinding(List.of(sunreclaim.get()), Optional.empty()));
        }
        for (String field : List.of("AnonPages", "Shmem", "KernelStack", "PageTables", "Percpu", "VmallocUsed")) {
            MemSeries s = global.get(field);
            if (s == null || s.points().size() < 2) {
                continue;
            }
            // two samples of a whole field: a process allocating a few MiB between them is ordinary
            Change ch = change(s, s.points().size() >= 3 ? significant : Math.max(significant, total.map(t -> t / 100).orElse(0L)));
            long observer = field.equals("AnonPages") ? observerGrowth(c) : 0;
            if (observer > 0 && ch.growth() - observer < significant) {
                continue; // drophound's own heap filling while it watched: not the host's memory growing
            }
            if (ch.shape() == Trend.Shape.GROWING && !(field.equals("Percpu") && !growing.isEmpty())) {
                String who = field.equals("AnonPages") ? growingProcesses(c) : "";
                out.add(fieldGrowth(ch, describe(field) + who, available, advice(field)));
            }
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.MEMORY, "Memory: no growth").severity(Severity.OK)
                    .summary("No slab cache or memory field grew by " + Words.bytes(significant) + " or more across "
                            + maxPoints(slab, global) + " samples.")
                    .confidence(Confidence.HIGH, "levels compared sample by sample").build());
        }
        return CheckResult.of(out);
    }

    private static int maxPoints(Map<String, Map<String, MemSeries>> slab, Map<String, MemSeries> global) {
        int n = 0;
        for (Map<String, MemSeries> m : slab.values()) {
            for (MemSeries s : m.values()) {
                n = Math.max(n, s.points().size());
            }
        }
        for (MemSeries s : global.values()) {
            n = Math.max(n, s.points().size());
        }
        return n;
    }

    /**
     * How much drophound's own RSS grew during a live run (its /proc/self/status is recorded under
     * {@code drophound-self-status} at each sample), 0 when not recorded.
     */
    static long observerGrowth(Case c) {
        List<Observed<ProcessMemory>> self = c.all(ProcessMemory.class)
                .stream().filter(o -> o.subject().endsWith(OBSERVER) && o.fact().rssBytes() != null)
                .sorted(Comparator.comparingLong(o -> o.sample().order())).toList();
        return self.size() < 2 ? 0 : Math.max(0, self.get(self.size() - 1).fact().rssBytes() - self.get(0).fact().rssBytes());
    }

    /**
     * The processes whose RSS grew most across the process snapshots (ps, top, /proc/PID/status at each sample), as
     * " (most in python3 pid 9791 +100 MiB)", or "" when no snapshot series says.
     */
    static String growingProcesses(Case c) {
        Map<Integer, List<Observed<ProcessMemory>>> byPid = new TreeMap<>();
        for (var o : c.all(ProcessMemory.class)) {
            if (o.fact().rssBytes() != null && !o.subject().endsWith(OBSERVER)) {
                byPid.computeIfAbsent(o.fact().pid(), k -> new ArrayList<>()).add(o);
            }
        }
        record Grew(String command, int pid, long bytes) {
        }
        List<Grew> grew = new ArrayList<>();
        byPid.forEach((pid, l) -> {
            l.sort(Comparator.comparingLong(o -> o.sample().order()));
            long g = l.get(l.size() - 1).fact().rssBytes() - l.get(0).fact().rssBytes();
            if (l.size() >= 2 && g >= MIN_SIGNIFICANT) {
                grew.add(new Grew(l.get(0).fact().command(), pid, g));
            }
        });
        grew.sort(Comparator.comparingLong(Grew::bytes).reversed());
        return grew.isEmpty() ? "" : " (most in " + String.join(", ", grew.subList(0, Math.min(3, grew.size())).stream()
                .map(g -> g.command() + " pid " + g.pid() + " RSS +" + Words.bytes(g.bytes())).toList()) + ")";
    }

    /** Must match the live reader's name for drophound's own status (kept apart: checks do not depend on live). */
    static final String OBSERVER = "drophound-self-status";

    static Optional<Long> latest(Map<String, MemSeries> global, String name) {
        return Optional.ofNullable(global.get(name)).map(MemSeries::last);
    }

    private static Change change(MemSeries s, long significant) {
        Trend t = s.trend();
        Trend.Shape shape = s.points().size() == 2
                ? (s.last() - s.first() >= significant ? Trend.Shape.GROWING
                        : s.first() - s.last() >= significant ? Trend.Shape.SHRINKING : Trend.Shape.FLAT)
                : t.shape(significant);
        int from = shape == Trend.Shape.RELEASED ? t.riseStart() : 0;
        int to = shape == Trend.Shape.RELEASED ? t.argMax() : t.size() - 1;
        double slope = t.slope(from, to);
        return new Change(s, shape, s.last() - s.first(), (long) (t.max() - t.first()),
                s.timed() ? slope : Double.NaN, s.timed() ? Double.NaN : slope, t.r2(from, to));
    }

    private Finding slabLeak(Case c, Map<String, Map<String, MemSeries>> slab, List<Change> growing, Optional<Change> sunreclaim,
            Optional<Long> available, Optional<Long> total) {
        Change top = growing.get(0);
        long sum = growing.stream().mapToLong(Change::growth).sum();
        long queued = EgressBacklog.total(c) + SocketQueues.total(c);
        boolean queue = queued >= sum / 2 && queued >= EgressBacklog.LARGE;
        MemSeries ts = top.series();
        Optional<Long> objects = objects(slab, ts.entity());
        StringBuilder s = new StringBuilder("Kernel memory grows in slab cache").append(growing.size() > 1 ? "s " : " ")
                .append(ts.entity()).append(": ");
        objects.ifPresent(o -> s.append(Words.signed(o)).append(" objects ("));
        s.append("+").append(Words.bytes(top.growth())).append(objects.isPresent() ? ")" : "");
        s.append(over(ts)).append(steadiness(top));
        double rate = growing.stream().filter(ch -> !Double.isNaN(ch.perSecond())).mapToDouble(Change::perSecond).sum();
        if (rate > 0) {
            s.append(", ~").append(Words.bytes((long) (rate * 3600))).append("/h in all growing caches");
        } else {
            double perSample = growing.stream().filter(ch -> !Double.isNaN(ch.perSample())).mapToDouble(Change::perSample).sum();
            if (perSample > 0) {
                s.append(", ~").append(Words.bytes((long) perSample)).append(" per sample in all growing caches (the "
                        + "samples do not say when they were taken: give them times for a rate)");
            }
        }
        boolean reclaimable = RECLAIMABLE.contains(ts.entity());
        s.append(reclaimable ? "; reclaimable (the kernel frees it under pressure)"
                : "; unreclaimable, so dropping caches will not bring it back");
        if (growing.size() > 1) {
            s.append(". Also: ").append(String.join(", ", growing.subList(1, Math.min(MAX_CACHES, growing.size())).stream()
                    .map(ch -> ch.series().entity() + " +" + Words.bytes(ch.growth())).toList()));
            s.append(" (" + Words.bytes(sum) + " in " + growing.size() + " caches)");
        }
        if (rate > 0 && available.isPresent() && !queue) {
            Duration left = Duration.ofSeconds((long) (available.get() / rate));
            s.append(". At this rate the memory available now (" + Words.bytes(available.get()) + ") is used up in ~"
                    + Words.duration(left));
        }
        s.append('.');
        if (queue) {
            s.insert(s.length() - 1, "; packets waiting in queues (egress qdisc backlog, unread socket receive queues) "
                    + "hold " + Words.bytes(queued) + ", which accounts for " + (queued >= sum ? "all" : "much")
                    + " of it: queued data, not a leak");
        }
        Optional<Restarts.Attribution> restarts = Restarts.of(c).attribute(ts);
        restarts.ifPresent(r -> s.insert(s.length() - 1, "; it grows by ~" + Words.bytes(r.perRestart()) + " each time `"
                + r.command() + "` restarts (restarted " + r.restarts() + " times; " + Words.percent((double)
                r.growthAtRestarts() / Math.max(1, r.growthAtRestarts() + r.growthElsewhere()))
                + " of the growth came in those intervals), so the leak is in that program's setup path"));
        boolean netns = growing.stream().filter(ch -> NETNS_MARKERS.contains(ch.series().entity())).count() >= 2;
        Severity sev = Severity.WARNING;
        if (!queue && (rate > 0 && available.isPresent() && available.get() / rate < 24 * 3600
                || total.isPresent() && sum > total.get() / 10)) {
            sev = Severity.CRITICAL;
        }
        Finding.Builder b = Finding.builder(ID, Stage.MEMORY, queue ? "Kernel slab memory grew: packets waiting in queues"
                : "Kernel slab memory is growing").severity(sev)
                .summary(s.toString())
                .confidence(top.series().points().size() >= 3 ? Confidence.HIGH : Confidence.MEDIUM,
                        top.series().points().size() >= 3 ? "a steady trend over " + top.series().points().size() + " samples"
                                : "two samples: growth, not yet a trend (a third sample tells a leak from a cache that breathes)");
        for (Change ch : growing.subList(0, Math.min(3, growing.size()))) {
            b.evidence(ch.series().evidence(ch.series().points().get(0)));
            b.evidence(ch.series().evidence(ch.series().lastPoint()));
        }
        sunreclaim.filter(ch -> ch.growth() > 0).ifPresent(ch -> b.evidence(ch.series().evidence(ch.series().lastPoint())));
        String generic = ts.entity().startsWith("kmalloc") || ts.entity().startsWith("size-")
                ? " " + ts.entity() + " is a generic cache: every kmalloc() of that size lands there, so the cache name "
                        + "does not say who allocates. SLUB tracing or kmemleak names the caller."
                : "";
        b.explanation("A slab cache holds kernel objects of one kind or size. One that grows steadily while the load "
                + "is steady is the classic sign of a kernel or driver leak: objects allocated and never freed." + generic
                + (netns ? " Caches made per network namespace and per net device (" + String.join(", ", growing.stream()
                        .map(ch -> ch.series().entity()).filter(NETNS_MARKERS::contains).toList())
                        + ") grow together: namespaces or netdevs are being created and not destroyed (a daemon that makes "
                        + "one at each restart, containers that are not cleaned up)." : "")
                + " A step of the same size at each restart of one program points at that program's setup path.");
        if (netns) {
            b.fix(new Remediation("ip netns list | wc -l; ls /sys/class/net | wc -l",
                    "count namespaces and net devices; compare with what should exist, and delete the leftovers "
                            + "(ip netns del NAME) or fix what creates them", null, null));
        }
        if (ts.entity().startsWith("kmalloc") || !reclaimable) {
            b.fix(new Remediation("echo 1 > /sys/kernel/slab/" + ts.entity() + "/trace",
                    "SLUB prints every alloc and free of this cache with its call trace to the kernel log (dmesg); "
                            + "allocations whose address is never freed name the leaking caller (needs slub_debug on "
                            + "the kernel command line for caches that were merged; turn it off again with echo 0)",
                    null, "very verbose: a busy cache floods the log; enable it for seconds"));
            b.fix(new Remediation("echo scan > /sys/kernel/debug/kmemleak; cat /sys/kernel/debug/kmemleak",
                    "with a kernel built with CONFIG_DEBUG_KMEMLEAK, lists unreferenced objects with their backtrace",
                    null, null));
        }
        b.next("Watch whether the growth steps with restarts of one program: ps -eo pid,lstart,comm at each sample.");
        return b.build();
    }

    private static Optional<Long> objects(Map<String, Map<String, MemSeries>> slab, String cache) {
        MemSeries active = slab.getOrDefault(cache, Map.of()).get("active_objs");
        return active == null ? Optional.empty() : Optional.of(active.last() - active.first());
    }

    private static String over(MemSeries s) {
        return s.duration().map(d -> " in " + Words.duration(d)).orElse(" over " + s.points().size() + " samples");
    }

    private static String steadiness(Change ch) {
        if (ch.series().points().size() < 3) {
            return "";
        }
        return String.format(Locale.ROOT, ", steady (r² %.2f)", ch.r2());
    }

    private Finding releasedFinding(List<Change> released, Optional<Change> sunreclaim) {
        Change top = released.get(0);
        long sum = released.stream().mapToLong(Change::peakRise).sum();
        String names = String.join(", ", released.subList(0, Math.min(MAX_CACHES, released.size())).stream()
                .map(ch -> (ch.series().entity().isEmpty() ? ch.series().name() : ch.series().entity()) + " +"
                        + Words.bytes(ch.peakRise())).toList());
        String rate = Double.isNaN(top.perSecond()) ? String.format(Locale.ROOT, " (~%s per sample while growing)",
                Words.bytes((long) top.perSample())) : " (~" + Words.bytes((long) (top.perSecond())) + "/s while growing)";
        Finding.Builder b = Finding.builder(ID, Stage.MEMORY, "Slab memory grew, then was freed").severity(Severity.INFO)
                .summary("Kernel slab memory grew in " + (top.series().entity().isEmpty() ? "total" : released.size() + " cache"
                        + (released.size() == 1 ? "" : "s"))
                        + " (" + names + "; " + Words.bytes(sum) + " in all)" + rate + ", then came back to near its "
                        + "starting level: it was freed, so this is not a leak"
                        + sunreclaim.filter(ch -> ch.shape() == Trend.Shape.RELEASED)
                                .map(ch -> "; SUnreclaim rose by " + Words.bytes(ch.peakRise()) + " and fell back").orElse("")
                        + ".")
                .confidence(Confidence.HIGH, "the series shows the rise and the return");
        MemSeries s = top.series();
        b.evidence(s.evidence(s.points().get(0)));
        b.evidence(s.evidence(s.points().get(s.trend().argMax())));
        b.evidence(s.evidence(s.lastPoint()));
        b.explanation("Objects were created and later destroyed (namespaces deleted, a burst handled, a cache shrunk). "
                + "If the peak itself was the problem, see what created them during the rise.");
        return b.build();
    }

    private Finding fieldGrowth(Change ch, String what, Optional<Long> available, String advice) {
        MemSeries s = ch.series();
        String rate = Double.isNaN(ch.perSecond()) ? "" : ", ~" + Words.bytes((long) (ch.perSecond() * 3600)) + "/h";
        String left = !Double.isNaN(ch.perSecond()) && ch.perSecond() > 0 && available.isPresent()
                ? "; at this rate the memory available now (" + Words.bytes(available.get()) + ") is used up in ~"
                        + Words.duration(Duration.ofSeconds((long) (available.get() / ch.perSecond())))
                : "";
        Finding.Builder b = Finding.builder(ID, Stage.MEMORY, what + " is growing").severity(Severity.WARNING)
                .summary(what + " grew +" + Words.bytes(ch.growth()) + " (" + Words.bytes(s.first()) + " -> "
                        + Words.bytes(s.last()) + ")" + over(s) + steadiness(ch) + rate + left + ".")
                .confidence(s.points().size() >= 3 ? Confidence.HIGH : Confidence.MEDIUM,
                        s.points().size() >= 3 ? "a steady trend over " + s.points().size() + " samples" : "two samples");
        b.evidence(s.evidence(s.points().get(0)));
        b.evidence(s.evidence(s.lastPoint()));
        b.explanation(advice);
        return b.build();
    }

    private static String describe(String field) {
        return switch (field) {
            case "AnonPages" -> "User-space memory (AnonPages)";
            case "Shmem" -> "Shared memory and tmpfs (Shmem)";
            case "KernelStack" -> "Kernel stacks (KernelStack: one per thread)";
            case "PageTables" -> "Page tables (PageTables)";
            case "Percpu" -> "Per-CPU kernel memory (Percpu)";
            default -> "vmalloc memory (" + field + ")";
        };
    }

    private static String advice(String field) {
        return switch (field) {
            case "AnonPages" -> "Processes' own memory grows: find which with ps aux --sort=-rss (or top sorted by RES) "
                    + "at two moments; a process whose RSS only grows is leaking.";
            case "Shmem" -> "Files in tmpfs (/dev/shm, /run, /tmp on tmpfs) and shared memory segments grow: df -h -t "
                    + "tmpfs and ipcs -m show which; deleted files still open stay counted (lsof +L1).";
            case "KernelStack" -> "Each thread has a kernel stack: the number of threads grows (ps -eLf | wc -l).";
            case "PageTables" -> "Page tables grow with processes' mapped memory: many or large processes.";
            case "Percpu" -> "Per-CPU allocations grow with network namespaces, net devices and cgroups being created.";
            default -> "vmalloc'd kernel memory grows: /proc/vmallocinfo shows the callers (root).";
        };
    }
}
