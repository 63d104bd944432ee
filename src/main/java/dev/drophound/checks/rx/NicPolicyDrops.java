package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Drops the NIC reports that are decided by policy rather than by a full buffer: cloud allowances (AWS ENA
 * *_allowance_exceeded: the hypervisor shaped the instance), XDP programs dropping on purpose, steering misses.
 */
public final class NicPolicyDrops implements Check {

    public static final String ID = "nic.policy-drops";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Drops by policy (XDP, cloud allowances, steering)";
    }

    @Override
    public Stage stage() {
        return Stage.NIC;
    }

    @Override
    public CheckResult run(Case c) {
        NicView nic = new NicView(c);
        List<Finding> out = new ArrayList<>();
        boolean any = false;
        for (String iface : nic.interfacesWithDriverStats()) {
            for (NicView.DriverGrowth d : nic.driverCounters(iface, EnumSet.of(DriverCounters.Kind.XDP, DriverCounters.Kind.POLICY))) {
                any = true;
                if (!d.growth().positive()) {
                    continue;
                }
                boolean allowance = d.name().contains("allowance");
                boolean xdp = d.meaning().kind() == DriverCounters.Kind.XDP;
                Finding.Builder b = Finding.builder(ID, Stage.NIC, (xdp ? "XDP drops" : allowance ? "Cloud allowance exceeded" : "Policy drops") + " on " + iface)
                        .severity(allowance && d.growth().isDelta() ? Severity.WARNING : Severity.INFO)
                        .summary(iface + " " + d.name() + " " + d.growth().amount() + " " + d.growth().cite() + ": "
                                + (xdp ? "an XDP program dropped these on purpose."
                                : allowance ? "the cloud provider dropped packets because the instance exceeded its "
                                + "bandwidth, packet-rate or connection allowance."
                                : "dropped by a NIC policy (no steering rule matched, or RED)."))
                        .confidence(d.growth().confidence(), d.growth().confidenceReason())
                        .loss(d.growth().loss());
                if (allowance) {
                    b.fix(new Remediation("a larger instance type, or spread traffic over more instances",
                            "allowances belong to the instance size; the host cannot tune them away", null, null));
                } else if (xdp) {
                    b.fix(new Remediation("ip link show dev " + iface + " (prog/xdp id); bpftool prog show",
                            "find which XDP program drops and whether it should", null, null));
                }
                d.growth().spans().forEach(b::evidence);
                out.add(b.build());
            }
        }
        if (!any) {
            return CheckResult.missing("ethtool -S with XDP or allowance counters");
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.NIC, "Policy drops: none").severity(Severity.OK)
                    .summary("No XDP, allowance or steering drops.").confidence(Confidence.HIGH, "ethtool -S read").build());
        }
        return CheckResult.of(out);
    }
}
