package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Judge;
import dev.drophound.checks.Words;
import dev.drophound.facts.IfStat;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Series;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * An interface's RX "dropped": frames the driver or the core stack dropped after the NIC delivered them.
 * Not a ring overflow (that is missed/no-buffer): unknown protocol or VLAN, a full backlog on veth/tun,
 * a driver's own reasons. {@code ifconfig}, {@code netstat -i} and {@code /proc/net/dev} print
 * rx_dropped + rx_missed_errors as one number: the breakdown needs {@code ip -s -s link}.
 */
public final class InterfaceRxDropped implements Check {

    public static final String ID = "nic.rx-dropped";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Interface RX dropped (driver and core drops)";
    }

    @Override
    public Stage stage() {
        return Stage.NIC;
    }

    @Override
    public CheckResult run(Case c) {
        NicView nic = new NicView(c);
        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        long backlogDrops = backlogDropsInWindow(c);
        for (String iface : nic.interfaces()) {
            Optional<Growth> exact = nic.iface(iface, IfStat.RX_DROPPED);
            Optional<Growth> composite = nic.iface(iface, IfStat.RX_DROPPED_AND_MISSED);
            Optional<Growth> chosen = exact.isPresent() ? exact : composite;
            List<NicView.DriverGrowth> driver = nic.driverCounters(iface, EnumSet.of(DriverCounters.Kind.DROPPED));
            if (chosen.isEmpty() && driver.isEmpty()) {
                continue;
            }
            Growth g = chosen.orElse(driver.isEmpty() ? null : driver.get(0).growth());
            if (g == null || !g.positive()) {
                fine.add(iface);
                continue;
            }
            boolean withMissed = exact.isEmpty() && composite.isPresent();
            Long received = nic.received(iface);
            boolean backlog = g.isDelta() && backlogDrops > 0;
            Severity severity = backlog ? Severity.INFO : Judge.loss(g, received);
            Finding.Builder b = Finding.builder(ID, Stage.NIC, "RX dropped on " + iface)
                    .severity(severity)
                    .summary(iface + " RX dropped " + g.amount() + " " + g.cite()
                            + (received != null && received > 0 ? ", " + Words.percent(Judge.share(g.increase(), received))
                            + " of " + Words.count(received) + " packets received" : "")
                            + (withMissed ? " (this column adds rx_missed_errors: ip -s -s link tells them apart)" : "")
                            + (backlog ? ". In the same window the per-CPU backlog dropped " + Words.count(backlogDrops)
                            + " packets: on veth, tun and loopback a full backlog is counted here too, so these are "
                            + "most likely the same drops" : "") + ".")
                    .loss(g.loss())
                    .confidence(g.confidence(), g.confidenceReason())
                    .explanation("rx_dropped counts frames the driver or the core stack dropped after the NIC delivered "
                            + "them: no handler for the protocol or VLAN, a full per-CPU backlog on veth/tun/loopback, "
                            + "or driver-specific reasons. A full RX ring is counted elsewhere (missed, no buffer).")
                    .fix(new Remediation("ip -s -s link show dev " + iface + "; ethtool -S " + iface,
                            "the per-reason breakdown (missed, fifo, nohandler) and the driver's own counters say which "
                                    + "drop this is", null, null));
            g.spans().forEach(b::evidence);
            nic.iface(iface, IfStat.RX_NOHANDLER).filter(Growth::positive).ifPresent(n -> {
                b.next("rx_nohandler " + n.amount() + ": frames for protocols nothing handles (LLDP, an unconfigured "
                        + "VLAN, an unknown EtherType); harmless unless that traffic is expected");
                n.spans().forEach(b::evidence);
            });
            out.add(b.build());
        }
        if (out.isEmpty() && fine.isEmpty()) {
            return CheckResult.missing("ip -s link, /proc/net/dev, ifconfig or netstat -i");
        }
        if (!fine.isEmpty()) {
            out.add(Finding.builder(ID, Stage.NIC, "Interface RX dropped: none").severity(Severity.OK)
                    .summary("No RX drops on " + String.join(", ", fine) + ".")
                    .confidence(Confidence.HIGH, "interface counters read").build());
        }
        return CheckResult.of(out);
    }

    static long backlogDropsInWindow(Case c) {
        long total = 0;
        for (Series s : c.series(k -> k.kind().equals("softnet") && k.name().equals("dropped"))) {
            if (s.points().size() > 1) {
                total += s.change().increase();
            }
        }
        return total;
    }
}
