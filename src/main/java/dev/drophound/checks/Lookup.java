package dev.drophound.checks;

import dev.drophound.facts.ProtocolCounters;
import dev.drophound.facts.SeriesKey;
import dev.drophound.facts.SysctlSetting;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import dev.drophound.model.Series;
import java.util.Optional;
import java.util.OptionalLong;

/** Common questions checks ask the Case. */
public final class Lookup {
    private Lookup() {
    }

    /** The latest value of a sysctl, with its fact (for quoting). */
    public static Optional<Observed<SysctlSetting>> sysctl(Case c, String name) {
        return Optional.ofNullable(c.latest(SysctlSetting.class, SysctlSetting::name).get(name));
    }

    public static OptionalLong sysctlLong(Case c, String name) {
        return sysctl(c, name).map(o -> o.fact().asLong()).orElse(OptionalLong.empty());
    }

    /** Growth of an SNMP counter, judged on its best series. */
    public static Optional<Growth> snmp(Case c, String group, String name) {
        return c.best(ProtocolCounters.key(group, name)).map(s -> Growth.of(s, label(group, name)));
    }

    /** Growth of another counter in the same subject (same file or command) as {@code ref}, for ratios. */
    public static Optional<Growth> sameSubject(Case c, Series ref, SeriesKey key, String label) {
        return c.series(key).stream().filter(s -> s.subject().equals(ref.subject())).findFirst()
                .map(s -> Growth.of(s, label));
    }

    public static String label(String group, String name) {
        return group + " " + name;
    }
}
