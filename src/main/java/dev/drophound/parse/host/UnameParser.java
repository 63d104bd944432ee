package dev.drophound.parse.host;

import dev.drophound.evidence.Block;
import dev.drophound.facts.HostInfo;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel release (and host name) from {@code uname} or {@code /proc/version}:
 *
 * <ul>
 * <li>{@code uname -a}: {@code Linux vm 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 x86_64 GNU/Linux}
 *     (host name and release);</li>
 * <li>{@code uname -sr} / {@code -srm}: {@code Linux 4.18.0-372.9.1.el8.x86_64};</li>
 * <li>{@code cat /proc/version}: {@code Linux version 6.18.44-fc-v657 (builder@host) (gcc ...) #1 SMP ...};</li>
 * <li>{@code uname -r}: the bare release, and {@code uname -n}: the bare host name. Nothing in such a line says
 *     what it is, so it is only read when the command or file name says {@code uname -r} / {@code -n}.</li>
 * </ul>
 * {@code uname: ...} and {@code cat: ...} errors and uname's {@code Try 'uname --help'} hint are tool messages.
 * A block with none of these shapes is malformed at its first line.
 */
public final class UnameParser implements Parser {

    private static final String RELEASE = "(\\d+\\.\\d+[\\w.+~-]*)";
    private static final Pattern UNAME_A = Pattern.compile("^\\s*Linux\\s+(\\S+)\\s+" + RELEASE + "\\s+#\\S+.*$");
    private static final Pattern PROC_VERSION = Pattern.compile("^\\s*Linux version\\s+" + RELEASE + "(?:\\s.*)?$");
    private static final Pattern UNAME_SR = Pattern.compile("^\\s*Linux\\s+" + RELEASE + "(?:\\s+\\S+)?\\s*$");
    private static final Pattern BARE_RELEASE = Pattern.compile("^\\s*" + RELEASE + "\\s*$");
    private static final Pattern BARE_HOST = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9.-]*)\\s*$");
    private static final Pattern MESSAGE = Pattern.compile("^\\s*(?:uname: .*|cat: .*|Try 'uname --help'.*)$");
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s;|&(/])uname(?:\\s+(-[a-z]+|--[a-z-]+))*");
    private static final Pattern FILE = Pattern.compile("(?:^|/)uname(?:[-_.]|$)");
    private static final Pattern OPTION = Pattern.compile("\\buname[\\s_-]+-{0,2}([a-z]+)\\b");
    private static final Pattern PROC_VERSION_NAME = Pattern.compile("(?:^|/)proc[-/_]version(?:[._]|$)");

    @Override
    public String id() {
        return "uname";
    }

    @Override
    public String description() {
        return "uname -a / -r / -sr or /proc/version: the kernel release and host name";
    }

    @Override
    public List<String> examples() {
        return List.of("uname -a", "uname -r", "uname -sr", "cat /proc/version", "sos_commands/kernel/uname_-a");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (COMMAND.matcher(nameOrCommand).find() || PROC_VERSION_NAME.matcher(nameOrCommand).find()) {
            return 95;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return FILE.matcher(base).find() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (UNAME_A.matcher(line).matches() || PROC_VERSION.matcher(line).matches()) {
                return 95;
            }
            if (UNAME_SR.matcher(line).matches()) {
                return 80;
            }
            return BARE_RELEASE.matcher(line).matches() && line.contains("-") ? 25 : 0;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return PROC_VERSION.matcher(line).matches() || UNAME_A.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        char bare = bareOption(block);
        int first = -1;
        boolean any = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            first = first < 0 ? i : first;
            Matcher m;
            HostInfo info = null;
            if (MESSAGE.matcher(line).matches()) {
                sink.toolMessage(i, line.strip());
                any = true;
                continue;
            } else if ((m = UNAME_A.matcher(line)).matches()) {
                info = new HostInfo(m.group(2), m.group(1), null, block.span(i));
            } else if ((m = PROC_VERSION.matcher(line)).matches() || (m = UNAME_SR.matcher(line)).matches()) {
                info = new HostInfo(m.group(1), null, null, block.span(i));
            } else if (bare == 'r' && (m = BARE_RELEASE.matcher(line)).matches()) {
                info = new HostInfo(m.group(1), null, null, block.span(i));
            } else if (bare == 'n' && (m = BARE_HOST.matcher(line)).matches()) {
                info = new HostInfo(null, m.group(1), null, block.span(i));
            } else if (line.strip().equals("Linux")) {
                sink.used(i); // plain "uname": the kernel name only
                any = true;
                continue;
            }
            if (info == null) {
                continue;
            }
            sink.fact(info);
            sink.used(i);
            any = true;
            break; // one output per block; what follows is not uname's
        }
        if (!any && first >= 0) {
            sink.malformed(first, "expected uname or /proc/version output such as 'Linux HOST RELEASE #1 ...'");
        }
    }

    /** {@code 'r'} or {@code 'n'} when the command or file is {@code uname -r} / {@code uname -n}, else 0. */
    private static char bareOption(Block block) {
        for (String s : new String[] {block.command(), block.name()}) {
            if (s == null) {
                continue;
            }
            Matcher c = OPTION.matcher(s);
            if (c.find()) {
                String o = c.group(1);
                if (o.equals("r") || o.equals("kernel-release")) {
                    return 'r';
                }
                if (o.equals("n") || o.equals("nodename")) {
                    return 'n';
                }
            }
        }
        return 0;
    }
}
