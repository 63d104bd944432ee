package dev.drophound.parse.proc;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SocketOwner;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which process holds which socket, from the file-descriptor links in {@code /proc/PID/fd}:
 *
 * <ul>
 * <li>{@code find /proc/[0-9]*}{@code /fd -lname 'socket:*' -printf '%p -> %l\n'} (and drophound's live capture,
 *     which writes the same lines): {@code /proc/30171/fd/3 -> socket:[123159]};</li>
 * <li>{@code ls -l /proc/[0-9]*}{@code /fd}: a {@code /proc/PID/fd:} header, {@code total 0}, then
 *     {@code lrwx------ 1 root root 64 Nov 22 03:59 3 -> socket:[123442]} per descriptor.</li>
 * </ul>
 * Links to anything but a socket (files, pipes, anon inodes) are read and passed over. {@code find: ...} and
 * {@code ls: cannot read symbolic link ...: Permission denied} are tool messages: those processes' sockets have
 * no known owner. The inode ties each socket to its line in {@code /proc/net/udp} and the like.
 */
public final class ProcFdSocketsParser implements Parser {

    public static final String ID = "proc-fd-sockets";

    private static final Pattern FIND_LINE = Pattern.compile("^/proc/(\\d+)/fd/(\\d+) -> (.*)$");
    private static final Pattern LS_HEADER = Pattern.compile("^/proc/(\\d+)/fd:$");
    private static final Pattern LS_LINE = Pattern.compile("^[l-][rwxsStT-]{9}\\S*\\s+\\d+\\s+.*\\s(\\d+) -> (.*)$");
    /** ls prints the entry without {@code -> target} when it cannot read the link (its error line says why). */
    private static final Pattern LS_UNREADABLE = Pattern.compile("^[l-][rwxsStT-]{9}\\S*\\s+\\d+\\s+.*\\s\\d+$");
    private static final Pattern SOCKET = Pattern.compile("^socket:\\[(\\d+)]$");
    private static final Pattern MESSAGE = Pattern.compile("^(?:find|ls): .*$");
    private static final Pattern COMMAND = Pattern.compile(
            "(?:\\bfind\\s+/proc/\\S*fd\\b.*socket|\\bls\\s+(?:-\\w*l\\w*\\s+)+/proc/\\S*/fd)");
    private static final Pattern FILE = Pattern.compile("(?:^|/)(?:find-)?(?:ls-l-)?proc-(?:pid-)?fd(?:-sockets)?(?:[._]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "socket owners from /proc/PID/fd links (socket:[inode]): which process holds each socket";
    }

    @Override
    public List<String> examples() {
        return List.of("find /proc/[0-9]*/fd -lname 'socket:*' -printf '%p -> %l\\n'", "ls -l /proc/[0-9]*/fd");
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
            return FIND_LINE.matcher(line).matches() ? 95 : LS_HEADER.matcher(line).matches() ? 90 : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return LS_HEADER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<Integer> messages = new ArrayList<>();
        Integer pid = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = FIND_LINE.matcher(line)).matches()) {
                owner(block, sink, i, m.group(1), m.group(2), m.group(3));
            } else if ((m = LS_HEADER.matcher(line)).matches()) {
                Long p = Numbers.decimal(m.group(1));
                pid = p == null || p > Integer.MAX_VALUE ? null : p.intValue();
                sink.used(i);
            } else if (line.startsWith("total ")) {
                sink.used(i);
            } else if ((m = LS_LINE.matcher(line)).matches()) {
                if (pid == null) {
                    sink.malformed(i, "descriptor line before any /proc/PID/fd: header");
                    continue;
                }
                owner(block, sink, i, String.valueOf(pid), m.group(1), m.group(2));
            } else if (LS_UNREADABLE.matcher(line).matches()) {
                sink.used(i);
            } else if (MESSAGE.matcher(line).matches()) {
                messages.add(i);
            } else if (line.startsWith("/proc/") || line.startsWith("l")) {
                sink.malformed(i, "expected '/proc/PID/fd/N -> target' or an ls -l line of a descriptor link");
            }
        }
        ToolMessages.report(block, sink, messages);
    }

    private static void owner(Block block, ParseSink sink, int i, String pid, String fd, String target) {
        Matcher s = SOCKET.matcher(target.strip());
        if (s.matches()) {
            Long inode = Numbers.decimal(s.group(1));
            Long p = Numbers.decimal(pid);
            Long f = Numbers.decimal(fd);
            if (inode == null || p == null || f == null || p > Integer.MAX_VALUE || f > Integer.MAX_VALUE) {
                sink.malformed(i, "pid, descriptor or socket inode is not a number");
                return;
            }
            sink.fact(new SocketOwner(inode, p.intValue(), f.intValue(), block.span(i)));
        } else if (target.startsWith("socket:")) {
            sink.malformed(i, "socket link without an inode: " + target);
            return;
        }
        sink.used(i);
    }
}
