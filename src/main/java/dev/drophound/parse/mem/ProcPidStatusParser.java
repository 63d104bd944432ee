package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's status file, {@code cat /proc/PID/status} (2.6 to 6.x: {@code Name:}, {@code Pid:}, {@code VmSize:},
 * {@code VmRSS:} ... as {@code Key:<TAB>value}), also several of them one after another ({@code cat /proc/1/status
 * /proc/2/status}): each {@code Name:} line starts a process. One {@link ProcessMemory} per process: Name (the comm,
 * kept whole), Pid, VmRSS -> rss and VmSize -> vsz in bytes (kB as printed), with those lines as span; a kernel thread has no Vm lines, so its
 * sizes are null. The status file has no user name (Uid is a number) nor start time: those stay null. The other keys
 * are read and not kept. A Pid or Vm line whose value is not a number is malformed; a process without Pid is reported.
 */
public final class ProcPidStatusParser implements Parser {

    public static final String ID = "proc-pid-status";

    private static final Pattern KEY = Pattern.compile("^([A-Za-z_][\\w()]*):\\s*(.*)$");
    private static final Pattern KB = Pattern.compile("^(\\d+)\\s+kB$");
    private static final Pattern PATH = Pattern.compile("(?:^|[\\s/])proc/(?:\\d+|self|PID|pid|\\$\\w+|\\*|\\[0-9]\\*)/status\\b");
    private static final Pattern FILE = Pattern.compile("(?i)(?:^|[-_.])proc-(?:pid|\\d+|self)-status(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/PID/status: a process's name, pid, VmRSS and VmSize";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/PID/status", "cat /proc/self/status");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (PATH.matcher(nameOrCommand).find()) {
            return 95;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return !nameOrCommand.contains(" ") && FILE.matcher(base).find() ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        boolean name = false;
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 4; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (seen == 1) {
                name = line.startsWith("Name:\t");
            } else if (name && (line.startsWith("Umask:\t") || line.startsWith("State:\t") || line.startsWith("Tgid:\t"))) {
                return 95;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("Name:\t");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Process p = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                continue; // the sink reports it
            }
            String key = m.group(1);
            String value = m.group(2).strip();
            if (key.equals("Name")) {
                emit(block, sink, p);
                p = new Process(i, value);
                sink.used(i);
                continue;
            }
            if (p == null) {
                continue; // keys before any Name: not a status file's start
            }
            switch (key) {
                case "Pid" -> {
                    Long pid = Numbers.decimal(value);
                    if (pid == null || pid > Integer.MAX_VALUE) {
                        sink.malformed(i, "Pid is not a number");
                        continue;
                    }
                    p.pid = pid.intValue();
                    p.lines.add(i);
                }
                case "VmRSS", "VmSize" -> {
                    Matcher kb = KB.matcher(value);
                    Long n = kb.matches() ? Numbers.decimal(kb.group(1)) : null;
                    if (n == null || n > Long.MAX_VALUE / 1024) {
                        sink.malformed(i, key + " is not 'N kB'");
                        continue;
                    }
                    p.lines.add(i);
                    if (key.equals("VmRSS")) {
                        p.rss = n * 1024;
                    } else {
                        p.vsz = n * 1024;
                    }
                }
                default -> {
                }
            }
            sink.used(i);
        }
        emit(block, sink, p);
    }

    private static void emit(Block block, ParseSink sink, Process p) {
        if (p == null) {
            return;
        }
        if (p.pid == null) {
            sink.warning(p.first, "status of '" + p.name + "' without a Pid line: not kept");
            return;
        }
        int[] lines = p.lines.stream().mapToInt(Integer::intValue).toArray();
        sink.fact(new ProcessMemory(p.pid, p.name, null, p.rss, p.vsz, null, block.span(lines)));
    }

    /** One status file being read. */
    private static final class Process {
        final int first;
        final String name;
        /** The Name, Pid, VmSize and VmRSS lines: the span. */
        final List<Integer> lines = new ArrayList<>();
        Integer pid;
        Long rss;
        Long vsz;

        Process(int first, String name) {
            this.first = first;
            lines.add(first);
            this.name = name;
        }
    }
}
