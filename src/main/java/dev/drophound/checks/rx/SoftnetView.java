package dev.drophound.checks.rx;

import dev.drophound.checks.Growth;
import dev.drophound.facts.SoftnetCpu;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import dev.drophound.model.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /proc/net/softnet_stat} as the backlog checks need it: per subject (one capture series), per CPU,
 * the growth of each counter. Subjects are kept apart so that two experiments in one folder are not mixed.
 */
final class SoftnetView {

    /** One capture series: CPU -> counter name -> growth. */
    record Capture(String subject, Map<Integer, Map<String, Growth>> cpus) {

        long total(String counter) {
            return cpus.values().stream().map(m -> m.get(counter)).filter(g -> g != null)
                    .mapToLong(Growth::increase).sum();
        }

        Growth growth(int cpu, String counter) {
            return cpus.getOrDefault(cpu, Map.of()).get(counter);
        }

        boolean isDelta() {
            return cpus.values().stream().flatMap(m -> m.values().stream()).anyMatch(Growth::isDelta);
        }
    }

    static List<Capture> of(Case c) {
        Map<String, Map<Integer, Map<String, Growth>>> bySubject = new LinkedHashMap<>();
        for (Observed<SoftnetCpu> o : c.all(SoftnetCpu.class)) {
            bySubject.computeIfAbsent(o.subject(), k -> new TreeMap<>()).computeIfAbsent(o.fact().cpu(), k -> new LinkedHashMap<>());
        }
        List<Capture> out = new ArrayList<>();
        bySubject.forEach((subject, cpus) -> {
            for (Map.Entry<Integer, Map<String, Growth>> e : cpus.entrySet()) {
                for (String counter : List.of("processed", "dropped", "time_squeeze", "received_rps", "flow_limit_count")) {
                    for (Series s : c.series(SoftnetCpu.key(e.getKey(), counter))) {
                        if (s.subject().equals(subject)) {
                            e.getValue().put(counter, Growth.of(s, "softnet_stat CPU" + e.getKey() + " " + counter));
                        }
                    }
                }
            }
            out.add(new Capture(subject, cpus));
        });
        return out;
    }

    private SoftnetView() {
    }
}
