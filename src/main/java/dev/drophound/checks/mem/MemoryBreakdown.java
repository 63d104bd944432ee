package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.facts.SockstatLine;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the memory is, from the latest /proc/meminfo (or {@code free}): user processes, page cache, shmem/tmpfs,
 * reclaimable and unreclaimable slab (with the largest caches when slabinfo is there), hugepages, kernel stacks,
 * page tables, vmalloc, socket buffers (sockstat {@code mem}, pages). Little free memory with much available is a
 * healthy host using its cache; a finding needs little AVAILABLE memory, and names what holds the rest.
 */
public final class MemoryBreakdown implements Check {

    public static final String ID = "mem.breakdown";
    static final double LOW = 0.10;
    static final double VERY_LOW = 0.05;
    static final long PAGE = 4096;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Where memory goes (meminfo breakdown)";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    record Consumer(String name, long bytes, boolean reclaimable, String fix, String why) {
    }

    @Override
    public CheckResult run(Case c) {
        Optional<Observed<MemoryGauges>> latest = c.all(MemoryGauges.class).stream()
                .filter(o -> o.fact().kind().equals("meminfo") && o.fact().entity().isEmpty()
                        && o.fact().values().containsKey("MemTotal"))
                // the latest sample; within it /proc/meminfo itself, which has every field, over free's summary
                .max(Comparator.comparingLong((Observed<MemoryGauges> o) -> o.sample().order())
                        .thenComparingInt(o -> o.fact().format().equals("proc-meminfo") ? 1 : 0)
                        .thenComparingInt(o -> o.fact().values().size()));
        if (latest.isEmpty()) {
            return CheckResult.missing("/proc/meminfo or free");
        }
        MemoryGauges m = latest.get().fact();
        long total = m.values().get("MemTotal");
        Map<String, Long> v = m.values();
        boolean estimated = !v.containsKey("MemAvailable");
        long available = v.getOrDefault("MemAvailable", v.getOrDefault("MemFree", 0L) + v.getOrDefault("Cached", 0L)
                + v.getOrDefault("Buffers", 0L) + v.getOrDefault("SReclaimable", 0L) - v.getOrDefault("Shmem", 0L));
        List<Consumer> consumers = consumers(c, v);
        consumers.sort(Comparator.comparingLong(Consumer::bytes).reversed());
        Consumer top = consumers.stream().filter(x -> !x.reclaimable()).findFirst().orElse(null);
        double share = total == 0 ? 1 : (double) available / total;
        String parts = String.join(", ", consumers.stream().filter(x -> x.bytes() > 0).limit(6)
                .map(x -> x.name() + " " + Words.bytes(x.bytes()) + " (" + Words.percent((double) x.bytes() / total) + ")")
                .toList());
        String head = Words.bytes(available) + " of " + Words.bytes(total) + " available (" + Words.percent(share) + ")"
                + (estimated ? ", estimated: this kernel has no MemAvailable" : "");
        Finding.Builder b;
        if (share < LOW && top != null) {
            b = Finding.builder(ID, Stage.MEMORY, "Memory is short: " + top.name() + " holds the most")
                    .severity(share < VERY_LOW ? Severity.CRITICAL : Severity.WARNING)
                    .summary("Memory is short: " + head + ". The largest consumer that cannot be reclaimed is " + top.name()
                            + " with " + Words.bytes(top.bytes()) + " (" + Words.percent((double) top.bytes() / total)
                            + " of memory). Breakdown: " + parts + ".")
                    .explanation(top.why());
            if (top.fix() != null) {
                b.fix(new Remediation(top.fix(), "to see what holds it", null, null));
            }
        } else {
            b = Finding.builder(ID, Stage.MEMORY, "Memory: enough available").severity(Severity.OK)
                    .summary("Memory is fine: " + head + ". " + (v.getOrDefault("MemFree", 0L) < total / 10
                            ? "Free memory is low (" + Words.bytes(v.getOrDefault("MemFree", 0L)) + ") because the page "
                                    + "cache uses it, which the kernel gives back on demand: that is healthy. " : "")
                            + "Breakdown: " + parts + ".");
        }
        b.confidence(estimated ? Confidence.MEDIUM : Confidence.HIGH, estimated
                ? "available memory estimated as MemFree + Cached + Buffers + SReclaimable - Shmem"
                : "MemAvailable is the kernel's own estimate");
        b.evidence(m.span());
        return CheckResult.of(List.of(b.build()));
    }

    private static List<Consumer> consumers(Case c, Map<String, Long> v) {
        List<Consumer> out = new ArrayList<>();
        long shmem = v.getOrDefault("Shmem", 0L);
        add(out, "user processes (AnonPages)", v.get("AnonPages"), false, "ps aux --sort=-rss | head",
                "Processes' own memory (heap, stacks, anonymous mappings): the process with the largest RSS is where to look.");
        if (v.containsKey("Cached")) {
            add(out, "page cache", Math.max(0, v.get("Cached") + v.getOrDefault("Buffers", 0L) - shmem), true, null, "");
        } else if (v.containsKey("BuffCache")) {
            // free: buff/cache includes reclaimable slab on procps-ng >= 3.3.10
            add(out, "page cache and reclaimable slab (buff/cache)", Math.max(0, v.get("BuffCache") - shmem), true, null, "");
        }
        add(out, "shmem/tmpfs (Shmem)", v.get("Shmem"), false, "df -h -t tmpfs; ipcs -m",
                "tmpfs files and shared memory cannot be reclaimed except to swap; a full /dev/shm or /run is a common cause.");
        add(out, "reclaimable slab (SReclaimable)", v.get("SReclaimable"), true, null, "");
        StringBuilder caches = new StringBuilder();
        Map<String, Long> slabBytes = new LinkedHashMap<>();
        c.latest(MemoryGauges.class, g -> g.kind() + "/" + g.entity()).values().stream()
                .filter(o -> o.fact().kind().equals("slab") && !o.fact().entity().isEmpty())
                .forEach(o -> o.fact().value("bytes").ifPresent(bytes -> slabBytes.put(o.fact().entity(), bytes)));
        slabBytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> caches.append(caches.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(Words.bytes(e.getValue())));
        add(out, "unreclaimable slab (SUnreclaim)", v.get("SUnreclaim"), false, "slabtop -o -s c | head -20",
                "Kernel objects that cannot be freed on demand: a large or growing SUnreclaim is a kernel or driver holding "
                        + "memory (socket buffers, netdevs, a leak)." + (caches.isEmpty() ? "" : " Largest caches: " + caches + "."));
        long hugeSize = v.getOrDefault("Hugepagesize", 2L * 1024 * 1024);
        if (v.containsKey("HugePages_Total")) {
            add(out, "hugepages reserved", v.get("HugePages_Total") * hugeSize, false, "grep -i huge /proc/meminfo",
                    "Hugepages are reserved whether used or not (HugePages_Free of them unused); DPDK and databases need them, "
                            + "too many starve everything else. Lower vm.nr_hugepages if they are not used.");
        }
        add(out, "kernel stacks", v.get("KernelStack"), false, "ps -eLf | wc -l", "One kernel stack per thread.");
        add(out, "page tables", v.get("PageTables"), false, null, "Page tables of processes' mappings.");
        add(out, "vmalloc", v.get("VmallocUsed"), false, null, "vmalloc'd kernel memory.");
        long sockPages = c.latest(SockstatLine.class, s -> s.protocol()).values().stream()
                .mapToLong(o -> o.fact().fields().getOrDefault("mem", 0L)).sum();
        if (sockPages > 0) {
            add(out, "socket buffers (sockstat mem)", sockPages * PAGE, false, "ss -tuanm",
                    "Data queued in sockets: a socket nobody reads keeps its whole buffer.");
        }
        return out;
    }

    private static void add(List<Consumer> out, String name, Long bytes, boolean reclaimable, String fix, String why) {
        if (bytes != null) {
            out.add(new Consumer(name, bytes, reclaimable, fix, why));
        }
    }
}
