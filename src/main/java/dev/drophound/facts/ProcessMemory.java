package dev.drophound.facts;

/**
 * One process and its memory, from {@code ps aux}, {@code top -b}, {@code /proc/PID/status}, or a process snapshot.
 * Fields a format does not print are null. Sizes in bytes.
 *
 * @param command the command name ({@code ps} COMMAND's program without arguments, top's COMMAND, status Name)
 * @param started when it started as printed ({@code ps} START, e.g. {@code 09:18} or {@code Nov20}), null if not
 */
public record ProcessMemory(int pid, String command, String user, Long rssBytes, Long vszBytes, String started,
        Span span) implements Fact {
}
