package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Words;
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
 * One CPU doing nearly all the receive work (softnet_stat processed): the NIC has one queue, RSS hashes
 * everything to one queue, IRQ affinity pins all queues to one CPU, or RPS is off.
 */
public final class ReceiveCpuImbalance implements Check {

    public static final String ID = "backlog.cpu-imbalance";
    static final double SHARE = 0.9;
    static final long MIN_FRAMES = 10_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Spread of receive work over CPUs (softnet_stat processed)";
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
            long total = cap.total("processed");
            if (cap.cpus().size() < 2 || total < MIN_FRAMES) {
                out.add(Finding.builder(ID, Stage.BACKLOG, "Receive work spread: not judged").severity(Severity.OK)
                        .summary(cap.cpus().size() < 2 ? "Only one CPU in softnet_stat: nothing to spread."
                                : "Too few frames processed (" + Words.count(total) + ") to judge how receive work is spread.")
                        .confidence(Confidence.MEDIUM, "softnet_stat read").build());
                continue;
            }
            int top = -1;
            Growth topGrowth = null;
            for (Map.Entry<Integer, Map<String, Growth>> e : cap.cpus().entrySet()) {
                Growth g = e.getValue().get("processed");
                if (g != null && (topGrowth == null || g.increase() > topGrowth.increase())) {
                    top = e.getKey();
                    topGrowth = g;
                }
            }
            double share = (double) topGrowth.increase() / total;
            if (share < SHARE) {
                out.add(Finding.builder(ID, Stage.BACKLOG, "Receive work spread over CPUs").severity(Severity.OK)
                        .summary("Receive work is spread: the busiest CPU (CPU" + top + ") processed "
                                + Words.percent(share) + " of " + Words.count(total) + " frames.")
                        .confidence(Confidence.HIGH, "softnet_stat read").build());
                continue;
            }
            Growth squeeze = cap.growth(top, "time_squeeze");
            Growth dropped = cap.growth(top, "dropped");
            boolean hurting = squeeze != null && squeeze.positive() && squeeze.isDelta()
                    || dropped != null && dropped.positive() && dropped.isDelta();
            Finding.Builder b = Finding.builder(ID, Stage.BACKLOG, "One CPU does nearly all receive work")
                    .severity(hurting ? Severity.WARNING : Severity.INFO)
                    .summary("CPU" + top + " processed " + Words.percent(share) + " of the " + Words.count(total)
                            + " frames received " + (topGrowth.isDelta() ? "in the window" : "since boot")
                            + (squeeze != null && squeeze.positive() ? ", and ran out of budget " + Words.count(squeeze.increase()) + " times" : "")
                            + ": receive processing is not spread over the " + cap.cpus().size() + " CPUs.")
                    .confidence(topGrowth.isDelta() ? Confidence.HIGH : Confidence.MEDIUM,
                            topGrowth.isDelta() ? "frames processed in the window" : "counts since boot")
                    .explanation("Each RX queue's interrupt and NAPI polling run on one CPU. With one queue, an RSS hash "
                            + "that sends every flow to one queue, or all queue interrupts on one CPU, that CPU becomes "
                            + "the bottleneck: it squeezes, its backlog fills and the ring overflows while others idle.")
                    .fix(new Remediation("ethtool -l <interface>; ethtool -x <interface>; grep <interface> /proc/interrupts",
                            "see how many queues the NIC has, how RSS spreads them and where their interrupts go; then "
                                    + "use more queues (ethtool -L <interface> combined N), spread IRQs (irqbalance or "
                                    + "/proc/irq/N/smp_affinity), or enable RPS "
                                    + "(echo <cpu mask> > /sys/class/net/<interface>/queues/rx-0/rps_cpus)",
                            "ethtool -L: as for ring sizes (NetworkManager ethtool.channels-combined, systemd-networkd "
                                    + "[Link] CombinedChannels=); RPS: a udev rule or tuned profile writing rps_cpus at boot",
                            "more queues and CPUs busy with interrupts; RPS costs an inter-processor interrupt per batch"));
            topGrowth.spans().forEach(b::evidence);
            out.add(b.build());
        }
        return CheckResult.of(out);
    }
}
