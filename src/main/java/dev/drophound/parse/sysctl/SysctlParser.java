package dev.drophound.parse.sysctl;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SysctlSetting;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel tunables as {@code sysctl} prints them and as {@code /proc/sys} files hold them.
 *
 * <ul>
 * <li>{@code sysctl -a}, {@code sysctl NAME...}, {@code sysctl -w NAME=V} (prints the new value),
 *     {@code sysctl -a | grep rmem}, sosreport {@code sos_commands/kernel/sysctl_-a}:
 *     {@code net.core.rmem_max = 212992}. Vector values ({@code net.ipv4.tcp_rmem = 4096	87380	6291456})
 *     have their blanks folded to one space; an empty value is kept as "".</li>
 * <li>{@code sysctl -n NAME...}: bare values, named from the command in order.</li>
 * <li>A {@code /proc/sys} file ({@code cat /proc/sys/net/core/rmem_max}, sosreport {@code proc/sys/net/core/rmem_max}):
 *     the bare value, named from the path ({@code net.core.rmem_max}; a dot inside a path component, as in
 *     {@code conf/eth0.100/}, becomes {@code /} the way sysctl names it); {@code grep . /proc/sys/net/core/*}
 *     lines {@code /proc/sys/net/core/rmem_max:212992} too.</li>
 * </ul>
 * {@code sysctl: cannot stat ...}, {@code sysctl: permission denied on key ...}, {@code sysctl: reading key ...}
 * and the {@code cat:}/{@code grep:} errors are tool messages. A line inside the output that is none of these
 * is malformed; text after the last setting (an article's prose) is left alone.
 */
public final class SysctlParser implements Parser {

    private static final Pattern SETTING = Pattern.compile(
            "^\\s*([A-Za-z0-9_][A-Za-z0-9_@/-]*(?:\\.[A-Za-z0-9_@/-]+)+)\\s*=\\s?(.*)$");
    private static final Pattern PROC_SYS_LINE = Pattern.compile("^\\s*/?(?:\\S*/)?proc/sys/([^\\s:]+):(.*)$");
    private static final Pattern PROC_SYS_PATH = Pattern.compile("(?:^|[\\s/=])proc/sys/([^\\s|;&<>*?]+)");
    /** A capture named after the path with dashes, as the fixtures name /proc files: proc-sys-net-core-rmem_max.txt. */
    private static final Pattern PROC_SYS_FILE = Pattern.compile("(?:^|/)proc-sys-((?:net|vm|kernel|fs)-[\\w-]+?)(?:\\.[a-z]+)*$");
    private static final Pattern MESSAGE = Pattern.compile("^\\s*(?:sysctl|cat|grep|head|tail):\\s.*$");
    private static final Pattern SYSCTL_COMMAND = Pattern.compile("(?:^|[\\s;|&(/])sysctl\\s+([^|;&]*)");
    private static final Pattern SYSCTL_NAME = Pattern.compile("(?:^|[/_.-])sysctl(?:[-_.]|$)");
    /**
     * Configuration named like output: sysctl.conf, sysctl.d/, and systemd units a sosreport copies
     * (systemd-sysctl.service, proc-sys-fs-binfmt_misc.automount).
     */
    private static final Pattern NOT_OUTPUT = Pattern.compile(
            "sysctl\\.(?:conf|d)\\b|\\.(?:service|socket|mount|automount|swap|target|timer|path|slice|scope)$");

    @Override
    public String id() {
        return "sysctl";
    }

    @Override
    public String description() {
        return "sysctl output or /proc/sys files: kernel tunables such as net.core.rmem_max";
    }

    @Override
    public List<String> examples() {
        return List.of("sysctl -a", "sysctl net.core.rmem_max net.core.netdev_max_backlog",
                "sysctl -a | grep rmem", "sysctl -w net.core.rmem_max=26214400", "sysctl -n net.core.rmem_max",
                "sos_commands/kernel/sysctl_-a", "cat /proc/sys/net/core/rmem_max", "proc/sys/net/core/rmem_max");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null || NOT_OUTPUT.matcher(nameOrCommand).find()) {
            return 0;
        }
        if (SYSCTL_COMMAND.matcher(nameOrCommand).find()) {
            return 95;
        }
        if (PROC_SYS_PATH.matcher(nameOrCommand).find() || PROC_SYS_FILE.matcher(nameOrCommand).find()) {
            return 90;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return SYSCTL_NAME.matcher(base).find() || base.equals("sysctl") ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int settings = 0;
        for (int i = 0; i < block.size() && seen < 10; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (SETTING.matcher(line).matches() || PROC_SYS_LINE.matcher(line).matches()) {
                settings++;
            } else if (seen == 1) {
                return line.startsWith("sysctl: ") ? 60 : 0;
            }
        }
        if (settings == 0) {
            return 0;
        }
        if (settings == seen) {
            return seen >= 2 ? 90 : 70;
        }
        return 50 * settings / seen;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<String> names = bareValueNames(block);
        int next = 0;
        int last = lastSetting(block);
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher s = SETTING.matcher(line);
            Matcher p = PROC_SYS_LINE.matcher(line);
            if (MESSAGE.matcher(line).matches()) {
                sink.toolMessage(i, line.strip());
                if (next < names.size() && mentions(line, names.get(next))) {
                    next++; // "sysctl: cannot stat /proc/sys/net/foo: ..." stands in for that name's value
                }
            } else if (s.matches()) {
                setting(block, sink, i, s.group(1), s.group(2));
            } else if (p.matches()) {
                setting(block, sink, i, dotted(p.group(1)), p.group(2));
            } else if (next < names.size()) {
                setting(block, sink, i, names.get(next++), line);
            } else if (names.isEmpty() && i < last) {
                sink.malformed(i, "expected 'name = value'");
            }
            // other lines after the values are left to the sink: prose in an article, a warning in a file
        }
    }

    private static boolean mentions(String message, String name) {
        return message.contains(name) || message.contains(name.replace('.', '/'));
    }

    private static void setting(Block block, ParseSink sink, int i, String name, String value) {
        sink.fact(new SysctlSetting(name, value.strip().replaceAll("\\s+", " "), block.span(i)));
        sink.used(i);
    }

    /**
     * Names for bare-value lines: those given to {@code sysctl -n}, or the /proc/sys paths of a {@code cat}
     * or of the file itself; empty when lines are {@code name = value}.
     */
    static List<String> bareValueNames(Block block) {
        List<String> names = new ArrayList<>();
        String command = block.command();
        if (command != null) {
            Matcher m = SYSCTL_COMMAND.matcher(command);
            if (m.find()) {
                boolean valuesOnly = false;
                List<String> args = new ArrayList<>();
                for (String token : m.group(1).trim().split("\\s+")) {
                    if (token.equals("--values") || token.matches("-[a-zA-Z]*n[a-zA-Z]*")) {
                        valuesOnly = true;
                    } else if (!token.startsWith("-") && !token.isEmpty()) {
                        args.add(token.contains("=") ? token.substring(0, token.indexOf('=')) : token);
                    }
                }
                return valuesOnly ? args : List.of();
            }
        }
        Matcher p = PROC_SYS_PATH.matcher(command != null ? command : block.name());
        while (p.find()) {
            names.add(dotted(p.group(1)));
        }
        if (names.isEmpty() && command != null) {
            p = PROC_SYS_PATH.matcher(block.name());
            while (p.find()) {
                names.add(dotted(p.group(1)));
            }
        }
        if (names.isEmpty()) {
            Matcher f = PROC_SYS_FILE.matcher(block.name());
            if (f.find()) {
                names.add(f.group(1).replace('-', '.'));
            }
        }
        return names;
    }

    /** {@code net/ipv4/conf/eth0.100/rp_filter} -> {@code net.ipv4.conf.eth0/100.rp_filter}. */
    static String dotted(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        StringBuilder sb = new StringBuilder();
        for (String part : trimmed.split("/+")) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(part.replace('.', '/'));
        }
        return sb.toString();
    }

    private static int lastSetting(Block block) {
        for (int i = block.size() - 1; i >= 0; i--) {
            String line = block.line(i);
            if (SETTING.matcher(line).matches() || PROC_SYS_LINE.matcher(line).matches()) {
                return i;
            }
        }
        return -1;
    }
}
