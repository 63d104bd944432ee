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
 * The driver could not allocate memory for receive buffers (alloc_rx_buff_failed, rx_alloc_fail,
 * rx_buff_alloc_err, ...): the ring runs short and frames are dropped. A memory problem, not a tuning one.
 */
public final class RxAllocFailures implements Check {

    public static final String ID = "nic.rx-alloc-failures";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Driver receive-buffer allocation failures";
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
            List<NicView.DriverGrowth> counters = nic.driverCounters(iface, EnumSet.of(DriverCounters.Kind.ALLOC_FAIL));
            any |= !counters.isEmpty();
            List<NicView.DriverGrowth> grew = counters.stream().filter(d -> d.growth().positive()).toList();
            if (grew.isEmpty()) {
                continue;
            }
            Finding.Builder b = Finding.builder(ID, Stage.NIC, "Receive buffer allocation failures on " + iface);
            List<String> parts = new ArrayList<>();
            boolean delta = false;
            for (NicView.DriverGrowth d : grew) {
                parts.add(d.name() + " " + d.growth().amount());
                d.growth().spans().forEach(b::evidence);
                delta |= d.growth().isDelta();
            }
            out.add(b.severity(delta ? Severity.WARNING : Severity.INFO)
                    .summary("The driver of " + iface + " could not allocate receive buffers: " + String.join("; ", parts)
                            + ". Each failure leaves a ring slot empty, and frames are dropped when the ring runs dry.")
                    .confidence(delta ? Confidence.HIGH : Confidence.LOW, delta ? "grew between samples"
                            : "one sample: counts since the driver loaded")
                    .explanation("Receive buffers are allocated in softirq context, often as higher-order pages; under "
                            + "memory pressure or fragmentation those allocations fail.")
                    .fix(new Remediation("cat /proc/buddyinfo; grep -E 'MemFree|MemAvailable' /proc/meminfo",
                            "free memory and fragmentation decide whether atomic allocations succeed; raising "
                                    + "vm.min_free_kbytes keeps a reserve for them",
                            "vm.min_free_kbytes in " + dev.drophound.checks.Fixes.SYSCTL_FILE,
                            "memory held back from applications"))
                    .build());
        }
        if (!any) {
            return CheckResult.missing("ethtool -S <interface> with allocation-failure counters");
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.NIC, "Driver buffer allocation: no failures").severity(Severity.OK)
                    .summary("No receive-buffer allocation failures in the driver counters.")
                    .confidence(Confidence.HIGH, "ethtool -S read").build());
        }
        return CheckResult.of(out);
    }
}
