package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.parse.NameHints;
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
 * /proc/2/status}: each {@code Name:} line starts a process), and greps of them: {@code grep -E '^(Name|VmRSS):'
 * /proc/[0-9]*}{@code /status} prefixes each line with its file ({@code /proc/2/status:VmRSS:<TAB>75028 kB}), which
 * gives the pid; {@code grep VmRSS /proc/2/status} does not, and the pid is then taken from the command line when it
 * names one status file. One {@link ProcessMemory} per process: Name (the comm, kept whole; null when not grepped),
 * Pid, VmRSS -> rss and VmSize -> vsz in bytes (kB as printed), with those lines as span; a kernel thread has no Vm
 * lines, so its sizes are null. The status file has no user name (Uid is a number) nor start time: those stay null.
 * The other keys are read and not kept. A Pid or Vm line whose value is not a number is malformed; a process whose
 * pid is nowhere is reported.
 */
public final class ProcPidStatusParser implements Parser {

    public static final String ID = "proc-pid-status";

    /** {@code Key:<TAB>value}, or as grep prints it for several files: {@code /proc/PID/status:Key:<TAB>value}. */
    private static final Pattern KEY = Pattern.compile("^(?:/proc/(\\d+)/status:)?([A-Za-z_][\\w()]*):\\s*(.*)$");
    private static final Pattern GREPPED = Pattern.compile("^/proc/\\d+/status:[A-Za-z_][\\w()]*:\\s.*");
    private static final Pattern VM_LINE = Pattern.compile("^(?:Vm[A-Z][A-Za-z]+|Rss[A-Z][a-z]+):\\s+\\d+ kB$");
    private static final Pattern ONE_STATUS = Pattern.compile("/proc/(\\d+)/status\\b");
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
        return NameHints.commandOrFile(nameOrCommand, PATH, FILE);
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
                if (GREPPED.matcher(line).matches()) {
                    return 95;
                }
                if (VM_LINE.matcher(line).matches()) {
                    return 80; // grep VmRSS /proc/PID/status: no other file has these keys
                }
                name = line.matches("^Name:\\s+\\S.*");
            } else if (name && line.matches("^(?:Umask|State|Tgid):\\s.*")) {
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
        Integer commandPid = pidOfCommand(block.command());
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
            Long filePid = Numbers.decimal(m.group(1));
            String key = m.group(2);
            String value = m.group(3).strip();
            boolean next = filePid != null ? p == null || !filePid.equals(p.filePid)
                    : key.equals("Name") || p == null && VM_LINE.matcher(line).matches();
            if (next) {
                emit(block, sink, p, commandPid);
                p = new Process(filePid);
            }
            if (p == null) {
                continue; // keys before any Name: not a status file's start
            }
            if (!read(sink, i, key, value, p)) {
                continue;
            }
            sink.used(i);
        }
        emit(block, sink, p, commandPid);
    }

    /** Takes one key into the process; false (and reported) if its value is broken. */
    private static boolean read(ParseSink sink, int i, String key, String value, Process p) {
        switch (key) {
            case "Name" -> {
                p.name = value;
                p.lines.add(i);
            }
            case "Pid" -> {
                Long pid = Numbers.decimal(value);
                if (pid == null || pid > Integer.MAX_VALUE) {
                    sink.malformed(i, "Pid is not a number");
                    return false;
                }
                p.pid = pid.intValue();
                p.lines.add(i);
            }
            case "VmRSS", "VmSize" -> {
                Matcher kb = KB.matcher(value);
                Long n = kb.matches() ? Numbers.decimal(kb.group(1)) : null;
                if (n == null || n > Long.MAX_VALUE / 1024) {
                    sink.malformed(i, key + " is not 'N kB'");
                    return false;
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
        return true;
    }

    /** The pid of the one status file a command line names ({@code grep VmRSS /proc/2/status}), else null. */
    private static Integer pidOfCommand(String command) {
        if (command == null) {
            return null;
        }
        Matcher m = ONE_STATUS.matcher(command);
        Integer pid = null;
        int found = 0;
        while (m.find()) {
            found++;
            Long n = Numbers.decimal(m.group(1));
            pid = n == null || n > Integer.MAX_VALUE ? null : n.intValue();
        }
        return found == 1 ? pid : null;
    }

    private static void emit(Block block, ParseSink sink, Process p, Integer commandPid) {
        if (p == null || p.lines.isEmpty()) {
            return;
        }
        Integer pid = p.pid != null ? p.pid : p.filePid != null ? Integer.valueOf(p.filePid.intValue()) : commandPid;
        if (pid == null) {
            sink.warning(p.lines.get(0), "status of '" + p.name + "' without a pid (no Pid line, file or command)");
            return;
        }
        int[] lines = p.lines.stream().mapToInt(Integer::intValue).toArray();
        sink.fact(new ProcessMemory(pid, p.name, null, p.rss, p.vsz, null, block.span(lines)));
    }

    /** One status file being read. */
    private static final class Process {
        /** The pid in grep's file prefix, or null. */
        final Long filePid;
        /** The Name, Pid, VmSize and VmRSS lines: the span. */
        final List<Integer> lines = new ArrayList<>();
        String name;
        Integer pid;
        Long rss;
        Long vsz;

        Process(Long filePid) {
            this.filePid = filePid;
        }
    }
}
