package dev.drophound.facts;

import java.util.List;
import java.util.Map;

/**
 * One kernel out-of-memory report, from "X invoked oom-killer" to "Killed process" (kernels 2.6.32 to 6.x; global,
 * memory cgroup and cpuset), or the part of it a log kept. Fields the report does not print are null or empty.
 *
 * @param trigger        the task that asked for memory ({@code comm}), its pid if printed
 * @param gfpMask        as printed: {@code 0x100cca(GFP_HIGHUSER_MOVABLE)} or {@code 0x280da}
 * @param order          allocation order (0 = one page; order 3+ is a kernel/driver request for contiguous memory)
 * @param constraint     {@code CONSTRAINT_NONE}, {@code CONSTRAINT_MEMCG}, {@code CONSTRAINT_CPUSET}, ...; null on
 *                       old kernels (then memcg is known from "Memory cgroup out of memory" / "Task in /x killed")
 * @param memcg          the cgroup whose limit was hit (oom_memcg= or "Task in ... killed as a result of limit of"),
 *                       null for a global OOM
 * @param memcgUsage     {@code memory: usage 1048576kB, limit 1048576kB, failcnt 42} in bytes, null if absent
 * @param killed         the victim
 * @param memInfo        the "Mem-Info:" block's fields as printed ({@code active_anon}, {@code slab_unreclaimable},
 *                       {@code shmem}, {@code free}, {@code pagetables}, ... in PAGES; {@code free_cma} too)
 * @param zones          per-zone free/min/low/high (kB as printed, converted to bytes)
 * @param unreclaimableSlab "Unreclaimable slab info:" lines (name, used and total bytes), largest first
 * @param tasks          the task table ("[  pid  ]   uid  tgid total_vm rss ..."), largest rss first; rss in bytes
 * @param hugepages      "Node 0 hugepages_total=... hugepages_free=... hugepages_size=2048kB" per node and size
 * @param kernel         the release from the "CPU: .. Comm: .. Not tainted 5.8.0-rc4 #1" line, null if absent
 */
public record OomReport(String trigger, Integer triggerPid, String gfpMask, Integer order, String constraint,
        String memcg, Memcg memcgUsage, Victim killed, Map<String, Long> memInfo, List<Zone> zones,
        List<SlabUse> unreclaimableSlab, List<Task> tasks, List<Hugepages> hugepages, String kernel, LogTime time,
        Span span) implements Fact {

    public OomReport {
        memInfo = memInfo == null ? Map.of() : Map.copyOf(memInfo);
        zones = zones == null ? List.of() : List.copyOf(zones);
        unreclaimableSlab = unreclaimableSlab == null ? List.of() : List.copyOf(unreclaimableSlab);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        hugepages = hugepages == null ? List.of() : List.copyOf(hugepages);
    }

    /** The killed task: {@code Killed process 1234 (java) total-vm:..kB, anon-rss:..kB, file-rss:..kB, shmem-rss:..kB}. */
    public record Victim(Integer pid, String command, Long totalVmBytes, Long anonRssBytes, Long fileRssBytes,
            Long shmemRssBytes, Integer oomScoreAdj) {
    }

    public record Memcg(long usageBytes, long limitBytes, Long failcnt) {
    }

    public record Zone(String node, String zone, Long freeBytes, Long minBytes, Long lowBytes, Long highBytes) {
    }

    public record SlabUse(String cache, long usedBytes, long totalBytes) {
    }

    public record Task(int pid, Integer uid, long totalVmPages, long rssPages, Long pgtablesBytes, Long swapEntries,
            Integer oomScoreAdj, String name) {
    }

    public record Hugepages(String node, long total, long free, long surplus, long sizeKb) {
    }
}
