package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.facts.HugePagePool;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Did DPDK's EAL start, and if not, why (seed 002's start-up cases; fixtures 06 a2/a3/b and 07 01-05): no hugepages
 * reserved, reserved but no hugetlbfs mounted for their size, more socket-mem / -m than there are hugepages, invalid
 * --socket-mem. One finding per failed start (a log can hold several), naming the real cause rather than the errno:
 * "no hugepages" and "no mount" both end in "Permission denied".
 */
public final class EalStartup implements Check {

    public static final String ID = "dpdk.eal-init";

    private static final Set<Kind> FAILURE = EnumSet.of(Kind.NOT_ENOUGH_MEMORY, Kind.HUGEPAGE_INFO_FAILED,
            Kind.INVALID_SOCKET_MEM, Kind.MEMORY_INIT_FAILED, Kind.INIT_FAILED, Kind.DPDK_NOT_SUPPORTED);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "DPDK start-up (EAL memory, hugepages)";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    @Override
    public CheckResult run(Case c) {
        DpdkLogs logs = DpdkLogs.of(c);
        if (logs.all().stream().noneMatch(e -> e.kind() == Kind.EAL_ARGS || e.kind() == Kind.INITIALIZED
                || FAILURE.contains(e.kind()) || e.kind() == Kind.HUGEPAGES_NOT_MOUNTED
                || e.kind() == Kind.NO_FREE_HUGEPAGES || e.kind() == Kind.DPDK_VERSION)) {
            return CheckResult.missing("ovs-vswitchd.log or a DPDK application's output (EAL lines)");
        }
        OvsState state = OvsState.of(c);
        List<Finding> out = new ArrayList<>();
        List<String> started = new ArrayList<>();
        for (Map.Entry<String, List<DpdkEvent>> entry : logs.bySource().entrySet()) {
            List<DpdkEvent> log = entry.getValue();
            // split the log into runs: each DPDK version line starts one, and so does an EAL ARGS line when the
            // current run already has its own
            List<Integer> starts = new ArrayList<>(List.of(0));
            boolean hasArgs = !log.isEmpty() && log.get(0).kind() == Kind.EAL_ARGS;
            for (int i = 1; i < log.size(); i++) {
                Kind k = log.get(i).kind();
                if (k == Kind.DPDK_VERSION || k == Kind.EAL_ARGS && hasArgs) {
                    starts.add(i);
                    hasArgs = false;
                }
                hasArgs |= k == Kind.EAL_ARGS;
            }
            for (int r = 0; r < starts.size(); r++) {
                List<DpdkEvent> run = log.subList(starts.get(r), r + 1 < starts.size() ? starts.get(r + 1) : log.size());
                int before = out.size();
                judge(run, log, state, out, started);
                // a failed start followed by a good one in the same log is history: the operator fixed it
                DpdkEvent later = r + 1 < starts.size() ? log.subList(starts.get(r + 1), log.size()).stream()
                        .filter(e -> e.kind() == Kind.INITIALIZED).findFirst().orElse(null) : null;
                if (later != null) {
                    for (int k = before; k < out.size(); k++) {
                        Finding f = out.get(k);
                        if (f.severity().atLeast(Severity.WARNING)) {
                            out.set(k, Finding.builder(f.id(), f.stage(), f.title() + " (fixed since)")
                                    .severity(Severity.INFO)
                                    .summary(f.summary() + " A later start succeeded (" + later.span().where() + ").")
                                    .evidence(DpdkLogs.join(List.of(later)))
                                    .confidence(Confidence.HIGH, "the later start is in the log").build());
                        }
                    }
                }
            }
        }
        if (out.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING)) && !started.isEmpty()) {
            out.add(0, Finding.builder(ID, Stage.DPDK, "DPDK started")
                    .severity(Severity.OK)
                    .summary("DPDK started: " + String.join("; ", started) + ".")
                    .confidence(Confidence.HIGH, "the log says so").build());
        }
        if (out.isEmpty()) {
            return CheckResult.missing("the EAL start-up lines of ovs-vswitchd.log or of a DPDK application");
        }
        return CheckResult.of(out);
    }

    private void judge(List<DpdkEvent> run, List<DpdkEvent> log, OvsState state, List<Finding> out,
            List<String> started) {
        List<DpdkEvent> failures = run.stream().filter(e -> FAILURE.contains(e.kind())).toList();
        DpdkEvent died = run.stream().filter(e -> e.kind() == Kind.DAEMON_DIED).findFirst().orElse(null);
        boolean initialisedRun = run.stream().anyMatch(e -> e.kind() == Kind.INITIALIZED);
        if (failures.isEmpty() && died != null && !initialisedRun) {
            String args0 = run.stream().filter(e -> e.kind() == Kind.EAL_ARGS).map(DpdkEvent::text).findFirst()
                    .orElse(null);
            List<DpdkEvent> cited = new ArrayList<>(run.stream().filter(e -> e.kind() == Kind.EAL_ARGS
                    || e.kind() == Kind.NO_FREE_HUGEPAGES).toList());
            cited.add(died);
            out.add(Finding.builder(ID, Stage.DPDK, "ovs-vswitchd died while DPDK was starting")
                    .severity(Severity.CRITICAL)
                    .summary("ovs-vswitchd died while DPDK was starting (" + died.span().where() + ": killed by "
                            + died.error() + "), before \"DPDK Enabled - initialized\"" + (args0 != null ? "; it started "
                                    + "with " + args0.replaceFirst("^EAL ARGS: ", "").replaceFirst("\\.$", "") : "")
                            + ". A bus error during EAL start is hugepage memory the kernel cannot back: fewer free "
                            + "hugepages on a node than the socket-mem asked for, a --huge-dir whose mount has another "
                            + "page size, or a container's hugetlb limit.")
                    .evidence(DpdkLogs.join(cited))
                    .fix(new Remediation("grep . /sys/devices/system/node/node*/hugepages/*/free_hugepages; grep hugetlbfs /proc/mounts",
                            "compare the free pages per node and the mount's page size with --socket-mem and --huge-dir",
                            null, null))
                    .confidence(Confidence.MEDIUM, "the cause is inferred from the signal; the EAL printed no error")
                    .build());
            return;
        }
        String program = DpdkLogs.program(log);
        boolean ovs = DpdkLogs.isOvs(log);
        String args = run.stream().filter(e -> e.kind() == Kind.EAL_ARGS).map(DpdkEvent::text).findFirst().orElse(null);
        boolean inMemory = args != null && args.contains("--in-memory");
        List<DpdkEvent> unmounted = run.stream().filter(e -> e.kind() == Kind.HUGEPAGES_NOT_MOUNTED).toList();
        if (failures.isEmpty()) {
            if (run.stream().anyMatch(e -> e.kind() == Kind.INITIALIZED)) {
                String version = run.stream().filter(e -> e.kind() == Kind.DPDK_VERSION).map(DpdkEvent::text)
                        .findFirst().orElse("DPDK").replaceFirst("^Using ", "");
                started.add(program + " (" + version + ")" + (args != null ? " with " + args.replaceFirst("^EAL ARGS: ", "").replaceFirst("\\.$", "") : ""));
            }
            // an application that made its pools has started, also when it prints no "initialized" line
            boolean initialised = run.stream().anyMatch(e -> e.kind() == Kind.INITIALIZED
                    || e.kind() == Kind.APP_POOL_REQUEST || e.kind() == Kind.MEMPOOL_ALLOCATED);
            for (DpdkEvent u : unmounted) {
                long size = u.pageSizeKb() != null ? u.pageSizeKb() : state.pageKb();
                String pages = (u.pages() != null ? Words.count(u.pages()) + " " : "") + "hugepages of "
                        + OvsState.pageName(size);
                Finding.Builder f;
                if (initialised && (inMemory || args == null)) {
                    f = Finding.builder(ID, Stage.DPDK, "Hugepages not mounted, not needed in this mode")
                            .severity(Severity.INFO)
                            .summary(program + " said " + quote(u) + ", and started anyway: " + (inMemory
                                    ? "it runs with --in-memory (OVS 3.x passes it unless --legacy-mem is given), which "
                                            + "takes hugepages without a mount."
                                    : "it runs with --in-memory (which takes hugepages without a mount) or found another "
                                            + "page size mounted.") + " A restart with --legacy-mem, or a DPDK application without --in-memory, "
                                    + "would fail with \"Cannot get hugepage information\".")
                            .confidence(Confidence.HIGH, "the log says so");
                } else if (initialised) {
                    f = Finding.builder(ID, Stage.DPDK, OvsState.pageName(size) + " hugepages reserved but unusable")
                            .severity(Severity.INFO)
                            .summary(program + " started with other hugepages; the " + pages + " reserved are unusable "
                                    + "without a hugetlbfs mounted for that size (" + u.span().where() + "): mount one or "
                                    + "stop reserving them.")
                            .fix(HugeFixes.mount(size))
                            .confidence(Confidence.HIGH, "the log says so");
                } else {
                    f = Finding.builder(ID, Stage.DPDK, OvsState.pageName(size) + " hugepages not mounted")
                            .severity(Severity.WARNING)
                            .summary(program + " cannot use the " + pages + " that are reserved: no hugetlbfs is mounted "
                                    + "for that size (" + u.span().where() + "). Unless another size is mounted (or DPDK "
                                    + "runs --in-memory), the start fails with \"Cannot get hugepage information\"; the "
                                    + "log does not show how this start ended.")
                            .fix(HugeFixes.mount(size))
                            .confidence(Confidence.MEDIUM, "the outcome of the start is not in the evidence");
                }
                out.add(f.evidence(u.span()).build());
            }
            return;
        }
        DpdkEvent notEnough = first(failures, Kind.NOT_ENOUGH_MEMORY);
        DpdkEvent noInfo = first(failures, Kind.HUGEPAGE_INFO_FAILED);
        DpdkEvent invalid = first(failures, Kind.INVALID_SOCKET_MEM);
        DpdkEvent fatal = first(failures, Kind.INIT_FAILED);
        List<DpdkEvent> cited = new ArrayList<>();
        if (args != null) {
            run.stream().filter(e -> e.kind() == Kind.EAL_ARGS).findFirst().ifPresent(cited::add);
        }
        String consequence = ovs ? program + " aborted (dpdk-init=true makes a failed DPDK start fatal): no port "
                + "forwards until it starts" : program + " exited";
        String errno = fatal != null && fatal.error() != null ? fatal.error() : null;
        Finding.Builder b;
        long pageKb = state.pageKb();
        if (notEnough != null) {
            cited.add(notEnough);
            String where = notEnough.socket() != null ? "NUMA socket " + notEnough.socket() : "all sockets";
            b = Finding.builder(ID, Stage.DPDK, "DPDK could not start: more memory asked than hugepages on " + where)
                    .severity(Severity.CRITICAL);
            b.summary("DPDK could not start: " + (ovs ? "dpdk-socket-mem" : "the EAL memory request (-m / --socket-mem)")
                    + " asks for " + mb(notEnough.requestedMb()) + " on " + where + " but only "
                    + mb(notEnough.availableMb()) + " of hugepages are there (" + notEnough.span().where() + "); "
                    + consequence + ".");
            Integer node = notEnough.socket();
            long pages = notEnough.requestedMb() == null ? 0 : notEnough.requestedMb() * 1024 / pageKb;
            HugePagePool pool = state.pool(node, pageKb).orElse(null);
            long have = pool != null && pool.total() != null ? pool.total()
                    : notEnough.availableMb() == null ? 0 : notEnough.availableMb() * 1024 / pageKb;
            if (ovs && notEnough.availableMb() != null) {
                List<Long> mem = OvsState.socketMem(state.otherConfig, log);
                int s = node == null ? 0 : node;
                List<Long> fixed = new ArrayList<>(mem);
                while (fixed.size() <= s) {
                    fixed.add(0L);
                }
                fixed.set(s, notEnough.availableMb());
                b.fix(HugeFixes.socketMem(String.join(",", fixed.stream().map(String::valueOf).toList()),
                        "ask only for what socket " + s + " has"));
            } else if (notEnough.availableMb() != null) {
                b.fix(new Remediation((notEnough.socket() != null ? "--socket-mem=" : "-m ") + notEnough.availableMb(),
                        "ask the EAL for no more than the hugepages there are", null, null));
            }
            if (notEnough.requestedMb() != null) {
                b.fix(HugeFixes.reserve(node, pageKb, Math.max(pages, have), "or reserve enough hugepages for "
                        + mb(notEnough.requestedMb()) + (node != null ? " on node " + node : "")));
            }
        } else if (first(failures, Kind.DPDK_NOT_SUPPORTED) != null) {
            DpdkEvent ns = first(failures, Kind.DPDK_NOT_SUPPORTED);
            cited.add(ns);
            b = Finding.builder(ID, Stage.DPDK, "ovs-vswitchd built without DPDK").severity(Severity.CRITICAL);
            b.summary("dpdk-init=true was given to an ovs-vswitchd built without DPDK (" + ns.span().where() + ": "
                    + ns.text() + "): no DPDK port can work with this binary.");
            b.fix(new Remediation("update-alternatives --set ovs-vswitchd /usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk",
                    "Debian and Ubuntu ship the DPDK build as an alternative (package openvswitch-switch-dpdk); then "
                            + "restart openvswitch-switch", null, null));
        } else if (invalid != null) {
            cited.add(invalid);
            b = Finding.builder(ID, Stage.DPDK, "DPDK could not start: invalid --socket-mem").severity(Severity.CRITICAL);
            b.summary("DPDK could not start: the EAL rejected --socket-mem (" + invalid.span().where() + ")"
                    + (args != null ? " in " + args : "") + "; it must be a comma-separated list of MB per NUMA socket "
                    + "with memory for at least the sockets that have ports (\"0,0\" gives none); " + consequence + ".");
            b.fix(HugeFixes.socketMem("1024,0", "1 GB on socket 0, none on socket 1: give each socket with DPDK ports "
                    + "its share"));
        } else if (noInfo != null) {
            cited.addAll(unmounted);
            cited.add(noInfo);
            if (!unmounted.isEmpty()) {
                DpdkEvent u = unmounted.get(0);
                long size = u.pageSizeKb() != null ? u.pageSizeKb() : pageKb;
                b = Finding.builder(ID, Stage.DPDK, "DPDK could not start: hugetlbfs not mounted")
                        .severity(Severity.CRITICAL);
                b.summary("DPDK could not start: " + (u.pages() != null ? Words.count(u.pages()) + " " : "")
                        + "hugepages of " + OvsState.pageName(size) + " are reserved but no hugetlbfs is mounted for that size ("
                        + u.span().where() + "), so the EAL cannot use them" + (args != null && args.contains("--legacy-mem")
                                ? " (--legacy-mem turns off OVS's --in-memory mode, which would not need the mount)" : "")
                        + "; " + consequence + (errno != null ? "; the error it printed, \"" + errno + "\", is misleading" : "") + ".");
                b.fix(HugeFixes.mount(size));
                if (ovs) {
                    b.fix(new Remediation("remove --legacy-mem from other_config:dpdk-extra",
                            "OVS 3.x then passes --in-memory and DPDK takes hugepages without a mount", null, null));
                } else {
                    b.fix(new Remediation("add --in-memory to the EAL arguments",
                            "the EAL then takes hugepages through memfd, without a mount", null,
                            "no multi-process support (secondary processes cannot attach)"));
                }
            } else {
                b = Finding.builder(ID, Stage.DPDK, "DPDK could not start: no hugepages").severity(Severity.CRITICAL);
                HugePagePool pool = state.pool(null, pageKb).orElse(null);
                String have = pool != null && pool.total() != null ? " (" + OvsState.pageName(pageKb)
                        + " pages reserved: " + pool.total() + ", free: " + (pool.free() == null ? "?" : pool.free()) + ")"
                        : "";
                List<DpdkEvent> noFree = run.stream().filter(e -> e.kind() == Kind.NO_FREE_HUGEPAGES).toList();
                cited.addAll(0, noFree);
                b.summary("DPDK could not start: no usable hugepages" + have + " (" + noInfo.span().where() + ": "
                        + noInfo.text() + "); " + consequence + (errno != null ? "; the error it printed, \"" + errno
                                + "\", is misleading: the cause is missing hugepages, not permissions" : "") + ".");
                long want = Math.max(512L * 1024 / pageKb, 1);
                b.fix(HugeFixes.reserve(null, pageKb, want, "reserve hugepages (" + Words.bytes(want * pageKb * 1024)
                        + " here as a start; size it to the socket-mem and mbuf pools you need)"));
            }
        } else {
            cited.addAll(failures);
            b = Finding.builder(ID, Stage.DPDK, "DPDK could not start").severity(Severity.CRITICAL);
            b.summary("DPDK could not start (" + failures.get(0).span().where() + ": " + failures.get(0).text() + "); "
                    + consequence + ".");
        }
        if (fatal != null && !cited.contains(fatal)) {
            cited.add(fatal);
        }
        b.evidence(DpdkLogs.join(cited));
        b.explanation("DPDK takes its memory from hugepages reserved in the kernel (per NUMA node) and, unless it runs "
                + "--in-memory, found through a hugetlbfs mount per page size. OVS asks for dpdk-socket-mem MB per "
                + "socket at start (without it, DPDK grows its heap from free hugepages as ports need it). The EAL's "
                + "errno is often misleading: missing hugepages and a missing mount both end in \"Permission denied\".");
        b.confidence(Confidence.HIGH, "the log names the failure");
        out.add(b.build());
    }

    private static DpdkEvent first(List<DpdkEvent> events, Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).findFirst().orElse(null);
    }

    private static String quote(DpdkEvent e) {
        return "\"" + e.text() + "\"";
    }

    static String mb(Long mb) {
        return mb == null ? "?" : Words.count(mb) + " MB";
    }
}
