package dev.drophound.facts;

/** The command name of a process, {@code /proc/PID/comm} (at most 15 characters, as the kernel keeps it). */
public record ProcessName(int pid, String command, Span span) implements Fact {
}
