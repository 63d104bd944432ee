package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Lookup;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packets of heavy flows dropped by the backlog flow limiter (net.core.flow_limit_cpu_bitmap):
 * softnet_stat column 11. The kernel counts it on the row of the CPU that enqueued the packet, while the
 * drop itself is counted on the target CPU's row (column 2).
 */
public final class FlowLimitDrops implements Check {

    public static final String ID = "backlog.flow-limit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Backlog flow limit (softnet_stat flow_limit_count)";
    }

    @Override
    public Stage stage() {
        return Stage.BACKLOG;
    }

    @Override
    public CheckResult run(Case c) {
        List<Finding> out = new ArrayList<>();
        boolean applicable = false;
        for (SoftnetView.Capture cap : SoftnetView.of(c)) {
            List<String> limited = new ArrayList<>();
            Finding.Builder b = Finding.builder(ID, Stage.BACKLOG, "Flow limit drops heavy flows");
            Growth any = null;
            for (Map.Entry<Integer, Map<String, Growth>> e : cap.cpus().entrySet()) {
                Growth g = e.getValue().get("flow_limit_count");
                if (g == null) {
                    continue;
                }
                applicable = true;
                if (g.positive()) {
                    limited.add("CPU" + e.getKey() + " " + g.number());
                    g.spans().forEach(b::evidence);
                    any = g;
                }
            }
            if (any == null) {
                continue;
            }
            Lookup.sysctl(c, "net.core.flow_limit_cpu_bitmap").ifPresent(o -> b.evidence(o.fact().span()));
            out.add(b.severity(any.isDelta() ? Severity.WARNING : Severity.INFO)
                    .summary("The backlog flow limiter dropped packets of heavy flows: flow_limit_count " + String.join("; ", limited)
                            + any.period() + " (softnet_stat column 11, counted on the CPU that enqueued them; the drops also appear in "
                            + "column 2 of the target CPU).")
                    .confidence(any.confidence(), any.confidenceReason())
                    .explanation("With net.core.flow_limit_cpu_bitmap set, a CPU whose backlog is more than half full "
                            + "drops packets of the flows that take most of it, so that small flows still get through. "
                            + "One elephant flow is being limited; that is the feature working, but its sender loses packets.")
                    .fix(new Remediation("sysctl net.core.flow_limit_cpu_bitmap net.core.flow_limit_table_len",
                            "check which CPUs limit flows; raise net.core.netdev_max_backlog or spread the flow's "
                                    + "processing (RPS/RFS) if the heavy flow matters", null, null))
                    .build());
        }
        if (!applicable) {
            return CheckResult.missing("/proc/net/softnet_stat with flow_limit_count (kernel 3.11+)");
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.BACKLOG, "Flow limit: no drops").severity(Severity.OK)
                    .summary("The backlog flow limiter dropped nothing (flow_limit_count 0 or unchanged).")
                    .confidence(Confidence.HIGH, "softnet_stat read").build());
        }
        return CheckResult.of(out);
    }
}
