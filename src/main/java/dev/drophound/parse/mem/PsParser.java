package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import dev.drophound.facts.ProcessMemory;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Process listings of {@code ps}: {@code ps aux}, {@code ps -ef}, custom columns ({@code ps -eo pid,comm,rss,vsz},
 * {@code ps -eLo pid,tid,comm,rss}) of procps-ng, and {@code busybox ps}. The columns are read from the header,
 * whatever their order: PID, the user (USER, UID, RUSER, EUSER), RSS/RSZ and VSZ/VSIZE (KiB, or with busybox's
 * {@code m}/{@code g} suffix), START/STIME, and the command. One {@link ProcessMemory} per process, sizes in bytes,
 * null for columns the listing lacks.
 *
 * <p>The command: ps titles both comm and args {@code COMMAND}. Args (CMD, ARGS, a COMMAND in last place, busybox)
 * give their program ({@code /usr/bin/python3 hold.py 64} -> {@code python3}, {@code [kthreadd]} -> {@code kthreadd});
 * comm (COMM, UCMD, a COMMAND before other columns, or a command line naming {@code comm}) is kept whole, spaces
 * included ({@code dh worker}). With a thread column (TID, LWP, SPID: {@code -L}) only the main thread's row
 * ({@code tid == pid}) is a process; the other threads' rows are read and skipped. A header seen again starts a new
 * listing (a loop of ps). A row with too few values or a non-numeric PID or size is malformed; ps's own
 * {@code error: ...} (and the usage text after it) is a tool message.
 */
public final class PsParser implements Parser {

    public static final String ID = "ps";

    /** ps column titles this parser knows; a header with any other title is not taken for a ps header. */
    private static final Set<String> TITLES = Set.of("USER", "UID", "RUSER", "EUSER", "RUID", "EUID", "GID", "GROUP",
            "PID", "PPID", "PGID", "SID", "TID", "LWP", "SPID", "NLWP", "%CPU", "%MEM", "C", "CPU", "PSR", "VSZ", "VSIZE",
            "RSS", "RSZ", "SZ", "TTY", "TT", "STAT", "S", "START", "STIME", "TIME", "ELAPSED", "NI", "PRI", "WCHAN",
            "ADDR", "F", "CLS", "RTPRIO", "COMMAND", "CMD", "ARGS", "COMM", "UCMD", "UCOMM");
    private static final Set<String> ARGS = Set.of("CMD", "ARGS");
    private static final Pattern ERROR = Pattern.compile("^(?:error|ps): .*");
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s|;&/])ps(?:\\s|$)");
    /** A command line whose -o list names comm: its COMMAND column is comm, not args. */
    private static final Pattern COMM_FORMAT = Pattern.compile("\\b(?:comm|ucmd|ucomm)\\b");
    private static final Pattern FILE = Pattern.compile("(?i)(?:^|[-_.])ps(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "process listing of ps (aux, -ef, -eo columns, busybox): pid, command, user, RSS and VSZ";
    }

    @Override
    public List<String> examples() {
        return List.of("ps aux", "ps -ef", "ps -eo pid,comm,rss,vsz", "busybox ps");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.commandOrFile(nameOrCommand, COMMAND, FILE);
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size() && i < 10; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            return header(line) != null ? 90 : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        String t = line.strip();
        return t.startsWith("USER ") && t.contains(" PID ") && t.contains(" VSZ ") && t.contains(" RSS ")
                && header(line) != null;
    }

    /** The column titles of a ps header line, or null if it is not one. */
    static List<String> header(String line) {
        String[] titles = line.strip().split("\\s+");
        if (titles.length < 2) {
            return null;
        }
        boolean pid = false;
        for (String t : titles) {
            if (!TITLES.contains(t)) {
                return null;
            }
            pid |= t.equals("PID");
        }
        return pid ? List.of(titles) : null;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Columns cols = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> titles = header(line);
            if (titles != null) {
                cols = new Columns(titles, block.command());
                sink.used(i);
                continue;
            }
            if (ERROR.matcher(line.strip()).matches()) {
                sink.toolMessage(i, line.strip());
                for (int j = i + 1; j < block.size(); j++) {
                    sink.used(j); // the usage text ps prints after the error
                }
                return;
            }
            if (cols == null) {
                continue; // before any header: the sink reports it
            }
            row(block, sink, i, cols);
        }
    }

    private static void row(Block block, ParseSink sink, int i, Columns cols) {
        List<String> v = ProcessColumns.split(block.line(i), cols.titles.size(), cols.command);
        if (v == null) {
            sink.malformed(i, "expected " + cols.titles.size() + " columns: " + String.join(" ", cols.titles));
            return;
        }
        Long pid = Numbers.decimal(v.get(cols.pid));
        Long tid = cols.tid < 0 ? pid : Numbers.decimal(v.get(cols.tid));
        Long rss = cols.rss < 0 ? null : ProcessColumns.bytes(v.get(cols.rss));
        Long vsz = cols.vsz < 0 ? null : ProcessColumns.bytes(v.get(cols.vsz));
        if (pid == null || pid > Integer.MAX_VALUE || tid == null || cols.rss >= 0 && rss == null
                || cols.vsz >= 0 && vsz == null) {
            sink.malformed(i, "PID, RSS and VSZ must be numbers");
            return;
        }
        sink.used(i);
        if (!tid.equals(pid)) {
            return; // another thread of a process listed on its main thread's row
        }
        String command = cols.command < 0 ? null
                : cols.args ? ProcessColumns.program(v.get(cols.command)) : v.get(cols.command);
        sink.fact(new ProcessMemory(pid.intValue(), command, cols.user < 0 ? null : v.get(cols.user), rss, vsz,
                cols.started < 0 ? null : v.get(cols.started), block.span(i)));
    }

    /** Where each wanted column is in one header (-1: absent), and whether the command column holds args. */
    private static final class Columns {
        final List<String> titles;
        final int pid;
        final int tid;
        final int user;
        final int rss;
        final int vsz;
        final int started;
        final int command;
        final boolean args;

        Columns(List<String> titles, String commandLine) {
            this.titles = titles;
            pid = titles.indexOf("PID");
            tid = first(titles, "TID", "LWP", "SPID");
            user = first(titles, "USER", "UID", "RUSER", "EUSER");
            rss = first(titles, "RSS", "RSZ");
            vsz = first(titles, "VSZ", "VSIZE");
            started = first(titles, "START", "STIME");
            command = first(titles, "COMMAND", "CMD", "ARGS", "COMM", "UCMD", "UCOMM");
            String title = command < 0 ? "" : titles.get(command);
            boolean commFormat = commandLine != null && COMM_FORMAT.matcher(commandLine).find();
            args = ARGS.contains(title)
                    || title.equals("COMMAND") && command == titles.size() - 1 && !commFormat;
        }

        private static int first(List<String> titles, String... names) {
            for (String n : names) {
                int i = titles.indexOf(n);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
