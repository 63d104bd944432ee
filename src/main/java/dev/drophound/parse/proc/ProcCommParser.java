package dev.drophound.parse.proc;

import dev.drophound.evidence.Block;
import dev.drophound.facts.ProcessName;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Process command names, {@code grep -H . /proc/[0-9]*}{@code /comm} (and drophound's live capture, which writes
 * the same lines): {@code /proc/30171/comm:python3}. The name is everything after the first colon that follows
 * {@code comm}, so names holding colons or spaces ({@code kworker/0:0H-kblockd}) stay whole. {@code grep: ...}
 * lines (a process that exited while grep ran) are tool messages.
 */
public final class ProcCommParser implements Parser {

    public static final String ID = "proc-comm";

    private static final Pattern LINE = Pattern.compile("^/proc/(\\d+)/comm:(.*)$");
    private static final Pattern MESSAGE = Pattern.compile("^(?:grep|cat): .*$");
    private static final Pattern COMMAND = Pattern.compile("\\bgrep\\b.*\\s/proc/\\S*/comm\\b");
    private static final Pattern FILE = Pattern.compile("(?:^|/)(?:grep-)?proc-(?:pid-)?comm(?:[._]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "process command names from /proc/PID/comm, to name socket owners";
    }

    @Override
    public List<String> examples() {
        return List.of("grep -H . /proc/[0-9]*/comm");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        return COMMAND.matcher(nameOrCommand).find() || FILE.matcher(nameOrCommand).find() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size() && i < 20; i++) {
            String line = block.line(i).strip();
            if (line.isEmpty() || MESSAGE.matcher(line).matches()) {
                continue;
            }
            return LINE.matcher(line).matches() ? 95 : 0;
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<Integer> messages = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.stripLeading());
            if (m.matches()) {
                Long pid = Numbers.decimal(m.group(1));
                if (pid == null || pid > Integer.MAX_VALUE || m.group(2).isEmpty()) {
                    sink.malformed(i, "expected /proc/PID/comm:NAME");
                    continue;
                }
                sink.fact(new ProcessName(pid.intValue(), m.group(2), block.span(i)));
                sink.used(i);
            } else if (MESSAGE.matcher(line.strip()).matches()) {
                messages.add(i);
            } else if (line.startsWith("/proc/")) {
                sink.malformed(i, "expected /proc/PID/comm:NAME");
            }
        }
        ToolMessages.report(block, sink, messages);
    }
}
