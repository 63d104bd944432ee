package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.KmemleakObject;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kmemleak reports grouped by where the objects were allocated (the first frames after the allocator): how many
 * objects, how many bytes, which tasks. One group with many objects is a leak in that call path (seed 004:
 * skb_clone <- hci_event_packet).
 */
public final class KmemleakGroups implements Check {

    public static final String ID = "mem.kmemleak";
    static final int FRAMES = 3;
    static final int MAX_GROUPS = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Unreferenced kernel objects (kmemleak)";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    @Override
    public CheckResult run(Case c) {
        List<Observed<KmemleakObject>> objects = c.all(KmemleakObject.class);
        if (objects.isEmpty()) {
            return CheckResult.missing("kmemleak reports (cat /sys/kernel/debug/kmemleak)");
        }
        Map<String, List<KmemleakObject>> groups = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Observed<KmemleakObject> o : objects) {
            if (seen.add(o.fact().address())) { // a report read twice (scan, then cat) counts once
                groups.computeIfAbsent(CallSites.path(CallSites.caller(o.fact().backtrace(), FRAMES)), k -> new ArrayList<>())
                        .add(o.fact());
            }
        }
        List<Map.Entry<String, List<KmemleakObject>>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, List<KmemleakObject>> e) -> e.getValue().size()).reversed());
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<KmemleakObject>> e : sorted.subList(0, Math.min(MAX_GROUPS, sorted.size()))) {
            List<KmemleakObject> l = e.getValue();
            long bytes = l.stream().mapToLong(KmemleakObject::size).sum();
            Set<String> comms = new LinkedHashSet<>();
            l.forEach(x -> comms.add(x.comm()));
            Finding.Builder b = Finding.builder(ID, Stage.MEMORY, "kmemleak: objects from " + e.getKey())
                    .severity(Severity.WARNING)
                    .summary("kmemleak reports " + l.size() + " unreferenced object" + (l.size() == 1 ? "" : "s") + " ("
                            + Words.bytes(bytes) + ") allocated from " + e.getKey() + ", by " + String.join(", ", comms)
                            + ": memory no pointer refers to any more, leaked on that path.")
                    .confidence(l.size() >= 2 ? Confidence.HIGH : Confidence.MEDIUM, l.size() >= 2
                            ? "the same backtrace several times" : "one report: kmemleak can report false positives");
            l.stream().limit(2).forEach(x -> b.evidence(x.span()));
            b.explanation("kmemleak scans memory for pointers to each allocated object; an object nothing points to "
                    + "can never be freed. A single report can be a false positive (a pointer kept in an odd form); the "
                    + "same backtrace reported many times is a leak.");
            b.fix(new Remediation("echo scan > /sys/kernel/debug/kmemleak; cat /sys/kernel/debug/kmemleak",
                    "scan again after a while: a real leak's count grows", null, null));
            b.next("Look for a known fix of " + (e.getKey().contains(" <- ") ? e.getKey().substring(e.getKey()
                    .indexOf(" <- ") + 4) : e.getKey()) + " in the kernel's stable updates or the driver's changelog.");
            out.add(b.build());
        }
        return CheckResult.of(out);
    }
}
