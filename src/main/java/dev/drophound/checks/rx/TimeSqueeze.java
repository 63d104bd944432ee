package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Fixes;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * NAPI polling ran out of budget or time with packets still waiting: softnet_stat column 3. Not a drop by
 * itself, but packets wait in the RX ring meanwhile and the NIC drops them when the ring fills.
 */
public final class TimeSqueeze implements Check {

    public static final String ID = "backlog.time-squeeze";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Receive softirq budget (softnet_stat time_squeeze)";
    }

    @Override
    public Stage stage() {
        return Stage.BACKLOG;
    }

    @Override
    public CheckResult run(Case c) {
        List<SoftnetView.Capture> captures = SoftnetView.of(c);
        if (captures.isEmpty()) {
            return CheckResult.missing("/proc/net/softnet_stat");
        }
        List<Finding> out = new ArrayList<>();
        for (SoftnetView.Capture cap : captures) {
            List<String> squeezed = new ArrayList<>();
            Finding.Builder b = Finding.builder(ID, Stage.BACKLOG, "Receive processing runs out of budget");
            Growth worst = null;
            for (Map.Entry<Integer, Map<String, Growth>> e : cap.cpus().entrySet()) {
                Growth g = e.getValue().get("time_squeeze");
                if (g != null && g.positive()) {
                    Growth p = e.getValue().get("processed");
                    squeezed.add("CPU" + e.getKey() + " " + g.number()
                            + (p != null && p.increase() > 0 ? " (" + Words.count(p.increase()) + " frames processed)" : ""));
                    g.spans().forEach(b::evidence);
                    if (worst == null || g.increase() > worst.increase()) {
                        worst = g;
                    }
                }
            }
            if (worst == null) {
                out.add(Finding.builder(ID, Stage.BACKLOG, "Receive softirq budget: enough").severity(Severity.OK)
                        .summary("Receive processing never ran out of budget (time_squeeze "
                                + (cap.isDelta() ? "+0" : "0") + " on " + cap.cpus().size() + " CPUs).")
                        .confidence(Confidence.HIGH, "softnet_stat read").build());
                continue;
            }
            OptionalLong budget = Lookup.sysctlLong(c, "net.core.netdev_budget");
            OptionalLong usecs = Lookup.sysctlLong(c, "net.core.netdev_budget_usecs");
            Lookup.sysctl(c, "net.core.netdev_budget").ifPresent(o -> b.evidence(o.fact().span()));
            Lookup.sysctl(c, "net.core.netdev_budget_usecs").ifPresent(o -> b.evidence(o.fact().span()));
            long newBudget = Math.max(600, budget.orElse(300) * 2);
            out.add(b.severity(Severity.INFO)
                    .summary("Receive processing ran out of budget with work left (time_squeeze): "
                            + String.join("; ", squeezed) + worst.period() + ". Not a drop itself: packets waited in the RX ring.")
                    .confidence(worst.isDelta() ? Confidence.HIGH : Confidence.LOW, worst.confidenceReason())
                    .explanation("One net_rx_action run handles at most net.core.netdev_budget packets"
                            + (budget.isPresent() ? " (now " + budget.getAsLong() + ")" : "") + " or "
                            + "net.core.netdev_budget_usecs microseconds" + (usecs.isPresent() ? " (now " + usecs.getAsLong() + ")" : "")
                            + ". When it stops with packets left it counts a squeeze and resumes later; meanwhile "
                            + "packets wait in the ring, which the NIC drops from when it fills (rx_missed_errors, "
                            + "rx_no_buffer_count and the like).")
                    .fix(Fixes.sysctl("net.core.netdev_budget", newBudget,
                            "lets one softirq run handle more packets before yielding",
                            "the softirq can hold a CPU longer, delaying other work on it (latency)"))
                    .next("squeezes matter when the NIC also drops (ethtool -S: missed / no buffer counters) or "
                            + "one CPU does all the receive work; spreading the load (RSS, RPS) helps more than a bigger budget")
                    .build());
        }
        return CheckResult.of(out);
    }
}
