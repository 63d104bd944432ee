package dev.drophound.findings;

import dev.drophound.checks.CheckRegistry;
import dev.drophound.checks.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes the verdict: the first stage along the path that lost packets, how many, how sure, the first fix.
 * Losses measured between samples outrank counts since boot: old history must not hide what happens now.
 */
public final class VerdictBuilder {

    /** The stages off the packet path, and the one line that says what they would need. */
    private static final java.util.Map<Stage, String> OFF_PATH = java.util.Map.of(
            Stage.MEMORY, "Kernel memory (breakdown, leaks, OOM kills): needs /proc/meminfo or free, "
                    + "/proc/slabinfo or slabtop -o, or a kernel log with OOM reports, SLUB trace or kmemleak",
            Stage.DPDK, "DPDK and OVS-DPDK memory (EAL start-up, hugepages, mbuf pools): needs ovs-vswitchd.log, a "
                    + "DPDK application's output, ovs-vsctl list Open_vSwitch / list Interface, or the hugepage state "
                    + "(/sys/kernel/mm/hugepages, /proc/mounts, dpdk-hugepages.py -s)",
            Stage.STAROS, "StarOS KNI out of memory (application or host driver): needs the StarOS syslog with KNI and "
                    + "GTP-C lines, show cloud monitor di-network detail / controlplane / dataplane, show iftask stats, "
                    + "show session recovery status verbose");

    private VerdictBuilder() {
    }

    public static Verdict build(List<Finding> findings, List<CheckRegistry.Applied> applied, boolean deltas,
            Optional<Duration> window) {
        List<String> checked = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        // memory and DPDK checks without any evidence of theirs are one line each, not six, in a report about
        // packet loss
        java.util.Set<Stage> collapsed = java.util.EnumSet.noneOf(Stage.class);
        for (Stage off : OFF_PATH.keySet()) {
            if (applied.stream().filter(a -> a.check().stage() == off).noneMatch(CheckRegistry.Applied::applicable)) {
                collapsed.add(off);
            }
        }
        java.util.Set<Stage> noted = java.util.EnumSet.noneOf(Stage.class);
        for (CheckRegistry.Applied a : applied) {
            Stage stage = a.check().stage();
            if (a.applicable()) {
                checked.add(a.check().title());
            } else if (collapsed.contains(stage)) {
                if (noted.add(stage)) {
                    notChecked.add(OFF_PATH.get(stage));
                }
            } else {
                notChecked.add(a.check().title() + ": needs " + a.missing());
            }
        }
        Severity worst = findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(Severity.OK);
        List<Finding> problems = findings.stream().filter(f -> f.severity().atLeast(Severity.WARNING)).toList();
        List<Finding> current = problems.stream().filter(f -> f.confidence() != Confidence.LOW).toList();
        List<Finding> lead = new ArrayList<>(current.isEmpty() ? problems : current);
        lead.sort(Comparator.comparing(Finding::stage).thenComparing(Finding::severity, Comparator.reverseOrder()));
        if (lead.isEmpty()) {
            return healthy(findings, applied, checked, notChecked, deltas, window, worst);
        }
        Finding first = lead.get(0);
        StringBuilder s = !first.stage().onPacketPath()
                ? new StringBuilder(first.summary())
                : new StringBuilder("Packets are lost at ").append(first.stage().where()).append(": ")
                        .append(continuing(first.summary()));
        // the sockets that took those drops, named with their process: what the operator acts on
        List<Finding> sockets = lead.stream().filter(f -> f.socket() != null && f.stage() == first.stage()
                && f != first).toList();
        if (!sockets.isEmpty()) {
            s.append(" Sockets dropping: ").append(String.join("; ", sockets.stream().map(VerdictBuilder::socket)
                    .toList())).append('.');
        }
        // one line per kind of problem: the same title from several captures or interfaces is counted once
        java.util.Map<String, List<Finding>> also = new java.util.LinkedHashMap<>();
        for (Finding f : lead.subList(1, lead.size())) {
            if (!sockets.contains(f)) {
                also.computeIfAbsent(f.title(), k -> new ArrayList<>()).add(f);
            }
        }
        List<String> alsoText = new ArrayList<>();
        also.forEach((title, list) -> {
            long packets = list.stream().filter(f -> f.loss() != null).mapToLong(f -> f.loss().packets()).sum();
            boolean cumulative = list.stream().anyMatch(f -> f.loss() != null && f.loss().cumulative());
            boolean counted = list.stream().anyMatch(f -> f.loss() != null);
            List<String> notes = new ArrayList<>();
            if (list.size() > 1) {
                notes.add(list.size() + "x");
            }
            if (counted) {
                notes.add(Words.count(packets) + (cumulative ? " since boot" : ""));
            }
            alsoText.add(title + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
        });
        if (!alsoText.isEmpty()) {
            s.append(" Also: ").append(String.join("; ", alsoText)).append('.');
        }
        if (!current.isEmpty() && current.size() < problems.size()) {
            List<String> older = problems.stream().filter(f -> !current.contains(f))
                    .map(f -> f.title() + (f.loss() != null ? " (" + Words.count(f.loss().packets()) + ")" : "")).toList();
            s.append(" Counts since boot from single samples, not judged as current: ").append(String.join("; ", older))
                    .append('.');
        }
        // a socket whose buffer size is known says more than the protocol counter: raising rmem_max does nothing
        // for an application that set a small SO_RCVBUF or stopped reading (its finding then leads with that)
        Finding fixer = sockets.stream().filter(f -> f.socket().rcvbuf() != null && !f.remediation().isEmpty())
                .findFirst().orElse(first);
        if (!fixer.remediation().isEmpty()) {
            s.append(" First fix: ").append(fixer.remediation().get(0).command()).append('.');
        }
        s.append(" Confidence: ").append(first.confidence().id());
        if (!first.confidenceReason().isEmpty()) {
            s.append(", ").append(first.confidenceReason());
        }
        s.append('.');
        return new Verdict(s.toString(), worst, first.stage(), first.confidence(), checked, notChecked);
    }

    /** "Packets were dropped..." continues a sentence as "packets were dropped..."; "UDP ..." stays. */
    static String continuing(String sentence) {
        if (sentence.length() > 1 && Character.isUpperCase(sentence.charAt(0)) && Character.isLowerCase(sentence.charAt(1))) {
            return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
        }
        return sentence;
    }

    private static String socket(Finding f) {
        SocketRef r = f.socket();
        String where = r.localAddress().contains(":") ? "[" + r.localAddress() + "]:" + r.localPort()
                : r.localAddress() + ":" + r.localPort();
        StringBuilder b = new StringBuilder(r.protocol()).append(' ').append(where);
        if (r.command() != null) {
            b.append(" (").append(r.command()).append(" pid ").append(r.pid()).append(')');
        }
        if (f.loss() != null) {
            b.append(' ').append(f.loss().cumulative() ? Words.count(f.loss().packets()) : Words.signed(f.loss().packets()))
                    .append(" drops");
        }
        return b.toString();
    }

    private static Verdict healthy(List<Finding> findings, List<CheckRegistry.Applied> applied, List<String> checked,
            List<String> notChecked,
            boolean deltas, Optional<Duration> window, Severity worst) {
        StringBuilder s = new StringBuilder();
        if (checked.isEmpty()) {
            s.append("Nothing could be checked: no evidence drophound reads was found.");
            return new Verdict(s.toString(), worst, null, Confidence.LOW, checked, notChecked);
        }
        boolean packetChecks = applied.stream().anyMatch(a -> a.applicable() && a.check().stage().onPacketPath());
        List<Finding> memory = findings.stream().filter(f -> !f.stage().onPacketPath()
                && !f.severity().atLeast(Severity.WARNING)).toList();
        long info = findings.stream().filter(f -> f.severity() == Severity.INFO && f.stage().onPacketPath()).count();
        if (packetChecks && deltas) {
            s.append("No packet loss found: no drop or error counter grew between the samples")
                    .append(window.map(d -> " (" + Words.duration(d) + " apart)").orElse("")).append('.');
        } else if (packetChecks) {
            s.append("No significant packet loss found in a single sample: counters count since boot, so this "
                    + "cannot show what happens now; take a second sample after some traffic to compare.");
        }
        if (info > 0) {
            s.append(' ').append(info).append(info == 1 ? " observation is" : " observations are")
                    .append(" listed as information (older counts or small numbers).");
        }
        if (!memory.isEmpty()) {
            // what the memory checks saw, in their own words: the breakdown, a growth that came back
            s.append(s.isEmpty() ? "" : " ").append(String.join(" ", memory.stream().map(Finding::summary).toList()));
        }
        s.append(" Checked: ").append(checked.size()).append(checked.size() == 1 ? " stage check." : " stage checks.");
        boolean sure = deltas || !packetChecks && memory.stream().allMatch(f -> f.confidence() != Confidence.LOW);
        return new Verdict(s.toString(), worst, null, sure ? Confidence.HIGH : Confidence.LOW, checked, notChecked);
    }
}
