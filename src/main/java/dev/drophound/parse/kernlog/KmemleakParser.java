package dev.drophound.parse.kernlog;

import dev.drophound.evidence.Block;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cat /sys/kernel/debug/kmemleak}: the objects kmemleak found unreferenced, each
 * {@code unreferenced object 0x... (size N):} with {@code comm "NAME", pid N, jiffies N (age ...)}, an optional hex
 * dump and the backtrace -> one {@code KmemleakObject} per object (read by {@link KmemleakReader}). Accepted too:
 * the same text indented (quoted in a mail or an article, seed 004) and syzbot's {@code BUG: memory leak} line
 * before an object. Other lines are left to the sink as not understood. kmemleak records inside a kernel log are
 * read by {@link KernelLogParser}.
 */
public final class KmemleakParser implements Parser {

    private static final Pattern HEAD = Pattern.compile("^\\s*unreferenced object 0x[0-9a-fA-F]+ \\(size \\d+\\):\\s*$");
    private static final Pattern PATH = Pattern.compile("(?:^|/)sys/kernel/debug/kmemleak\\b");
    private static final Pattern ECHO_INTO = Pattern.compile("^\\s*(?:sudo\\s+)?echo\\b[^|;&]*>\\s*\\S*kmemleak\\s*$");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|[-_.])kmemleak(?:[-_.]|$)");
    private static final String SYZBOT_TITLE = "BUG: memory leak";

    @Override
    public String id() {
        return "kmemleak";
    }

    @Override
    public String description() {
        return "kmemleak report: unreferenced kernel objects with size, task and backtrace";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /sys/kernel/debug/kmemleak");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null || ECHO_INTO.matcher(nameOrCommand).matches()) {
            return 0; // "echo scan > /sys/kernel/debug/kmemleak" prints nothing
        }
        if (PATH.matcher(nameOrCommand).find()) {
            return 95;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return !base.contains(" ") && FILE_NAME.matcher(base).find() ? 80 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size(); i++) {
            String t = block.line(i).strip();
            if (t.isEmpty() || t.equals(SYZBOT_TITLE)) {
                continue;
            }
            return HEAD.matcher(t).matches() ? 95 : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return HEAD.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        LogContext log = new LogContext(block, sink);
        KmemleakReader reader = new KmemleakReader(log);
        int i = 0;
        while (i < log.size()) {
            int next = reader.read(i);
            if (next == i) {
                if (log.text(i).equals(SYZBOT_TITLE)) {
                    sink.used(i);
                }
                next = i + 1;
            }
            i = next;
        }
    }
}
