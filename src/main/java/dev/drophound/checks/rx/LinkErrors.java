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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/** Damaged frames: CRC/FCS, alignment, length, jabber and runt errors from the interface and the driver. */
public final class LinkErrors implements Check {

    public static final String ID = "frames.link-errors";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Malformed frames (CRC, frame, length errors)";
    }

    @Override
    public Stage stage() {
        return Stage.FRAMES;
    }

    @Override
    public CheckResult run(Case c) {
        NicView nic = new NicView(c);
        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (String iface : nic.interfaces()) {
            List<Growth> items = new ArrayList<>();
            for (String name : List.of(IfStat.RX_CRC, IfStat.RX_FRAME, IfStat.RX_LENGTH, IfStat.RX_FRAME_ALL)) {
                nic.iface(iface, name).ifPresent(items::add);
            }
            nic.driverCounters(iface, EnumSet.of(DriverCounters.Kind.MALFORMED, DriverCounters.Kind.CHECKSUM))
                    .forEach(d -> items.add(d.growth()));
            if (items.isEmpty()) {
                continue;
            }
            List<Growth> grew = items.stream().filter(Growth::positive).toList();
            if (grew.isEmpty()) {
                fine.add(iface);
                continue;
            }
            Growth worst = grew.stream().max(Comparator.comparingLong(Growth::increase)).orElseThrow();
            Long received = nic.received(iface);
            Finding.Builder b = Finding.builder(ID, Stage.FRAMES, "Malformed frames on " + iface)
                    .severity(Judge.loss(worst, received))
                    .summary(iface + " received damaged frames: " + String.join("; ", grew.stream()
                            .map(g -> g.label().replace(" of " + iface, "") + " " + g.amount()).toList())
                            + (received != null && received > 0 ? " (" + Words.count(received) + " packets received)" : "") + ".")
                    .loss(worst.loss())
                    .confidence(worst.confidence(), worst.confidenceReason())
                    .explanation("CRC/FCS, alignment and symbol errors come from the physical link: a bad cable, "
                            + "optic or transceiver, a dirty fibre, a speed or duplex mismatch, or a faulty switch port. "
                            + "Length errors can also mean an MTU mismatch. Buffers and sysctls do not help.")
                    .fix(new Remediation("ethtool " + iface + "; ethtool -m " + iface,
                            "check negotiated speed/duplex and the transceiver's diagnostics (power levels); then the "
                                    + "cable and the switch port's own error counters", null, null));
            grew.forEach(g -> g.spans().forEach(b::evidence));
            out.add(b.build());
        }
        if (out.isEmpty() && fine.isEmpty()) {
            return CheckResult.missing("ip -s -s link or ethtool -S <interface> (crc/frame/length counters)");
        }
        if (!fine.isEmpty()) {
            out.add(Finding.builder(ID, Stage.FRAMES, "Malformed frames: none").severity(Severity.OK)
                    .summary("No CRC, frame or length errors on " + String.join(", ", fine) + ".")
                    .confidence(Confidence.HIGH, "interface counters read").build());
        }
        return CheckResult.of(out);
    }
}
