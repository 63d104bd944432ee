package dev.drophound.parse.tc;

import dev.drophound.evidence.Block;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the two {@code tc qdisc} parsers read from a command line or file name, and tc's own messages. */
final class TcCommand {
    private TcCommand() {
    }

    /** {@code tc -s qdisc show dev eth0}, {@code /sbin/tc -s -d qdisc ls}, {@code ip netns exec X tc -s qdisc}. */
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s;|&(/])tc\\s+((?:-\\S+\\s+)*)qdisc\\b([^|;&]*)");
    /** {@code tc-s-qdisc.B.after.txt}, {@code tc-s-j-qdisc.txt}, sosreport {@code tc_-s_qdisc_show}. */
    private static final Pattern FILE = Pattern.compile("^tc[-_]((?:[-_]*[a-z]+[-_]+)*?)qdisc(?:$|[^a-z])");
    private static final Pattern DEV = Pattern.compile("\\bdev\\s+([^\\s|;&]+)");
    private static final Pattern MESSAGE = Pattern.compile(
            "^\\s*(?:Cannot find device .*|Error: .*|RTNETLINK answers: .*|We have an error talking to the kernel.*"
                    + "|Object \"\\S+\" is unknown.*|Dump terminated.*|Command \".*\" is unknown.*)$");

    enum Kind { NONE, TEXT, TEXT_WITHOUT_STATS, JSON }

    /** What the command or file name says about the output's format. */
    static Kind kind(String nameOrCommand) {
        if (nameOrCommand == null) {
            return Kind.NONE;
        }
        Matcher m = COMMAND.matcher(nameOrCommand);
        if (m.find()) {
            return kindFromOptions(m.group(1).trim().split("\\s+"));
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        Matcher f = FILE.matcher(base);
        if (f.find()) {
            return kindFromOptions(f.group(1).split("[-_]+"));
        }
        return Kind.NONE;
    }

    /** tc's options, with or without their dash: {@code -s}, {@code -stats}, {@code -j}, {@code -json}, ... */
    private static Kind kindFromOptions(String[] options) {
        boolean stats = false;
        for (String option : options) {
            String o = option.replaceFirst("^-+", "");
            if (o.equals("j") || o.equals("json")) {
                return Kind.JSON;
            }
            stats |= o.equals("s") || o.equals("stats") || o.equals("statistics");
        }
        return stats ? Kind.TEXT : Kind.TEXT_WITHOUT_STATS;
    }

    /** The device a {@code tc qdisc show dev X} command was limited to (its output then omits it), or null. */
    static String device(Block block) {
        if (block.command() == null) {
            return null;
        }
        Matcher m = COMMAND.matcher(block.command());
        if (!m.find()) {
            return null;
        }
        Matcher d = DEV.matcher(m.group(2));
        return d.find() ? d.group(1) : null;
    }

    static boolean isMessage(String line) {
        return MESSAGE.matcher(line).matches();
    }
}
