package dev.drophound.parse.kernlog;

import dev.drophound.facts.MemoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one-line memory events of a log (the OOM killer's lines without a report are read by
 * {@link OomReportReader}):
 * <ul>
 * <li>{@code kworker/0:6: page allocation failure: order:6, mode:0x60c0c0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO),
 *     nodemask=(null)} (the kernel's warn_alloc; a pasted line may be wrapped after {@code order:6,}) ->
 *     {@code allocation-failure} with the order, the mode as detail and the pid from the {@code PID: N Comm: X}
 *     line that follows;</li>
 * <li>{@code SLUB: Unable to allocate memory on node -1, gfp=0xdc0(GFP_KERNEL|__GFP_ZERO)} with its
 *     {@code cache: ...} and {@code node N: slabs: ...} lines -> {@code slub-unable}, the rest as detail;</li>
 * <li>earlyoom 1.7 (its own output, or its lines in syslog): {@code sending SIGTERM to process 28742 uid 0 "sleep":
 *     badness 1633, VmRSS 1 MiB}, with the {@code low memory! ...} line before it and {@code dryrun, not actually
 *     sending any signal} after it in the detail -> {@code earlyoom-kill}.</li>
 * </ul>
 * systemd-oomd's kill lines are not read: no real sample of them could be made here (it needs systemd running and
 * real memory pressure), so their wording is not guessed. A line that starts an event and is cut is malformed.
 */
final class MemoryEventReader {

    private static final Pattern ALLOC_FAILURE = Pattern.compile("^(.+?): page allocation failure: order:(\\d+),?\\s*(.*)$");
    private static final Pattern PID_COMM = Pattern.compile("\\bP[Ii][Dd]: (\\d+),? [Cc]omm: (.+?)(?: Not tainted| Tainted:|$)");
    private static final Pattern SLUB_UNABLE = Pattern.compile("^SLUB: Unable to allocate memory on node (-?\\d+)(.*)$");
    private static final Pattern SLUB_DETAIL = Pattern.compile("^(?:cache: .*|node -?\\d+: slabs: .*)$");
    private static final Pattern EARLYOOM = Pattern.compile(
            "^sending (SIGTERM|SIGKILL) to process (\\d+) uid (\\d+) \"(.*)\": (badness -?\\d+, VmRSS \\d+ MiB)$");
    private static final Pattern EARLYOOM_LOW = Pattern.compile("^low memory! at or below (SIGTERM|SIGKILL) limits: (.*)$");
    private static final String EARLYOOM_DRYRUN = "dryrun, not actually sending any signal";

    private final LogContext log;

    MemoryEventReader(LogContext log) {
        this.log = log;
    }

    static boolean starts(LogLine line) {
        String t = line.text();
        return t.contains(": page allocation failure: ") || t.startsWith("SLUB: Unable to allocate memory on node")
                || t.startsWith("sending SIG") && t.contains(" to process ");
    }

    /** Reads the event at line {@code i}; returns the index after its lines, or {@code i} if none starts there. */
    int read(int i) {
        if (!starts(log.lines.get(i))) {
            return i;
        }
        String t = log.text(i);
        if (t.contains(": page allocation failure: ")) {
            return allocationFailure(i, t);
        }
        if (t.startsWith("SLUB: ")) {
            return slubUnable(i, t);
        }
        return earlyoom(i, t);
    }

    private int allocationFailure(int i, String t) {
        Matcher m = ALLOC_FAILURE.matcher(t);
        if (!m.matches()) {
            log.sink.malformed(i, "page allocation failure line without 'order:N'");
            return i + 1;
        }
        int end = i;
        String mode = m.group(3);
        if (mode.isEmpty() && i + 1 < log.size() && log.text(i + 1).startsWith("mode:")) {
            end = i + 1; // wrapped after "order:6,"
            mode = log.text(i + 1);
        }
        String comm = m.group(1);
        Integer pid = null;
        for (int j = end + 1; j < log.size() && j <= end + 4; j++) {
            Matcher p = PID_COMM.matcher(log.text(j));
            if (p.find() && p.group(2).equals(comm)) {
                pid = LogContext.integer(p.group(1));
                break;
            }
        }
        log.sink.used(i, end);
        log.sink.fact(new MemoryEvent("allocation-failure", pid, comm, LogContext.integer(m.group(2)),
                mode.isEmpty() ? null : mode, log.time(i), log.block.spanRange(i, end)));
        return end + 1;
    }

    private int slubUnable(int i, String t) {
        Matcher m = SLUB_UNABLE.matcher(t);
        if (!m.matches()) {
            log.sink.malformed(i, "SLUB allocation failure line without its node");
            return i + 1;
        }
        List<String> detail = new ArrayList<>();
        String rest = m.group(2).replaceFirst("^,\\s*", "").strip();
        detail.add("node " + m.group(1) + (rest.isEmpty() ? "" : ", " + rest));
        int end = i;
        while (end + 1 < log.size() && SLUB_DETAIL.matcher(log.text(end + 1)).matches()) {
            end++;
            detail.add(log.text(end));
        }
        log.sink.used(i, end);
        log.sink.fact(new MemoryEvent("slub-unable", null, null, null, String.join("; ", detail), log.time(i),
                log.block.spanRange(i, end)));
        return end + 1;
    }

    private int earlyoom(int i, String t) {
        Matcher m = EARLYOOM.matcher(t);
        if (!m.matches()) {
            log.sink.malformed(i, "earlyoom kill line is not 'sending SIGNAL to process N uid N \"NAME\": badness N, "
                    + "VmRSS N MiB'");
            return i + 1;
        }
        int first = i;
        List<String> detail = new ArrayList<>(List.of(m.group(1), m.group(5)));
        if (i > 0) {
            Matcher low = EARLYOOM_LOW.matcher(log.text(i - 1));
            if (low.matches()) {
                first = i - 1;
                detail.add("low memory: " + low.group(2));
            }
        }
        int end = i;
        if (i + 1 < log.size() && log.text(i + 1).equals(EARLYOOM_DRYRUN)) {
            end = i + 1;
            detail.add(EARLYOOM_DRYRUN);
        }
        log.sink.used(first, end);
        log.sink.fact(new MemoryEvent("earlyoom-kill", LogContext.integer(m.group(2)), m.group(4), null,
                String.join("; ", detail), log.time(first), log.block.spanRange(first, end)));
        return end + 1;
    }
}
