package dev.drophound.parse.kernlog;

import dev.drophound.evidence.Block;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A kernel log read whole: {@code dmesg} (plain, {@code -T}, {@code -x}, {@code -r}, {@code --time-format iso}),
 * {@code journalctl -k}, {@code /var/log/messages} / {@code kern.log} / {@code syslog} with their syslog prefixes,
 * a console or serial paste, and earlyoom's own output. The prefixes are taken off by {@link LogLine}; what the
 * kernel printed goes to one reader per kind of record:
 * <ul>
 * <li>{@link OomReportReader}: OOM-killer reports -> {@code OomReport}; kill lines without a report ->
 *     {@code MemoryEvent} {@code oom-kill};</li>
 * <li>{@link MemoryEventReader}: page allocation failures, {@code SLUB: Unable to allocate memory}, earlyoom kills
 *     -> {@code MemoryEvent};</li>
 * <li>{@link SlubTraceReader}: SLUB {@code TRACE cache alloc|free} lines with their call trace ->
 *     {@code SlubTraceEvent};</li>
 * <li>{@link KmemleakReader}: kmemleak reports inside the log -> {@code KmemleakObject}.</li>
 * </ul>
 * Every other line of a log is ordinary (a log holds many kinds of lines) and used without a word. In a section of
 * a document (a pasted article) only lines with a log prefix and the records' own lines are used, so the prose
 * around stays prose. Only a line that starts one of the records and is broken is malformed.
 */
public final class KernelLogParser implements Parser {

    private static final int SNIFF_LINES = 60;
    private static final Pattern COMMAND = Pattern.compile(
            "(?:^|[|;&(]\\s*|\\s)(?:sudo\\s+)?(?:dmesg|journalctl\\s.*?(?:-k\\b|--dmesg|-t\\s+kernel|_TRANSPORT=kernel))"
                    + "|/var/log/(?:kern\\.log|messages|syslog|dmesg)\\b");
    private static final Pattern EARLYOOM_COMMAND = Pattern.compile(
            "^(?:sudo\\s+)?(?:timeout\\s+\\S+\\s+)?(?:\\S*/)?earlyoom(?:\\s|$)");
    private static final Pattern FILE_NAME = Pattern.compile(
            "(?i)^(?:dmesg|kern\\.?log|kernel\\.?log|messages|syslog|journal(?:ctl)?|console|earlyoom)(?:$|[-_.].*)");
    private static final Pattern OOM_FILE_NAME = Pattern.compile("(?i)(?:^|[-_.])oom(?:[-_.]|$)");

    @Override
    public String id() {
        return "kernel-log";
    }

    @Override
    public String description() {
        return "kernel log (dmesg, journalctl -k, messages/kern.log): OOM-killer reports, allocation failures, "
                + "SLUB trace, kmemleak, earlyoom kills";
    }

    @Override
    public List<String> examples() {
        return List.of("dmesg -T", "journalctl -k", "cat /var/log/kern.log", "cat /var/log/messages", "earlyoom");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        String s = nameOrCommand.strip();
        if (COMMAND.matcher(s).find() || EARLYOOM_COMMAND.matcher(s).find()) {
            return 95;
        }
        if (s.matches("(?:sudo\\s+)?journalctl\\b.*")) {
            return 80; // the whole journal: the kernel's lines are in it
        }
        String base = s.substring(s.lastIndexOf('/') + 1);
        if (base.contains(" ")) {
            return 0; // some other command line
        }
        if (FILE_NAME.matcher(base).matches()) {
            return 85;
        }
        return OOM_FILE_NAME.matcher(base).find() ? 60 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int prefixed = 0;
        boolean kmemleak = false;
        for (int i = 0; i < block.size() && seen < SNIFF_LINES; i++) {
            if (block.line(i).isBlank()) {
                continue;
            }
            seen++;
            LogLine l = LogLine.read(i, block.line(i));
            if (l.prefixed()) {
                prefixed++;
            }
            String t = l.text();
            if (OomReportReader.starts(l)) {
                return 95;
            }
            if (SlubTraceReader.starts(l) || MemoryEventReader.starts(l) || t.startsWith("oom-kill:constraint=")
                    || t.startsWith("Out of memory: Kill") || t.startsWith("Memory cgroup out of memory: Kill")
                    || t.equals("Tasks state (memory values in pages):") || t.matches("earlyoom v\\d.*")) {
                return 90;
            }
            kmemleak |= KmemleakReader.starts(l) && l.prefixed();
        }
        if (kmemleak) {
            return 70; // kmemleak's lines inside a log; a bare kmemleak file is the kmemleak parser's
        }
        // a log with nothing about memory in its first lines: its prefixes are its own
        return prefixed >= 3 && prefixed * 10 >= seen * 8 ? 60 : 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        LogContext log = new LogContext(block, sink);
        SlubTraceReader slub = new SlubTraceReader(log);
        KmemleakReader kmemleak = new KmemleakReader(log);
        MemoryEventReader events = new MemoryEventReader(log);
        OomReportReader oom = new OomReportReader(log);
        int i = 0;
        while (i < log.size()) {
            LogLine line = log.lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            int next = slub.read(i);
            if (next == i) {
                next = kmemleak.read(i);
            }
            if (next == i) {
                next = events.read(i);
            }
            if (next == i) {
                if (!oom.read(i) && (!block.inDocument() || line.prefixed())) {
                    sink.used(i); // an ordinary line of the log
                }
                next = i + 1;
            }
            i = next;
        }
        oom.finish();
    }
}
