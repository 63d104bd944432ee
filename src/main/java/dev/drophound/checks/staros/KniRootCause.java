package dev.drophound.checks.staros;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.facts.DiHeartbeat;
import dev.drophound.facts.IftaskStats;
import dev.drophound.facts.StarosEvent;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 4 of seed 000, the question it asks: is StarOS (iftask) dropping, or is the host's hardware driver failing to
 * release buffers? DI-network degradation around one card without growth of user-space KNI drops points below the
 * application (the host's NIC/VF driver or firmware); KNI drops growing in iftask point at the application. With part
 * of the evidence the answer is hedged and says what to collect.
 */
public final class KniRootCause implements Check {

    public static final String ID = "staros.kni-cause";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "StarOS KNI out of memory: application or host driver";
    }

    @Override
    public Stage stage() {
        return Stage.STAROS;
    }

    @Override
    public CheckResult run(Case c) {
        List<StarosEvent> kni = c.facts(StarosEvent.class).stream()
                .filter(e -> e.kind() != StarosEvent.Kind.GTPC_PATH_FAILURE).toList();
        DiNetwork di = DiNetwork.of(c);
        boolean iftask = !c.facts(IftaskStats.class).isEmpty();
        if (kni.isEmpty() && di.isEmpty() && !iftask) {
            return CheckResult.missing("the StarOS syslog (KNI: Out of memory), show cloud monitor outputs or "
                    + "show iftask stats");
        }
        IftaskKniDrops.Result drops = iftask ? IftaskKniDrops.evaluate(c) : null;
        Optional<Integer> hub = di.isEmpty() ? Optional.empty() : di.hub();
        boolean degraded = !di.isEmpty() && (!di.badHeartbeats().isEmpty()
                || di.control.stream().anyMatch(DiNetwork::lossy) || di.data.stream().anyMatch(DiNetwork::lossy));
        String symptom = kni.isEmpty() ? "" : " KNI out-of-memory errors on " + String.join(", ", kni.stream()
                .map(e -> e.port() + " (socket " + e.socket() + ")").distinct().toList()) + ": " + kni.size()
                + (kni.size() == 1 ? " line." : " lines.");
        Finding.Builder b;
        List<String> missing = new ArrayList<>();
        if (kni.isEmpty()) {
            missing.add("the StarOS syslog with the KNI: Out of memory lines (show logs, or the debug shell's iftask log)");
        }
        if (di.isEmpty()) {
            missing.add("show cloud monitor di-network detail, show cloud monitor controlplane and dataplane");
        }
        if (!iftask) {
            missing.add("show iftask stats, twice a few minutes apart");
        } else if (drops.samples() < 2 && !drops.kniAllZero()) {
            missing.add("a second show iftask stats a few minutes after the first");
        }
        if (drops != null && drops.kniGrew()) {
            b = Finding.builder(ID, Stage.STAROS, "Application level: iftask drops KNI packets")
                    .severity(Severity.CRITICAL)
                    .summary("Application level (StarOS iftask), not the host: user-space KNI drops grow between the "
                            + "iftask samples (" + String.join(", ", drops.kniGrowth().entrySet().stream()
                                    .filter(e -> e.getValue() > 0).map(e -> e.getKey() + " +" + e.getValue()).toList())
                            + ")" + (degraded && hub.isPresent() ? "; the DI network is degraded around card " + hub.get()
                                    + " as well" : degraded ? "; the DI network is degraded as well" : "")
                            + "." + symptom);
            b.fix(new Remediation("show iftask stats (again, per card) and show support details",
                    "the card whose kni_drops grow is where iftask's KNI pool runs short; the pool sizing is iftask's "
                            + "(a Cisco TAC case with these samples)", null, null));
            b.confidence(Confidence.HIGH, "KNI drop counters compared across samples");
        } else if (degraded && drops != null && (drops.samples() >= 2 || drops.kniAllZero())) {
            b = Finding.builder(ID, Stage.STAROS, "Host driver fault, not StarOS").severity(Severity.CRITICAL);
            String where = hub.map(h -> DiNetworkHealth.describe(di, h)).orElse("The DI network is degraded.");
            b.summary("Host driver fault, not StarOS: " + lower(where.substring(0, where.length() - 1)) + ", while "
                    + "user-space KNI drops " + (drops.samples() >= 2 ? "stay at "
                            + (drops.kniAllZero() ? "0" : "the same count") + " across the " + drops.samples()
                            + " iftask samples" : "are 0 since iftask started (one iftask sample)") + "." + symptom
                    + " A host reload clears it only for a while.");
            String card = hub.map(h -> "card " + h + "'s").orElse("the affected cards'");
            b.fix(new Remediation("ethtool -i <PF interface>   (on " + card + " compute host)",
                    "the NIC's physical-function driver and firmware versions: check them, and the VF driver in the "
                            + "guest, against the versions supported together for VPC-DI; a mismatched or faulty driver "
                            + "does not release the VF's buffers", null, null));
            b.fix(new Remediation("dmesg | grep -i -E 'i40e|ice|ixgbe|mlx5|vf'   (on that host)",
                    "driver errors, VF resets and TX hangs on the host", null, null));
            b.next("Offloading " + card + " VM to another compute host (or reloading the host) clears the symptom for a "
                    + "while; the lasting fix is the driver/firmware pairing.");
            b.confidence(drops.samples() >= 2 ? Confidence.HIGH : Confidence.MEDIUM, drops.samples() >= 2
                    ? "DI loss around one card and no KNI drop growth across samples"
                    : "DI loss around one card; KNI drops 0 in one sample (counts since iftask started)");
        } else if (degraded) {
            b = Finding.builder(ID, Stage.STAROS, "Probably below StarOS: DI network degraded").severity(Severity.WARNING);
            String where = hub.map(h -> DiNetworkHealth.describe(di, h)).orElse("The DI network is degraded.");
            b.summary("Probably the host, not StarOS: " + lower(where) + symptom + " Whether iftask itself drops "
                    + "cannot be told without " + String.join("; ", missing) + ".");
            b.confidence(Confidence.MEDIUM, "no user-space counters in the evidence");
        } else if (!di.isEmpty()) {
            b = Finding.builder(ID, Stage.STAROS, "DI network healthy").severity(kni.isEmpty() ? Severity.OK
                    : Severity.WARNING);
            b.summary("The DI network is healthy" + (drops != null && !drops.kniGrew() ? " and iftask's KNI drops do "
                    + "not grow" : "") + ": no sign of a host driver fault." + symptom + (kni.isEmpty() ? ""
                            : " KNI out-of-memory errors without either are bursts from the kernel side (large SFTP/SCP "
                                    + "or CF-SF transfers) that the pool absorbed through its backup pool."));
            b.confidence(Confidence.MEDIUM, "monitors read at one moment");
        } else {
            b = Finding.builder(ID, Stage.STAROS, "KNI out of memory: cause not yet told").severity(Severity.WARNING);
            b.summary("Cannot yet tell whether StarOS or the host's driver is at fault." + symptom
                    + (drops != null ? " iftask: " + (drops.kniGrew() ? "KNI drops grow." : "no KNI drop growth seen.")
                            : "") + " Collect " + String.join("; ", missing) + ".");
            b.confidence(Confidence.LOW, "part of the evidence");
        }
        String timeline = timeline(c);
        if (!timeline.isEmpty()) {
            b.summary(b.build().summary() + " " + timeline);
        }
        kni.stream().limit(2).forEach(e -> b.evidence(e.span()));
        hub.ifPresent(h -> di.toward(h).bad().stream().limit(2).map(DiHeartbeat::span).forEach(b::evidence));
        if (drops != null) {
            drops.last().stream().filter(s -> s.lines().containsKey("kni_drops")).limit(2)
                    .forEach(s -> b.evidence(s.lines().get("kni_drops")));
        }
        b.explanation("iftask's KNI pool runs dry either because iftask cannot keep up (its own KNI drop counters grow) "
                + "or because buffers are not released below it: a bare-metal NIC driver gives each virtual function a "
                + "fixed set of buffers, and a mismatched or faulty PF/VF driver that does not free them starves the "
                + "card's DI traffic. Loss around one card on the DI network with clean iftask counters is the "
                + "second.");
        if (!missing.isEmpty() && b.build().severity() != Severity.OK) {
            b.next("Also collect: " + String.join("; ", missing) + ".");
        }
        return CheckResult.of(List.of(b.build()));
    }

    /**
     * The evidence on one clock: KNI errors, GTP-C failures and the monitor outputs in UTC (as each format gives its
     * zone, or as logged when it gives none), so the operator sees whether they are the same episode.
     */
    static String timeline(Case c) {
        java.util.TreeMap<java.time.Instant, String> at = new java.util.TreeMap<>();
        for (StarosEvent e : c.facts(StarosEvent.class)) {
            java.time.Instant t = KniOutOfMemory.when(e);
            if (t != null) {
                at.merge(t, e.kind() == StarosEvent.Kind.GTPC_PATH_FAILURE ? "GTP-C path failure" : "KNI out of memory",
                        (a, x) -> a);
            }
        }
        for (dev.drophound.facts.LogTime t : monitorTimes(c)) {
            at.merge(t.wallClock(), "DI monitors read", (a, x) -> a);
        }
        if (at.size() < 2) {
            return "";
        }
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneOffset.UTC);
        List<String> parts = new ArrayList<>();
        String previous = null;
        for (var e : at.entrySet()) {
            if (!e.getValue().equals(previous)) {
                parts.add(e.getValue() + " " + f.format(e.getKey()));
            }
            previous = e.getValue();
        }
        java.time.Duration span = java.time.Duration.between(at.firstKey(), at.lastKey());
        return "Timeline (UTC): " + String.join("; ", parts) + (span.toDays() >= 1 ? " (" + span.toDays()
                + " days from first to last: not one episode; collect the syslog and the monitors from the same hour)"
                : "") + ".";
    }

    private static List<dev.drophound.facts.LogTime> monitorTimes(Case c) {
        List<dev.drophound.facts.LogTime> out = new ArrayList<>();
        c.facts(DiHeartbeat.class).stream().map(DiHeartbeat::at).filter(t -> t != null && t.wallClock() != null)
                .findFirst().ifPresent(out::add);
        c.facts(dev.drophound.facts.DiPathStats.class).stream().map(dev.drophound.facts.DiPathStats::at)
                .filter(t -> t != null && t.wallClock() != null).forEach(out::add);
        return out;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
