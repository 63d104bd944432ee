package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.SlubTraceEvent;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SLUB trace ({@code echo 1 > /sys/kernel/slab/CACHE/trace}): each allocation is paired with the free of the same
 * address in the same cache. Call sites whose allocations are never freed while others' are, are the leak suspects
 * (seed 003: igb_kni_probe / kni_ioctl_create allocate kmalloc-8192 objects that are never freed).
 */
public final class SlubTracePairs implements Check {

    public static final String ID = "mem.slub-trace";
    static final int FRAMES = 3;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Allocations never freed (SLUB trace)";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    private static final class Site {
        final String cache;
        final List<String> frames;
        final List<Observed<SlubTraceEvent>> allocs = new ArrayList<>();
        int freed;

        Site(String cache, List<String> frames) {
            this.cache = cache;
            this.frames = frames;
        }
    }

    private static String via(Site s) {
        String v = s.allocs.isEmpty() ? null : CallSites.via(s.allocs.get(0).fact().stack());
        return v == null ? "" : " (via " + v + ")";
    }

    @Override
    public CheckResult run(Case c) {
        List<Observed<SlubTraceEvent>> events = new ArrayList<>(c.all(SlubTraceEvent.class));
        if (events.isEmpty()) {
            return CheckResult.missing("SLUB trace lines in the kernel log (TRACE <cache> alloc/free ...)");
        }
        // in the order printed: source, then line
        events.sort(Comparator.comparing((Observed<SlubTraceEvent> o) -> o.fact().span().source())
                .thenComparingInt(o -> o.fact().span().firstLine()));
        Map<String, Site> sites = new LinkedHashMap<>();
        Map<String, Site> outstanding = new HashMap<>(); // cache + address -> site of the live allocation
        int frees = 0;
        for (Observed<SlubTraceEvent> o : events) {
            SlubTraceEvent e = o.fact();
            String key = e.cache() + ' ' + e.address();
            if (e.op().equals("alloc")) {
                List<String> frames = CallSites.caller(e.stack(), FRAMES);
                Site s = sites.computeIfAbsent(e.cache() + ' ' + frames, k -> new Site(e.cache(), frames));
                s.allocs.add(o);
                outstanding.put(key, s);
            } else if (e.op().equals("free")) {
                frees++;
                Site s = outstanding.remove(key);
                if (s != null) {
                    s.freed++;
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        List<Site> freeing = sites.values().stream().filter(s -> s.freed > 0).toList();
        for (Site s : sites.values()) {
            if (s.freed > 0) {
                continue;
            }
            String others = freeing.stream().filter(f -> f.cache.equals(s.cache)).map(f -> CallSites.path(f.frames)
                    + " (" + f.freed + " of " + f.allocs.size() + " freed)").reduce((a, b) -> a + "; " + b).orElse("");
            Finding.Builder b = Finding.builder(ID, Stage.MEMORY, "Allocations never freed: " + s.cache)
                    .severity(Severity.WARNING)
                    .summary("Allocations from " + CallSites.path(s.frames) + via(s) + " in " + s.cache + " are never freed (SLUB "
                            + "trace: 0 of " + s.allocs.size() + " freed" + (others.isEmpty() ? "" : ", while " + others)
                            + "): a leak in that path.")
                    .confidence(s.allocs.size() >= 2 ? Confidence.HIGH : Confidence.MEDIUM, s.allocs.size()
                            + " traced allocation" + (s.allocs.size() == 1 ? "" : "s") + " whose address never came back");
            s.allocs.stream().limit(3).forEach(o -> b.evidence(o.fact().span()));
            b.explanation("SLUB trace prints every allocation and free of the cache with its call trace. An address that "
                    + "is allocated and never freed while the trace ran is still held; when all of one call site's objects "
                    + "stay and other callers' objects come back, that call site leaks. Tracing only shows the window it "
                    + "ran: trace long enough to cover the owner's normal free path (e.g. a restart of the program).");
            b.fix(new Remediation("echo 0 > /sys/kernel/slab/" + s.cache + "/trace",
                    "turn the trace off again once you have the call traces", null, null));
            b.next("Read the code of " + (s.frames.isEmpty() ? "the caller" : s.frames.get(0)) + "'s release path: the "
                    + "matching free (kfree, free_netdev, ...) is missing or skipped on one branch.");
            out.add(b.build());
        }
        if (out.isEmpty()) {
            long allocs = sites.values().stream().mapToLong(s -> s.allocs.size()).sum();
            out.add(Finding.builder(ID, Stage.MEMORY, "SLUB trace: every call site frees").severity(Severity.OK)
                    .summary("SLUB trace: " + Words.count(allocs) + " allocations and " + Words.count(frees)
                            + " frees; every call site had objects freed.")
                    .confidence(Confidence.MEDIUM, "only the traced window").build());
        }
        return CheckResult.of(out);
    }
}
