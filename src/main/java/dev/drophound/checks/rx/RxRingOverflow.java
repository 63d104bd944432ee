package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Fixes;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Judge;
import dev.drophound.checks.Words;
import dev.drophound.facts.IfStat;
import dev.drophound.facts.RingParameters;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Frames the NIC could not hand to the host: the RX ring had no free descriptor (rx_missed_errors,
 * rx_no_buffer_count, mlx5 rx_out_of_buffer, ...) or the NIC's own FIFO/port buffer overflowed
 * (rx_fifo_errors, rx_over_errors, rx_discards_phy, ...). Fix: a larger ring up to the driver's maximum,
 * and enough CPU for the receive softirq.
 */
public final class RxRingOverflow implements Check {

    public static final String ID = "nic.rx-ring-overflow";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "NIC and RX ring overflows (missed, no buffer, FIFO)";
    }

    @Override
    public Stage stage() {
        return Stage.NIC;
    }

    @Override
    public CheckResult run(Case c) {
        NicView nic = new NicView(c);
        List<Finding> out = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        Finding.Builder quiet = Finding.builder(ID, Stage.NIC, "NIC RX rings: no overflow");
        for (String iface : nic.interfaces()) {
            List<Item> items = new ArrayList<>();
            for (String name : List.of(IfStat.RX_MISSED, IfStat.RX_FIFO, IfStat.RX_OVER)) {
                nic.iface(iface, name).ifPresent(g -> items.add(new Item(name, g, name.equals(IfStat.RX_MISSED)
                        ? DriverCounters.Kind.RING_FULL : DriverCounters.Kind.NIC_BUFFER, null)));
            }
            for (NicView.DriverGrowth d : nic.driverCounters(iface,
                    EnumSet.of(DriverCounters.Kind.RING_FULL, DriverCounters.Kind.NIC_BUFFER))) {
                items.add(new Item(d.name(), d.growth(), d.meaning().kind(), d.topQueue()));
            }
            if (items.isEmpty()) {
                continue;
            }
            checked.add(iface);
            List<Item> grew = items.stream().filter(i -> i.growth().positive()).toList();
            if (grew.isEmpty()) {
                items.get(0).growth().spans().forEach(quiet::evidence);
                continue;
            }
            out.add(finding(nic, iface, grew));
        }
        if (checked.isEmpty()) {
            return CheckResult.missing("ip -s -s link, /proc/net/dev or ethtool -S <interface> (missed/fifo/no-buffer counters)");
        }
        if (out.size() < checked.size()) {
            out.add(quiet.severity(Severity.OK)
                    .summary("No RX ring or NIC buffer overflow on " + String.join(", ", checked.stream()
                            .filter(i -> out.stream().noneMatch(f -> f.title().contains(i))).toList()) + ".")
                    .confidence(Confidence.HIGH, "missed/fifo/no-buffer counters read").build());
        }
        return CheckResult.of(out);
    }

    private record Item(String name, Growth growth, DriverCounters.Kind kind, String topQueue) {
    }

    private Finding finding(NicView nic, String iface, List<Item> grew) {
        Item worst = grew.stream().max(Comparator.comparingLong(i -> i.growth().increase())).orElseThrow();
        Long received = nic.received(iface);
        Severity severity = Judge.loss(worst.growth(), received);
        List<String> parts = new ArrayList<>();
        boolean nicBuffer = false;
        boolean ringFull = false;
        Finding.Builder b = Finding.builder(ID, Stage.NIC, "RX ring / NIC buffer overflow on " + iface);
        for (Item i : grew) {
            parts.add(i.name() + " " + i.growth().amount()
                    + (i.topQueue() != null ? ", most on " + i.topQueue() : ""));
            i.growth().spans().forEach(b::evidence);
            nicBuffer |= i.kind() == DriverCounters.Kind.NIC_BUFFER;
            ringFull |= i.kind() == DriverCounters.Kind.RING_FULL;
        }
        String driver = nic.driver(iface).map(d -> " (" + d + ")").orElse("");
        b.severity(severity)
                .summary(iface + driver + " dropped frames before the kernel saw them: " + String.join("; ", parts)
                        + (received != null && received > 0 ? "; " + Words.percent(Judge.share(worst.growth().increase(), received))
                        + " of " + Words.count(received) + " packets received" : "") + ".")
                .loss(worst.growth().loss())
                .confidence(worst.growth().confidence(), worst.growth().confidenceReason())
                .explanation((ringFull ? "The NIC had no free RX descriptor: the driver did not refill the ring fast "
                        + "enough, because the CPU handling this queue was busy (see time_squeeze) or the ring is "
                        + "small for the bursts. " : "")
                        + (nicBuffer ? "The NIC's own FIFO or port buffer overflowed before DMA: the host did not take "
                        + "frames off the NIC fast enough (PCIe bandwidth, a ring that is full), or flow control is off. " : ""));
        Optional<RingParameters> ring = nic.ring(iface);
        if (ring.isPresent() && ring.get().rxCurrent() != null && ring.get().rxMax() != null) {
            RingParameters r = ring.get();
            if (r.rxCurrentSpan() != null) {
                b.evidence(r.rxMaxSpan() != null ? r.rxMaxSpan().join(r.rxCurrentSpan()) : r.rxCurrentSpan());
            }
            if (r.rxCurrent() < r.rxMax()) {
                b.fix(Fixes.ring(iface, r.rxMax(), "the RX ring has " + Words.count(r.rxCurrent())
                        + " descriptors of a possible " + Words.count(r.rxMax()) + "; a larger ring absorbs longer bursts"));
            } else {
                b.fix(new Remediation("ethtool -l " + iface + "; ethtool -x " + iface,
                        "the RX ring is already at its maximum (" + Words.count(r.rxMax()) + "): spread the load over "
                                + "more queues and CPUs (RSS, IRQ affinity) or give the receive softirq more budget",
                        null, null));
            }
        } else {
            b.fix(new Remediation("ethtool -g " + iface, "shows the RX ring size and its maximum; then raise it with "
                    + "ethtool -G " + iface + " rx <maximum>", null, null));
        }
        if (nicBuffer) {
            b.next("check flow control (ethtool -a " + iface + ") and the PCIe link (lspci -vv: LnkSta width and speed)");
        }
        b.next("see whether the CPU serving the queue is saturated: /proc/net/softnet_stat time_squeeze, "
                + "/proc/interrupts for " + iface);
        return b.build();
    }
}
