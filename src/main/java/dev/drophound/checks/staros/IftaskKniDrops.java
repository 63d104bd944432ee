package dev.drophound.checks.staros;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.IftaskStats;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 3 of seed 000: do user-space drops grow in iftask? Across two or more {@code show iftask stats} samples per card
 * (ordered by the date under each banner), the growth of {@code kni_drops}, {@code kni_thread_drops},
 * {@code __ALL_DROPS__} and every other {@code *_drops} counter. Discards ({@code __DISCARDS__},
 * {@code __BOND_DISCARDS__}) are not drops and are said to be so.
 */
public final class IftaskKniDrops implements Check {

    public static final String ID = "staros.kni-drops";
    static final List<String> KNI = List.of("kni_drops", "kni_thread_drops");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "StarOS user-space KNI drops (show iftask stats)";
    }

    @Override
    public Stage stage() {
        return Stage.STAROS;
    }

    /** What the iftask samples say about user-space drops. */
    record Result(int samples, Map<String, Long> kniGrowth, Map<String, Long> otherGrowth, Map<String, Long> kniLatest,
            List<IftaskStats> first, List<IftaskStats> last) {

        boolean kniGrew() {
            return kniGrowth.values().stream().anyMatch(v -> v > 0);
        }

        boolean kniAllZero() {
            return kniLatest.values().stream().allMatch(v -> v == 0);
        }
    }

    /** Samples per card in time order; growth between the first and the last of each card. */
    static Result evaluate(Case c) {
        Map<String, List<IftaskStats>> byCard = new LinkedHashMap<>();
        for (IftaskStats s : c.facts(IftaskStats.class)) {
            byCard.computeIfAbsent(s.card(), k -> new ArrayList<>()).add(s);
        }
        int samples = 0;
        Map<String, Long> kni = new LinkedHashMap<>();
        Map<String, Long> other = new LinkedHashMap<>();
        Map<String, Long> latest = new LinkedHashMap<>();
        List<IftaskStats> firsts = new ArrayList<>();
        List<IftaskStats> lasts = new ArrayList<>();
        for (Map.Entry<String, List<IftaskStats>> e : byCard.entrySet()) {
            List<IftaskStats> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparing((IftaskStats s) -> s.at() == null ? null : s.at().wallClock(),
                    Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
            samples = Math.max(samples, list.size());
            IftaskStats a = list.get(0);
            IftaskStats z = list.get(list.size() - 1);
            firsts.add(a);
            lasts.add(z);
            String where = e.getKey().equals("TOTAL") ? "in total" : "on card " + e.getKey();
            for (Map.Entry<String, Long> v : z.values().entrySet()) {
                String name = v.getKey();
                boolean drop = name.endsWith("_drops") || name.equals("__ALL_DROPS__");
                if (!drop) {
                    continue;
                }
                if (KNI.contains(name)) {
                    latest.put(name + " " + where, v.getValue());
                }
                if (list.size() < 2 || !a.values().containsKey(name)) {
                    continue;
                }
                long growth = v.getValue() - a.values().get(name);
                (KNI.contains(name) ? kni : other).put(name + " " + where, growth);
            }
        }
        return new Result(samples, kni, other, latest, firsts, lasts);
    }

    @Override
    public CheckResult run(Case c) {
        if (c.facts(IftaskStats.class).isEmpty()) {
            return CheckResult.missing("show iftask stats (two samples a few minutes apart)");
        }
        Result r = evaluate(c);
        List<Finding> out = new ArrayList<>();
        IftaskStats any = r.last().get(0);
        String discards = discards(r.last());
        if (r.kniGrew()) {
            List<String> grew = r.kniGrowth().entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + Words.signed(e.getValue())).toList();
            Finding.Builder b = Finding.builder(ID, Stage.STAROS, "User-space KNI drops grow")
                    .severity(Severity.WARNING)
                    .summary("User-space KNI drops grow between the " + r.samples() + " iftask samples: "
                            + String.join(", ", grew) + ". " + discards);
            evidence(b, r);
            b.confidence(Confidence.HIGH, "counters compared across samples");
            out.add(b.build());
        } else {
            StringBuilder s = new StringBuilder();
            if (r.samples() >= 2) {
                s.append("User-space KNI drops did not grow across the ").append(r.samples())
                        .append(" iftask samples");
            } else {
                s.append("One iftask sample: ");
            }
            if (r.kniAllZero()) {
                s.append(r.samples() >= 2 ? " (kni_drops and kni_thread_drops stay at 0)" : "kni_drops and "
                        + "kni_thread_drops are 0 since iftask started");
            } else {
                s.append(r.samples() >= 2 ? "" : "KNI drops since iftask started: " + String.join(", ",
                        r.kniLatest().entrySet().stream().map(e -> e.getKey() + " " + Words.count(e.getValue())).toList())
                        + "; a second sample tells whether they grow");
            }
            s.append(". ").append(discards);
            Finding.Builder b = Finding.builder(ID, Stage.STAROS, "No user-space KNI drops")
                    .severity(r.samples() < 2 && !r.kniAllZero() ? Severity.INFO : Severity.OK)
                    .summary(s.toString().replace(". .", ".").strip());
            evidence(b, r);
            b.confidence(r.samples() >= 2 || r.kniAllZero() ? Confidence.HIGH : Confidence.MEDIUM,
                    r.samples() >= 2 ? "counters compared across samples" : "one sample, counts since iftask started");
            if (r.samples() < 2) {
                b.next("Take show iftask stats again a few minutes later: growth between two samples is what counts.");
            }
            out.add(b.build());
        }
        if (any == null) {
            return CheckResult.missing("show iftask stats");
        }
        return CheckResult.of(out);
    }

    private static void evidence(Finding.Builder b, Result r) {
        for (IftaskStats s : r.last()) {
            for (String name : KNI) {
                if (s.lines().containsKey(name)) {
                    b.evidence(s.lines().get(name));
                }
            }
        }
        if (r.samples() >= 2) {
            for (IftaskStats s : r.first()) {
                if (s.lines().containsKey("kni_drops")) {
                    b.evidence(s.lines().get("kni_drops"));
                }
            }
        }
    }

    /** "__DISCARDS__ 2,324,968 and __BOND_DISCARDS__ 55,635,534 (in total) are discards, not drops ..." */
    static String discards(List<IftaskStats> latest) {
        IftaskStats t = latest.stream().filter(s -> s.card().equals("TOTAL")).findFirst().orElse(latest.get(0));
        List<String> parts = new ArrayList<>();
        for (String n : List.of("__DISCARDS__", "__BOND_DISCARDS__")) {
            Long v = t.values().get(n);
            if (v != null && v > 0) {
                parts.add(n + " " + Words.count(v));
            }
        }
        if (parts.isEmpty()) {
            return "";
        }
        return String.join(" and ", parts) + (t.card().equals("TOTAL") ? " (in total)" : " (card " + t.card() + ")")
                + " are discards, not drops: packets iftask chose not to forward, which say nothing about KNI.";
    }
}
