package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.HugePagePool;
import dev.drophound.facts.HugetlbfsFile;
import dev.drophound.facts.MountEntry;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.facts.ProcessName;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hugepages DPDK lives on: how many per size and NUMA node, whether a hugetlbfs is mounted for each size in use,
 * whether OVS's socket-mem fits the pages of each node (pages reserved on the wrong node), and hugepage files left in
 * a mount by a process that is gone (they keep their pages).
 */
public final class Hugepages implements Check {

    public static final String ID = "dpdk.hugepages";
    private static final Set<String> DPDK_PROGRAMS = Set.of("ovs-vswitchd", "ovs-vswitchd-dpdk", "dpdk-testpmd",
            "testpmd", "vpp_main", "vpp", "l3fwd", "dpdk-l3fwd", "pktgen");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Hugepages for DPDK (per node, mounts, stale files)";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    @Override
    public CheckResult run(Case c) {
        OvsState state = OvsState.of(c);
        List<MountEntry> mounts = c.facts(MountEntry.class);
        List<MountEntry> huge = mounts.stream().filter(m -> m.fsType().equals("hugetlbfs")).toList();
        List<HugetlbfsFile> files = c.facts(HugetlbfsFile.class);
        if (state.pools.isEmpty() && huge.isEmpty() && files.isEmpty()) {
            return CheckResult.missing("/sys/kernel/mm/hugepages (grep -r .), dpdk-hugepages.py -s, or /proc/mounts");
        }
        List<Finding> out = new ArrayList<>();
        DpdkLogs logs = DpdkLogs.of(c);
        staleFiles(c, files, out);
        unmounted(c, state, mounts, huge, logs, out);
        socketMemFit(state, logs, out);
        if (out.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING))) {
            List<String> parts = new ArrayList<>();
            for (HugePagePool p : state.pools) {
                if (p.total() != null && p.total() > 0) {
                    parts.add((p.node() == null ? "" : "node " + p.node() + ": ") + Words.count(p.total())
                            + " x " + OvsState.pageName(p.pageSizeKb()) + " (" + Words.bytes(p.total() * p.pageSizeKb() * 1024) + ")"
                            + (p.free() != null ? ", " + Words.count(p.free()) + " free" : ""));
                }
            }
            Set<String> seenMounts = new java.util.HashSet<>();
            for (MountEntry m : huge) {
                if (!seenMounts.add(m.mountPoint())) {
                    continue;
                }
                parts.add("hugetlbfs at " + m.mountPoint() + (m.options().containsKey("pagesize")
                        ? " (pagesize=" + m.options().get("pagesize") + ")" : ""));
            }
            out.add(0, Finding.builder(ID, Stage.DPDK, "Hugepages")
                    .severity(Severity.OK)
                    .summary(parts.isEmpty() ? "No hugepages reserved." : "Hugepages: " + String.join("; ", parts) + ".")
                    .confidence(Confidence.HIGH, "read from the kernel's counts").build());
        }
        return CheckResult.of(out);
    }

    private void staleFiles(Case c, List<HugetlbfsFile> files, List<Finding> out) {
        if (files.isEmpty()) {
            return;
        }
        // several listings of the same mount (ls -l, ls -lR, du, find -ls) name the same files: once each, with the
        // directory when one listing says it
        Map<String, HugetlbfsFile> byName = new LinkedHashMap<>();
        for (HugetlbfsFile f : files) {
            HugetlbfsFile seen = byName.get(f.name());
            if (seen == null || seen.directory() == null && f.directory() != null) {
                byName.put(f.name(), f);
            }
        }
        Map<String, List<HugetlbfsFile>> byDir = new LinkedHashMap<>();
        byName.values().forEach(f -> byDir.computeIfAbsent(f.directory() == null ? "the hugetlbfs mount" : f.directory(),
                k -> new ArrayList<>()).add(f));
        Set<String> commands = new TreeSet<>();
        c.facts(ProcessName.class).forEach(p -> commands.add(p.command()));
        c.facts(ProcessMemory.class).forEach(p -> commands.add(p.command()));
        boolean processesKnown = !commands.isEmpty();
        boolean dpdkRunning = commands.stream().anyMatch(n -> DPDK_PROGRAMS.contains(n) || n.startsWith("dpdk-"));
        byDir.forEach((dir, list) -> {
            long bytes = list.stream().mapToLong(HugetlbfsFile::bytes).sum();
            if (bytes == 0) {
                return;
            }
            boolean stale = processesKnown && !dpdkRunning;
            String example = list.get(0).name();
            String prefix = example.replaceFirst("_?\\d+$", "");
            Finding.Builder b = Finding.builder(ID, Stage.DPDK, "Hugepage files hold " + Words.bytes(bytes) + " in " + dir)
                    .severity(stale ? Severity.WARNING : Severity.INFO)
                    .summary(Words.count(list.size()) + " file" + (list.size() == 1 ? "" : "s") + " in " + dir + " ("
                            + example + (list.size() > 1 ? ", ..." : "") + ") hold " + Words.bytes(bytes)
                            + " of hugepages. "
                            + (stale ? "No DPDK process is running, so they are stale: a DPDK process that exited without "
                                    + "cleaning up (killed, crashed) left them, and their pages stay in use until the files "
                                    + "are removed."
                                    : "Hugepage files keep their pages for as long as they exist, also after the process "
                                            + "that made them is gone; " + (dpdkRunning ? "a DPDK process is running, so "
                                                    + "they may be its own." : "check that the process that made them "
                                                    + "still runs.")));
            b.evidence(list.get(0).span());
            if (list.size() > 1) {
                b.evidence(list.get(list.size() - 1).span());
            }
            b.fix(new Remediation("fuser -v " + dir + "/" + prefix + "* ; rm " + dir + "/" + prefix + "*",
                    "remove the files only when no process has them open (fuser prints nothing): their pages become "
                            + "free again", null, null));
            b.confidence(stale ? Confidence.HIGH : Confidence.MEDIUM, stale ? "files present, no DPDK process"
                    : "no process list to tell whether their owner runs");
            out.add(b.build());
        });
    }

    private void unmounted(Case c, OvsState state, List<MountEntry> mounts, List<MountEntry> huge, DpdkLogs logs,
            List<Finding> out) {
        if (mounts.isEmpty()) {
            return; // the mount table was not read: nothing can be said about a missing mount
        }
        boolean inMemory = logs.all().stream().anyMatch(e -> e.kind() == DpdkEvent.Kind.EAL_ARGS
                && e.text().contains("--in-memory"));
        boolean dpdk = !logs.isEmpty() || !state.otherConfig.isEmpty();
        for (HugePagePool p : state.pools) {
            if (p.node() != null || p.total() == null || p.total() == 0) {
                continue;
            }
            boolean mounted = huge.stream().anyMatch(m -> pageKb(m, state.defaultPageKb) == p.pageSizeKb());
            if (mounted) {
                continue;
            }
            boolean matters = dpdk && !inMemory;
            out.add(Finding.builder(ID, Stage.DPDK, OvsState.pageName(p.pageSizeKb()) + " hugepages not mounted")
                    .severity(matters ? Severity.WARNING : Severity.INFO)
                    .summary(Words.count(p.total()) + " " + OvsState.pageName(p.pageSizeKb()) + " hugepages are reserved "
                            + "but no hugetlbfs is mounted for that size: DPDK without --in-memory (OVS with "
                            + "--legacy-mem, most DPDK applications) cannot use them and fails with \"Cannot get hugepage "
                            + "information\"." + (matters ? "" : " OVS 3.x runs --in-memory and does not need the mount."))
                    .evidence(p.span())
                    .fix(HugeFixes.mount(p.pageSizeKb()))
                    .confidence(Confidence.HIGH, "mount table and hugepage counts read")
                    .build());
        }
    }

    private void socketMemFit(OvsState state, DpdkLogs logs, List<Finding> out) {
        List<Long> mem = OvsState.socketMem(state.otherConfig, logs.all());
        if (mem.isEmpty()) {
            return;
        }
        long pageKb = state.pageKb();
        boolean perNode = state.pools.stream().anyMatch(p -> p.node() != null);
        if (!perNode) {
            // only the host's total is known: compare it with the sum
            state.pool(null, pageKb).filter(p -> p.total() != null).ifPresent(p -> check(state, null,
                    mem.stream().mapToLong(Long::longValue).sum(), p, pageKb, out));
            return;
        }
        for (int node = 0; node < mem.size(); node++) {
            int n = node;
            if (mem.get(node) > 0) {
                state.pool(node, pageKb).filter(p -> p.node() != null && p.total() != null)
                        .ifPresent(p -> check(state, n, mem.get(n), p, pageKb, out));
            }
        }
    }

    private void check(OvsState state, Integer node, long wantMb, HugePagePool p, long pageKb, List<Finding> out) {
        long haveMb = p.total() * pageKb / 1024;
        if (haveMb >= wantMb) {
            return;
        }
        String other = "";
        if (node != null) {
            for (HugePagePool q : state.pools) {
                if (q.node() != null && !q.node().equals(node) && q.pageSizeKb() == pageKb && q.total() != null
                        && q.total() * pageKb / 1024 >= wantMb) {
                    other = " The pages are on node " + q.node() + " (" + Words.count(q.total() * pageKb / 1024)
                            + " MB): reserved on the wrong node.";
                }
            }
        }
        String where = node != null ? "node " + node : "the host";
        Finding.Builder b = Finding.builder(ID, Stage.DPDK, "socket-mem exceeds hugepages on " + where)
                .severity(Severity.CRITICAL)
                .summary("dpdk-socket-mem asks for " + Words.count(wantMb) + " MB on "
                        + (node != null ? "socket " + node : "all sockets together") + " but " + where + " has "
                        + Words.count(haveMb) + " MB of " + OvsState.pageName(pageKb) + " hugepages: ovs-vswitchd "
                        + "cannot start DPDK with this (\"Not enough memory available\")." + other)
                .evidence(p.span());
        if (state.otherConfigSpan != null) {
            b.evidence(state.otherConfigSpan);
        }
        b.fix(HugeFixes.reserve(node, pageKb, wantMb * 1024 / pageKb, "reserve " + Words.count(wantMb) + " MB of "
                + OvsState.pageName(pageKb) + " pages" + (node != null ? " on node " + node : "")));
        b.confidence(Confidence.HIGH, "configuration and hugepage counts read");
        out.add(b.build());
    }

    /** A mount's page size in kB: pagesize=2M / 1G / 2048k, else the default size. */
    static long pageKb(MountEntry m, long dflt) {
        String v = m.options().get("pagesize");
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        String n = v.replaceAll("[^0-9]", "");
        if (n.isEmpty()) {
            return dflt;
        }
        long x = Long.parseLong(n);
        char unit = Character.toUpperCase(v.charAt(v.length() - 1));
        return switch (unit) {
            case 'G' -> x * 1024 * 1024;
            case 'M' -> x * 1024;
            case 'K' -> x;
            default -> x / 1024;
        };
    }
}
