package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.FunctionCalls;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ftrace function tracing of paired functions (allocate / release): per task, calls of {@code alloc_netdev_mqs}
 * against {@code free_netdev}, {@code kmalloc} against {@code kfree}, and so on. Fewer releases than allocations by the
 * task that made them (seed 003: 4 alloc_netdev_mqs, 2 free_netdev) is the leak, named with the callers.
 */
public final class FunctionPairs implements Check {

    public static final String ID = "mem.ftrace-pairs";

    /** Allocating function -> the functions that release what it made. */
    static final Map<String, List<String>> PAIRS = Map.ofEntries(
            Map.entry("alloc_netdev_mqs", List.of("free_netdev")),
            Map.entry("alloc_etherdev_mqs", List.of("free_netdev")),
            Map.entry("__kmalloc", List.of("kfree")), Map.entry("kmalloc", List.of("kfree")),
            Map.entry("kmalloc_trace", List.of("kfree")), Map.entry("__kmalloc_node", List.of("kfree")),
            Map.entry("kmem_cache_alloc", List.of("kmem_cache_free")),
            Map.entry("vmalloc", List.of("vfree")), Map.entry("__vmalloc", List.of("vfree")),
            Map.entry("__alloc_pages", List.of("__free_pages", "free_pages")),
            Map.entry("alloc_pages", List.of("__free_pages", "free_pages")),
            Map.entry("__alloc_skb", List.of("kfree_skb", "consume_skb", "__kfree_skb", "kfree_skb_reason", "sk_skb_reason_drop")),
            Map.entry("sock_alloc", List.of("sock_release")),
            Map.entry("register_netdevice", List.of("unregister_netdevice_queue", "unregister_netdevice_many")),
            Map.entry("copy_net_ns", List.of("cleanup_net")));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Allocate/release pairs (ftrace function tracer)";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    @Override
    public CheckResult run(Case c) {
        List<Observed<FunctionCalls>> calls = c.all(FunctionCalls.class);
        if (calls.isEmpty()) {
            return CheckResult.missing("ftrace function tracer output (# tracer: function)");
        }
        // task -> function -> calls (by caller)
        Map<String, Map<String, List<FunctionCalls>>> byTask = new LinkedHashMap<>();
        for (Observed<FunctionCalls> o : calls) {
            byTask.computeIfAbsent(o.fact().task(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(o.fact().function(), f -> new ArrayList<>()).add(o.fact());
        }
        List<Finding> out = new ArrayList<>();
        boolean anyPair = false;
        for (Map.Entry<String, Map<String, List<FunctionCalls>>> t : byTask.entrySet()) {
            for (Map.Entry<String, List<String>> pair : PAIRS.entrySet()) {
                List<FunctionCalls> allocs = t.getValue().getOrDefault(pair.getKey(), List.of());
                if (allocs.isEmpty()) {
                    continue;
                }
                List<FunctionCalls> frees = pair.getValue().stream()
                        .flatMap(f -> t.getValue().getOrDefault(f, List.of()).stream()).toList();
                anyPair = true;
                long a = allocs.stream().mapToLong(FunctionCalls::count).sum();
                long f = frees.stream().mapToLong(FunctionCalls::count).sum();
                String allocText = pair.getKey() + " " + a + " time" + (a == 1 ? "" : "s") + callers(allocs);
                String freeText = frees.isEmpty() ? String.join("/", pair.getValue()) + " never"
                        : frees.get(0).function() + " " + f + " time" + (f == 1 ? "" : "s") + callers(frees);
                Finding.Builder b;
                if (f < a) {
                    b = Finding.builder(ID, Stage.MEMORY, "Fewer releases than allocations: " + pair.getKey())
                            .severity(Severity.WARNING)
                            .summary("ftrace: task " + t.getKey() + " called " + allocText + " and " + freeText + ": "
                                    + (a - f) + " never released. What " + pair.getKey() + " made leaks on that path.")
                            .confidence(Confidence.MEDIUM, "counts in the traced window; a release after the trace "
                                    + "stopped would not show")
                            .explanation("Each allocation needs its release. A task that allocates more than it releases "
                                    + "over its whole life (trace from its start to after it exits) leaks the difference;"
                                    + " the callers show which path misses its release.");
                } else {
                    b = Finding.builder(ID, Stage.MEMORY, "Balanced: " + pair.getKey()).severity(Severity.OK)
                            .summary("ftrace: task " + t.getKey() + " called " + allocText + " and " + freeText
                                    + ": balanced.")
                            .confidence(Confidence.MEDIUM, "counts in the traced window");
                }
                allocs.stream().limit(2).forEach(x -> b.evidence(x.span()));
                frees.stream().limit(2).forEach(x -> b.evidence(x.span()));
                out.add(b.build());
            }
        }
        if (!anyPair) {
            Optional<String> seen = calls.stream().map(o -> o.fact().function()).distinct().reduce((x, y) -> x + ", " + y);
            out.add(Finding.builder(ID, Stage.MEMORY, "No allocate/release pair traced").severity(Severity.INFO)
                    .summary("The function trace holds " + Words.count(calls.stream().mapToLong(o -> o.fact().count()).sum())
                            + " calls of " + seen.orElse("") + ", none of a known allocate/release pair: trace both ends "
                            + "(e.g. set_ftrace_filter to alloc_netdev_mqs and free_netdev).")
                    .confidence(Confidence.MEDIUM, "function names read").build());
        }
        return CheckResult.of(out);
    }

    private static String callers(List<FunctionCalls> calls) {
        Map<String, Long> by = new LinkedHashMap<>();
        calls.forEach(x -> by.merge(x.caller() == null ? "?" : x.caller(), x.count(), Long::sum));
        List<String> parts = new ArrayList<>();
        by.forEach((caller, n) -> parts.add(caller + " x" + n));
        return " (from " + String.join(", ", parts) + ")";
    }
}
