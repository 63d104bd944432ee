package dev.drophound.parse.ovs;

import dev.drophound.evidence.Block;
import dev.drophound.parse.ParseSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the OVS tool parsers share: the tools' own error lines, the command line of {@code ovs-vsctl} /
 * {@code ovs-appctl}, OVSDB table names, and a completeness test for OVSDB values.
 */
final class OvsText {
    private OvsText() {
    }

    /**
     * A tool's own message: {@code ovs-vsctl: no row "dpdk9" in table Interface},
     * {@code ovs-appctl: /run/openvswitch/ovs-vswitchd.ctl: transaction error (End of file)}, and the vlog line the
     * tool prints to stderr before some of them ({@code 2026-11-22T02:15:27Z|00001|unixctl|WARN|error communicating
     * with unix:...: End of file}).
     */
    private static final Pattern TOOL_LINE = Pattern.compile("^\\s*(?:ovs-vsctl|ovs-appctl): \\S.*");
    private static final Pattern VLOG_LINE = Pattern.compile(
            "^\\s*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z?\\|\\d+\\|[\\w-]+\\|(?:EMER|ERR|WARN|INFO|DBG)\\|.*");
    /** ovs-appctl's line after the daemon answered a command with an error text (printed on the lines before). */
    private static final Pattern SERVER_ERROR = Pattern.compile("^\\s*ovs-appctl: .*: server returned an error\\s*$");

    /** The tables of the Open_vSwitch database, for names given in any case ({@code list interface}). */
    private static final List<String> TABLES = List.of("Open_vSwitch", "Bridge", "Port", "Interface", "Controller",
            "Manager", "Mirror", "NetFlow", "QoS", "Queue", "SSL", "sFlow", "IPFIX", "Flow_Sample_Collector_Set",
            "Flow_Table", "AutoAttach", "Datapath", "CT_Zone", "CT_Timeout_Policy");

    static boolean isToolMessage(String line) {
        return TOOL_LINE.matcher(line).matches() || VLOG_LINE.matcher(line).matches();
    }

    /** True when the first non-blank line is a tool message of the given tool ({@code ovs-vsctl}) or its vlog line. */
    static boolean startsWithToolMessage(Block block, String tool) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return false;
        }
        String line = block.line(first).strip();
        return line.startsWith(tool + ": ") || VLOG_LINE.matcher(line).matches()
                && first + 1 < block.size() && block.line(first + 1).strip().startsWith(tool + ": ");
    }

    /**
     * Reports the tool-message lines of an ovs-appctl output: {@code ovs-appctl: ...} and vlog lines, and, when the
     * daemon returned an error ({@code ovs-appctl: ...: server returned an error}), the error text printed before it
     * ({@code Not a DPDK Interface}). Returns the indexes it reported.
     */
    static List<Integer> reportAppctlErrors(Block block, ParseSink sink) {
        List<Integer> out = new ArrayList<>();
        int serverError = -1;
        for (int i = 0; i < block.size(); i++) {
            if (SERVER_ERROR.matcher(block.line(i)).matches()) {
                serverError = i;
            }
        }
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (isToolMessage(line)) {
                sink.toolMessage(i, line.strip());
                out.add(i);
            } else if (i < serverError) {
                sink.toolMessage(i, "ovs-vswitchd answered: " + line.strip());
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The name score of an {@code ovs-appctl} output: 95 for the command whose verb matches, 0 for another command,
     * 85 for a file name (no spaces) whose last part matches {@code file}.
     */
    static int appctlNameScore(String nameOrCommand, java.util.function.Predicate<String> verb, Pattern file) {
        return nameScore(nameOrCommand, "ovs-appctl", verb, file);
    }

    /** The same for any OVS tool ({@code ovs-vsctl get}, {@code ovs-vsctl show}). */
    static int nameScore(String nameOrCommand, String tool, java.util.function.Predicate<String> verb, Pattern file) {
        Invocation inv = invocation(nameOrCommand, tool);
        if (inv != null) {
            return verb.test(inv.verb()) ? 95 : 0;
        }
        if (nameOrCommand == null || nameOrCommand.contains(" ")) {
            return 0;
        }
        return file.matcher(nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1)).find() ? 85 : 0;
    }

    /** A table name as the database spells it: exact or case-insensitive match, else a unique prefix; else as given. */
    static String table(String given) {
        if (given == null) {
            return null;
        }
        String unquoted = given.replace("\"", "").replace("'", "");
        String prefixMatch = null;
        int prefixes = 0;
        for (String t : TABLES) {
            if (t.equalsIgnoreCase(unquoted)) {
                return t;
            }
            if (!unquoted.isEmpty() && t.toLowerCase(Locale.ROOT).startsWith(unquoted.toLowerCase(Locale.ROOT))) {
                prefixMatch = t;
                prefixes++;
            }
        }
        return prefixes == 1 ? prefixMatch : unquoted;
    }

    /**
     * The known table a file-name fragment starts with, followed by a separator or its end
     * ({@code interface-dpdk0.c.txt} -> Interface, {@code Open_vSwitch} -> Open_vSwitch), longest first; null if none.
     */
    static String tablePrefix(String fragment) {
        String lower = fragment.toLowerCase(Locale.ROOT);
        String best = null;
        for (String t : TABLES) {
            String tl = t.toLowerCase(Locale.ROOT);
            if (lower.startsWith(tl) && (lower.length() == tl.length() || "-_.".indexOf(lower.charAt(tl.length())) >= 0)
                    && (best == null || t.length() > best.length())) {
                best = t;
            }
        }
        return best;
    }

    /** Columns only one table has, to tell a row's table when the command is not known. */
    static String guessTable(Set<String> columns) {
        if (columns.contains("dpdk_initialized") || columns.contains("ovs_version") || columns.contains("db_version")
                || columns.contains("iface_types") || columns.contains("cur_cfg") || columns.contains("dpdk_version")) {
            return "Open_vSwitch";
        }
        if (columns.contains("mtu_request") || columns.contains("mtu") || columns.contains("link_state")
                || columns.contains("ofport") || columns.contains("error")
                || columns.contains("mac_in_use") || columns.contains("ifindex") || columns.contains("admin_state")) {
            return "Interface";
        }
        if (columns.contains("interfaces") || columns.contains("bond_mode") || columns.contains("vlan_mode")
                || columns.contains("trunks")) {
            return "Port";
        }
        if (columns.contains("datapath_type") || columns.contains("ports") || columns.contains("datapath_id")
                || columns.contains("stp_enable") || columns.contains("fail_mode")) {
            return "Bridge";
        }
        return null;
    }

    /** Keys only the Open_vSwitch row's other_config has ({@code dpdk-init}, {@code pmd-cpu-mask}, ...). */
    static boolean openVswitchOtherConfig(Set<String> keys) {
        return keys.stream().anyMatch(k -> k.startsWith("dpdk-") || k.startsWith("pmd-") || k.equals("vhost-sock-dir")
                || k.equals("per-port-memory") || k.equals("n-handler-threads") || k.equals("n-revalidator-threads")
                || k.equals("hw-offload") || k.equals("vhost-iommu-support") || k.equals("shared-mempool-config"));
    }

    /** One {@code ovs-vsctl} / {@code ovs-appctl} invocation: the command word and the words after it. */
    record Invocation(String verb, List<String> args, List<String> options) {
        boolean hasOption(String prefix) {
            return options.stream().anyMatch(o -> o.equals(prefix) || o.startsWith(prefix + "="));
        }
    }

    /** Options of ovs-vsctl / ovs-appctl that take the next word as their value when written without '='. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-t", "--timeout", "--db", "-f", "--format",
            "--data", "--target", "-T");
    private static final Pattern TOOL_WORD = Pattern.compile("(?:^|[\\s/;|&(])(ovs-vsctl|ovs-appctl)(?=\\s|$)");

    /**
     * The invocation of {@code tool} in a command line ({@code sudo ovs-vsctl --timeout=5 list Interface dpdk0 | less}),
     * up to a pipe, {@code ;}, {@code &&} or redirection; null if the line does not run the tool.
     */
    static Invocation invocation(String command, String tool) {
        if (command == null) {
            return null;
        }
        Matcher m = TOOL_WORD.matcher(command);
        while (m.find()) {
            if (!m.group(1).equals(tool)) {
                continue;
            }
            String rest = command.substring(m.end());
            List<String> words = words(rest);
            List<String> options = new ArrayList<>();
            int i = 0;
            while (i < words.size() && words.get(i).startsWith("-") && !words.get(i).equals("--")) {
                String w = words.get(i++);
                options.add(w);
                if (OPTIONS_WITH_VALUE.contains(w) && i < words.size()) {
                    i++;
                }
            }
            if (i < words.size() && words.get(i).equals("--")) {
                i++;
            }
            if (i >= words.size()) {
                return new Invocation("", List.of(), options);
            }
            return new Invocation(words.get(i), List.copyOf(words.subList(i + 1, words.size())), options);
        }
        return null;
    }

    /** Shell words up to the end of the first command ({@code |}, {@code ;}, {@code &&}, {@code >}, {@code 2>}). */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !w.isEmpty()) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else if (c == '|' || c == ';' || c == '&' || c == '>' || c == '<') {
                if (w.length() == 1 && Character.isDigit(w.charAt(0)) && c == '>') {
                    w.setLength(0); // 2>&1
                }
                break;
            } else {
                w.append(c);
            }
        }
        if (any || !w.isEmpty()) {
            out.add(w.toString());
        }
        return out;
    }

    /**
     * Why an OVSDB value as printed is cut short, or null when it is whole: strings close their quote, and
     * {@code [...]} / {@code {...}} close outside strings ({@code {a="1", b=} from a truncated line is not whole).
     */
    static String incomplete(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return "no value";
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        if (inString) {
            return "string value without its closing quote";
        }
        if (depth > 0) {
            return "value without its closing " + (v.charAt(0) == '{' ? "}" : "]");
        }
        return depth < 0 ? "unbalanced brackets in value" : null;
    }
}
