package dev.drophound.facts;

import java.util.List;
import java.util.Optional;

/**
 * One row of {@code /proc/net/softnet_stat}: one online CPU's receive-backlog statistics.
 *
 * <p>Counter names: {@code processed}, {@code dropped} (backlog full, net.core.netdev_max_backlog),
 * {@code time_squeeze} (budget or time ran out with work left), {@code cpu_collision},
 * {@code received_rps} (RPS IPIs), {@code flow_limit_count}; keys are {@code softnet/cpu<N>/<name>}.
 * Gauges (not counters): backlog_len, input_qlen, process_qlen in {@link #gauges()}.
 *
 * @param cpu            the CPU number: column 13 where the kernel prints it (5.10+ and backports),
 *                       otherwise the row index, which is wrong when CPUs are offline
 * @param cpuFromColumn  whether {@code cpu} came from the kernel's own column
 * @param columns        how many columns the row had (9 to 15 depending on the kernel)
 */
public record SoftnetCpu(int cpu, boolean cpuFromColumn, int columns, List<Counter> counters,
        List<Counter> gauges, Span span) implements Fact {

    public SoftnetCpu {
        counters = List.copyOf(counters);
        gauges = List.copyOf(gauges);
    }

    public Optional<Counter> counter(String name) {
        return counters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static SeriesKey key(int cpu, String name) {
        return new SeriesKey("softnet", "cpu" + cpu, name);
    }
}
