package dev.drophound.checks.staros;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.DiHeartbeat;
import dev.drophound.facts.DiPathStats;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Step 2 of seed 000: is the DI network between the VPC-DI cards degraded, around which card, and which way. From
 * {@code show cloud monitor di-network detail} (heartbeats), {@code controlplane} and {@code dataplane} (probes), with the
 * card's role from {@code show session recovery status verbose}.
 */
public final class DiNetworkHealth implements Check {

    public static final String ID = "staros.di-network";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "StarOS DI network between cards";
    }

    @Override
    public Stage stage() {
        return Stage.STAROS;
    }

    @Override
    public CheckResult run(Case c) {
        DiNetwork di = DiNetwork.of(c);
        if (di.isEmpty()) {
            return CheckResult.missing("show cloud monitor di-network detail, controlplane or dataplane");
        }
        Optional<Integer> hub = di.hub();
        List<DiHeartbeat> bad = di.badHeartbeats();
        boolean lossy = !bad.isEmpty() || di.control.stream().anyMatch(DiNetwork::lossy)
                || di.data.stream().anyMatch(DiNetwork::lossy);
        if (!lossy) {
            return CheckResult.of(List.of(Finding.builder(ID, Stage.STAROS, "DI network healthy")
                    .severity(Severity.OK)
                    .summary("DI network healthy: " + di.heartbeats.size() + " heartbeat results Good and no probe loss "
                            + "of " + (int) DiNetwork.LOSS + "% or more (" + (di.control.size() + di.data.size())
                            + " card pairs).")
                    .confidence(Confidence.HIGH, "the monitors' own figures").build()));
        }
        Finding.Builder b;
        if (hub.isPresent()) {
            int h = hub.get();
            String summary = describe(di, h);
            b = Finding.builder(ID, Stage.STAROS, "DI network degraded around card " + h).severity(Severity.WARNING)
                    .summary(summary);
            DiNetwork.Toward t = di.toward(h);
            t.bad().stream().sorted(Comparator.comparing((DiHeartbeat x) -> x.loss60min() == null ? 0 : x.loss60min())
                    .reversed()).limit(3).forEach(x -> b.evidence(x.span()));
            DiNetwork.worst(di.control, 2).forEach(b::evidence);
            DiNetwork.worst(di.data, 2).forEach(b::evidence);
            di.row(h).ifPresent(r -> b.evidence(r.span()));
            b.explanation("Every degraded link touches card " + h + ": the fault is where that card runs (its VM, the "
                    + "host's NIC, PF/VF driver or firmware), not the DI network as a whole, which would degrade "
                    + "pairs at random.");
        } else {
            b = Finding.builder(ID, Stage.STAROS, "DI network degraded").severity(Severity.WARNING)
                    .summary("The DI network is degraded across " + bad.size() + " heartbeat results and "
                            + di.control.stream().filter(DiNetwork::lossy).count() + " controlplane / "
                            + di.data.stream().filter(DiNetwork::lossy).count() + " dataplane pairs, with no single card "
                            + "common to them: a network-wide cause (the DI switch fabric, MTU, overload).");
            bad.stream().limit(3).forEach(x -> b.evidence(x.span()));
        }
        b.confidence(Confidence.HIGH, "the monitors' own loss figures");
        return CheckResult.of(List.of(b.build()));
    }

    /** "The DI network toward card 6 (the Demux card) is degraded: heartbeats to card 6 are Bad from 7 of 11 ..." */
    static String describe(DiNetwork di, int h) {
        String role = di.role(h);
        StringBuilder s = new StringBuilder("The DI network toward card ").append(h)
                .append(role != null ? " (" + role + ")" : "").append(" is degraded");
        List<String> parts = new ArrayList<>();
        DiNetwork.Toward t = di.toward(h);
        if (!t.all().isEmpty()) {
            parts.add("heartbeats to card " + h + " are Bad from " + t.bad().size() + " of " + t.all().size()
                    + " cards (60-min loss up to " + pct(t.worst60()) + ")");
        }
        if (!di.control.isEmpty()) {
            DiNetwork.Direction d = DiNetwork.direction(di.control, h);
            double worst5 = di.control.stream().filter(p -> p.src() == h || p.dst() == h)
                    .mapToDouble(p -> p.windows().size() > 1 ? p.windows().get(1).missPercent() : 0).max().orElse(0);
            parts.add("controlplane probes are lost " + (d.into() > 0 && d.out() > 0 ? "both ways, to and from card " + h
                    : d.into() > 0 ? "into card " + h : "out of card " + h) + " (up to " + pct(worst5) + " over 5 min)");
        }
        if (!di.data.isEmpty()) {
            DiNetwork.Direction d = DiNetwork.direction(di.data, h);
            if (d.oneWayIn()) {
                parts.add("dataplane misses run only into card " + h + " (" + Words.count(d.into()) + " in 60 min from "
                        + d.intoPairs() + " cards, " + Words.count(d.out()) + " out of it): one-directional");
            } else {
                parts.add("dataplane misses: " + Words.count(d.into()) + " into card " + h + ", " + Words.count(d.out())
                        + " out of it");
            }
        }
        if (!parts.isEmpty()) {
            s.append(": ").append(String.join("; ", parts));
        }
        return s.append('.').toString();
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v);
    }

    static long missed(DiPathStats p) {
        return p.windows().get(p.windows().size() - 1).missed();
    }
}
