package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Fixes;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Judge;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Loss;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Frames dropped because a CPU's input backlog (the per-CPU queue netif_rx and RPS fill) was full:
 * {@code /proc/net/softnet_stat} column 2. The queue holds net.core.netdev_max_backlog packets.
 */
public final class BacklogDrops implements Check {

    public static final String ID = "backlog.softnet-drops";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Per-CPU input backlog (softnet_stat dropped)";
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
            List<String> dropping = new ArrayList<>();
            Finding.Builder b = Finding.builder(ID, Stage.BACKLOG, "Per-CPU backlog overflow");
            Growth worst = null;
            long processed = cap.total("processed");
            for (Map.Entry<Integer, Map<String, Growth>> e : cap.cpus().entrySet()) {
                Growth g = e.getValue().get("dropped");
                if (g == null || !g.positive()) {
                    continue;
                }
                String rps = "";
                Growth r = e.getValue().get("received_rps");
                if (r != null && r.positive()) {
                    rps = " (woken by RPS " + Words.count(r.increase()) + " times)";
                }
                dropping.add("CPU" + e.getKey() + " " + g.number() + rps);
                g.spans().forEach(b::evidence);
                if (worst == null || g.increase() > worst.increase()) {
                    worst = g;
                }
            }
            long dropped = cap.total("dropped");
            if (worst == null) {
                Finding.Builder ok = Finding.builder(ID, Stage.BACKLOG, "Per-CPU backlog: no drops")
                        .severity(Severity.OK)
                        .summary("No CPU's input backlog overflowed" + (cap.isDelta() ? " in the window" : "")
                                + " (softnet_stat dropped " + (cap.isDelta() ? "+0" : "0") + " on "
                                + cap.cpus().size() + " CPUs).")
                        .confidence(cap.isDelta() ? Confidence.HIGH : Confidence.MEDIUM, "softnet_stat read");
                cap.cpus().values().stream().map(m -> m.get("dropped")).filter(g -> g != null).findFirst()
                        .ifPresent(g -> g.spans().forEach(ok::evidence));
                out.add(ok.build());
                continue;
            }
            Double rate = worst.change().interval() == null || worst.change().interval().isZero() ? null
                    : dropped / (worst.change().interval().toMillis() / 1000.0);
            Severity severity = Judge.loss(worst.isDelta(), dropped, rate, processed + dropped, 0);
            OptionalLong backlog = Lookup.sysctlLong(c, "net.core.netdev_max_backlog");
            Lookup.sysctl(c, "net.core.netdev_max_backlog").ifPresent(o -> b.evidence(o.fact().span()));
            long target = backlog.isPresent() && backlog.getAsLong() >= 1000 ? Math.min(backlog.getAsLong() * 2, 65536) : 1000;
            b.severity(severity)
                    .summary("Packets were dropped because a CPU's input backlog was full: " + String.join("; ", dropping)
                            + worst.period() + " (softnet_stat column 2" + (captures.size() > 1 ? ", " + cap.subject() : "") + ")"
                            + (backlog.isPresent() ? "; net.core.netdev_max_backlog is " + Words.count(backlog.getAsLong()) : "")
                            + ".")
                    .loss(new Loss(dropped, rate,
                            worst.change().interval() == null ? null : worst.change().interval().toMillis() / 1000.0,
                            !worst.isDelta(), "softnet_stat dropped"))
                    .confidence(worst.confidence(), worst.confidenceReason())
                    .explanation("netif_rx() (veth, tun, loopback, drivers without NAPI) and RPS put packets on the "
                            + "target CPU's input queue; it holds net.core.netdev_max_backlog packets and drops the "
                            + "rest. Drops concentrated on one CPU that RPS steers to, or that handles one busy queue, "
                            + "mean that CPU cannot keep up. veth counts these drops again as RX dropped on the "
                            + "receiving end and TX dropped on its peer: do not add them up.")
                    .fix(Fixes.sysctl("net.core.netdev_max_backlog", target,
                            "a longer input queue per CPU absorbs bursts (default 1000"
                                    + (backlog.isPresent() ? ", now " + Words.count(backlog.getAsLong()) : "") + ")",
                            "memory for queued packets per CPU while it is full, and added queueing latency under overload"))
                    .next("if one CPU takes the drops, spread the work: more RSS queues (ethtool -L <if> combined N), "
                            + "IRQ affinity, or RPS over several CPUs (/sys/class/net/<if>/queues/rx-N/rps_cpus)");
            if (!worst.isDelta()) {
                b.next("take a second sample of /proc/net/softnet_stat to see whether the drops are still happening");
            }
            out.add(b.build());
        }
        return CheckResult.of(out);
    }
}
