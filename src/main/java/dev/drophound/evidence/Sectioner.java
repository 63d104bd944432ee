package dev.drophound.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a text into blocks, each believed to be one command's output.
 *
 * <ul>
 *   <li>A text with shell prompts ({@code # cmd}, {@code $ cmd}, {@code [root@h ~]# cmd},
 *       {@code user@host:~$ cmd}) or section banners ({@code ===== ethtool -S eth0 =====},
 *       {@code ******** show ... ********}, {@code ==> file <==}) is a document: each prompt or banner starts
 *       a block that carries the command. Lines before the first are a block without a command.</li>
 *   <li>A text without them is one block, unless output headers (see {@code outputStart}) show that several
 *       outputs were pasted one after another, or one output was repeated ({@code netstat -i -c}); then it is
 *       split at those headers.</li>
 * </ul>
 * Inside documents, authors' annotations at the end of a line ({@code   <<ココ}, {@code  << 最大値}) are cut off
 * for parsing; the quoted text keeps them.
 */
public final class Sectioner {

    /**
     * Commands a prompt may start with. A prompt-like line ({@code # tracer: function}, {@code # file <- command})
     * only cuts when its first word is a command: that keeps comment lines inside outputs intact.
     */
    private static final String COMMANDS = "cat|ss|netstat|ip|ifconfig|ethtool|sysctl|nstat|awk|gawk|grep|egrep|tc"
            + "|dropwatch|perf|free|uname|head|tail|less|more|date|while|for|watch|slabtop|vmstat|top|ps|dmesg"
            + "|journalctl|ovs-vsctl|ovs-appctl|ovs-ofctl|ovs-dpctl|dpdk-[\\w.-]+|testpmd|sos|sosreport|lscpu|nproc"
            + "|numactl|echo|ls|find|dnf|yum|apt|apt-get|rpm|dpkg|lsmod|modinfo|modprobe|systemctl|service|bpftrace"
            + "|tcpdump|nft|iptables|ip6tables|conntrack|mpstat|sar|python3?|show|timeout|column|sort|uniq|xargs"
            + "|hostname|lspci|ethtool\\.\\S*|numastat|mount|df|du|nmcli|networkctl|udevadm|bash|sh|time|env"
            + "|strace|kill|pkill|ping|ping6|iperf3?|sockperf|netperf|nc|socat|trace-cmd|debugfs|slabinfo|smem";

    private static final Pattern PROMPT = Pattern.compile(
            "^\\s*(?:\\[[^\\]]{1,80}\\]\\s?[#$]|[\\w.-]+@[\\w.-]+(?::[^\\s#$]*)?\\s?[#$]|[\\w.-]+:[~/][^\\s#$]*\\s?[#$]"
                    + "|[#$])\\s+((?:sudo\\s+(?:-\\S+\\s+)*)?(?:[\\w./-]*/)?(?:" + COMMANDS + ")(?:\\s.*)?)$");
    private static final Pattern BANNER = Pattern.compile(
            "^\\s*(?:={3,}|-{3,}|\\*{3,}|#{3,}|~{3,})\\s*([^=*#~\\s].*?)\\s*(?:={3,}|-{3,}|\\*{3,}|#{3,}|~{3,})\\s*$");
    private static final Pattern HEAD_BANNER = Pattern.compile("^==> (.+) <==$");
    /** An author's note at the end of an output line: {@code   <<ココ}, {@code  << 最大値}. */
    private static final Pattern ANNOTATION = Pattern.compile("\\s+<<(?!<)(?:\\s.*|[^<>]*)$");

    private final Predicate<String> outputStart;

    /**
     * @param outputStart true for a line that is the first line of some format's output (from the parsers)
     */
    public Sectioner(Predicate<String> outputStart) {
        this.outputStart = outputStart;
    }

    /**
     * @param source the text's source
     * @param name   the name routing and sample planning use (relative file name, or {@code stdin})
     */
    public List<Block> split(Source source, String name, String text) {
        List<String> lines = Block.splitLines(text);
        List<int[]> cuts = new ArrayList<>(); // {line index of prompt/banner}
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String command = commandAt(lines.get(i));
            if (command != null) {
                cuts.add(new int[] {i});
                commands.add(command);
            }
        }
        if (cuts.isEmpty()) {
            List<Block> byHeaders = splitByHeaders(source, name, lines);
            return byHeaders.size() == 1 && !byHeaders.get(0).inDocument() && !hasFence(lines) ? byHeaders
                    : atFences(byHeaders.size() == 1 && !byHeaders.get(0).inDocument()
                            ? List.of(documentBlock(source, name, lines, 0, lines.size(), null)) : byHeaders);
        }
        List<Block> blocks = new ArrayList<>();
        int firstCut = cuts.get(0)[0];
        if (firstCut > 0) {
            blocks.add(documentBlock(source, name, lines, 0, firstCut, null));
        }
        for (int c = 0; c < cuts.size(); c++) {
            int start = cuts.get(c)[0] + 1;
            int end = c + 1 < cuts.size() ? cuts.get(c + 1)[0] : lines.size();
            blocks.add(documentBlock(source, name, lines, start, end, commands.get(c)));
        }
        return atFences(blocks);
    }

    /** A Markdown code fence: {@code ```}, {@code ```bash}, {@code ~~~}. */
    private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~)[\\w+-]*\\s*$");

    private static boolean hasFence(List<String> lines) {
        for (String l : lines) {
            if ((l.indexOf('`') >= 0 || l.indexOf('~') >= 0) && FENCE.matcher(l).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * In an article, a code fence ends the output of the command before it: what follows (prose, then another
     * fenced output pasted without its prompt, such as a dmesg excerpt) is a block of its own, routed by its content.
     * The command stays with the first part only; fence lines belong to no block.
     */
    private static List<Block> atFences(List<Block> blocks) {
        List<Block> out = new ArrayList<>();
        for (Block b : blocks) {
            if (!b.inDocument() || !hasFence(b.raw())) {
                out.add(b);
                continue;
            }
            int from = 0;
            for (int i = 0; i <= b.raw().size(); i++) {
                boolean fence = i < b.raw().size() && FENCE.matcher(b.raw().get(i)).matches();
                if (fence || i == b.raw().size()) {
                    if (b.raw().subList(from, i).stream().anyMatch(l -> !l.isBlank())) {
                        // the command owns only the part right after its prompt
                        out.add(new Block(b.source(), b.firstLine() + from, b.lines().subList(from, i),
                                b.raw().subList(from, i), b.name(), from == 0 ? b.command() : null, true));
                    }
                    from = i + 1;
                }
            }
        }
        return out;
    }

    /** The command a prompt or banner line names, or null if the line is neither. */
    static String commandAt(String line) {
        if (line.length() > 2000 || !mayCut(line)) {
            return null;
        }
        Matcher m = PROMPT.matcher(line);
        if (m.matches()) {
            return normalise(m.group(1));
        }
        m = HEAD_BANNER.matcher(line);
        if (m.matches()) {
            return normalise(m.group(1));
        }
        m = BANNER.matcher(line);
        if (m.matches() && m.group(1).codePoints().anyMatch(Character::isLetterOrDigit)) {
            // a table's rule lines ({@code ----  -------}, a run of dashes) look like a banner with dashes inside:
            // a banner names a command, so it has a word
            return normalise(m.group(1));
        }
        return null;
    }

    /**
     * Cheap test run on every line before the regexes: a prompt has '#' or '$', a banner starts with one of
     * {@code = - * # ~}. Most lines of an output have neither.
     */
    private static boolean mayCut(String line) {
        if (line.indexOf('#') >= 0 || line.indexOf('$') >= 0) {
            return true;
        }
        String t = line.stripLeading();
        return !t.isEmpty() && "=-*~".indexOf(t.charAt(0)) >= 0;
    }

    private static String normalise(String command) {
        return command.strip().replaceAll("\\s+", " ");
    }

    private List<Block> splitByHeaders(Source source, String name, List<String> lines) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (outputStart.test(lines.get(i))) {
                starts.add(i);
            }
        }
        boolean leadingText = !starts.isEmpty() && lines.subList(0, starts.get(0)).stream().anyMatch(s -> !s.isBlank());
        if (starts.size() < 2 && !leadingText) {
            return List.of(new Block(source, 1, lines, lines, name, null, false));
        }
        List<Block> blocks = new ArrayList<>();
        if (starts.get(0) > 0) {
            blocks.add(documentBlock(source, name, lines, 0, starts.get(0), null));
        }
        for (int s = 0; s < starts.size(); s++) {
            int end = s + 1 < starts.size() ? starts.get(s + 1) : lines.size();
            blocks.add(documentBlock(source, name, lines, starts.get(s), end, null));
        }
        return blocks;
    }

    private static Block documentBlock(Source source, String name, List<String> all, int from, int to,
            String command) {
        List<String> raw = all.subList(from, to);
        List<String> clean = new ArrayList<>(raw.size());
        for (String l : raw) {
            clean.add(ANNOTATION.matcher(l).replaceFirst(""));
        }
        return new Block(source, from + 1, clean, raw, name, command, true);
    }
}
