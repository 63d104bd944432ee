package dev.drophound.facts;

/**
 * Calls of one kernel function from one caller by one task, counted in an ftrace function-tracer output
 * ({@code kni-11436 [000] .... 1906.033365: alloc_netdev_mqs <-kni_ioctl_create}).
 *
 * @param task    the task as printed ({@code kni-11436}); {@code command} and {@code pid} split from it
 * @param first   timestamp of the first call (seconds since boot), {@code last} of the last
 * @param span    the first line of the group
 */
public record FunctionCalls(String task, String command, Integer pid, String function, String caller, long count,
        double first, double last, Span span) implements Fact {
}
