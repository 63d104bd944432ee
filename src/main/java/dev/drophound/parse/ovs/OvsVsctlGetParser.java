package dev.drophound.parse.ovs;

import dev.drophound.evidence.Block;
import dev.drophound.facts.OvsRecord;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovs-vsctl get <table> <record> <column>[:<key>]...}: one value per line, in the order the columns were
 * asked for, as OVSDB prints it ({@code {dpdk-init="true", pmd-cpu-mask="0x2"}}, {@code true}, {@code 1500},
 * {@code "DPDK 22.11.11"}, {@code []}, {@code down}). Gives one {@link OvsRecord} for the record with the columns
 * asked, named as on the command line ({@code mtu}, or {@code other_config:pmd-cpu-mask} for a map key, whose value is
 * then the key's value: {@code "0x2"}), and {@link OvsRecord#record()} = the record argument ({@code .}, {@code dpdk0}).
 *
 * <p>Table, record and columns come from the command; a file name can stand in ({@code ovs-vsctl-get-interface-dpdk0-mtu.txt},
 * sosreport's {@code ovs-vsctl_-t_5_get_Open_vSwitch_._other_config}, or just the column: {@code
 * ovs-vsctl-get-dpdk_initialized.a1.txt}); a table not named is told from the column (mtu -> Interface,
 * dpdk_initialized -> Open_vSwitch). Without either, only the map form is recognised, and only as the Open_vSwitch
 * row's other_config when its keys are that column's ({@code dpdk-*}, {@code pmd-*}, ...): a bare number, word or
 * string says nothing about what it is, so such output is not claimed, and values whose column is not known are
 * reported, not kept. A value cut short is malformed. {@code ovs-vsctl: no row "dpdk9" in table Interface} and
 * {@code ovs-vsctl: no key "x" in Open_vSwitch record "." column other_config} are tool messages.
 */
public final class OvsVsctlGetParser implements Parser {

    /** A one-line OVSDB map: {@code {key=value, "key"="value"}}. */
    private static final Pattern MAP = Pattern.compile("^\\s*\\{(?:[A-Za-z0-9_.:-]+|\"[^\"]*\")=.*}\\s*$");
    private static final Pattern MAP_KEY = Pattern.compile("(?:^\\s*\\{|, )([A-Za-z0-9_.:-]+|\"[^\"]*\")=");
    private static final Pattern FILE = Pattern.compile("(?i)ovs-vsctl(?:[-_][^/]*)?[-_]get[-_](.+)$");
    /** After the table in a file name: the record and one column ({@code -dpdk0-mtu.txt}, {@code _._other_config}). */
    private static final Pattern FILE_RECORD_COLUMN = Pattern.compile(
            "^[-_](\\.|[^-_./]+)[-_]([a-z][a-z0-9_]*)(?:\\.[^/]*)?$");
    private static final Pattern FILE_COLUMN = Pattern.compile("^([a-z][a-z0-9_]*)(?:\\.[^/]*)?$");

    @Override
    public String id() {
        return "ovs-vsctl-get";
    }

    @Override
    public String description() {
        return "ovs-vsctl get: OVSDB column values of one record (e.g. Open_vSwitch other_config, Interface mtu)";
    }

    @Override
    public List<String> examples() {
        return List.of("ovs-vsctl get Open_vSwitch . other_config", "ovs-vsctl get Open_vSwitch . dpdk_initialized",
                "ovs-vsctl get Interface dpdk0 mtu mtu_request error link_state");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return OvsText.nameScore(nameOrCommand, "ovs-vsctl", v -> v.equals("get"), FILE);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        if (OvsText.startsWithToolMessage(block, "ovs-vsctl")) {
            return 45;
        }
        if (!MAP.matcher(block.line(first)).matches()) {
            return 0;
        }
        return OvsText.openVswitchOtherConfig(mapKeys(block.line(first))) ? 70 : 30;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Target target = target(block);
        Map<String, String> columns = new LinkedHashMap<>();
        int first = -1;
        int last = -1;
        int k = 0;
        boolean reportedExtra = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (OvsText.isToolMessage(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            }
            String column = k < target.columns.size() ? target.columns.get(k) : null;
            if (column == null && k == 0 && MAP.matcher(line).matches()
                    && OvsText.openVswitchOtherConfig(mapKeys(line))) {
                column = "other_config";
                target = new Target("Open_vSwitch", target.record, List.of(column));
            }
            k++;
            if (column == null) {
                if (!reportedExtra) {
                    sink.warning(i, target.columns.isEmpty()
                            ? "a value whose column is not known (no ovs-vsctl get command or file name says it): not kept"
                            : "more values than the " + target.columns.size() + " column(s) the command or file name"
                                    + " names: the rest are not kept");
                    reportedExtra = true;
                } else {
                    sink.used(i);
                }
                continue;
            }
            sink.used(i);
            String problem = OvsText.incomplete(line);
            if (problem != null) {
                sink.malformed(i, problem + " (column " + column + " left out)");
                continue;
            }
            columns.put(column, line.strip());
            first = first < 0 ? i : first;
            last = i;
        }
        if (!columns.isEmpty()) {
            String table = target.table;
            if (table == null) {
                table = OvsText.guessTable(columns.keySet());
            }
            if (table == null && columns.containsKey("other_config")) {
                OvsRecord probe = new OvsRecord(null, columns, block.span(first));
                table = OvsText.openVswitchOtherConfig(probe.map("other_config").keySet()) ? "Open_vSwitch" : null;
            }
            sink.fact(new OvsRecord(table, columns, block.spanRange(first, last), target.record));
        }
    }

    private static Set<String> mapKeys(String line) {
        Set<String> keys = new java.util.HashSet<>();
        Matcher m = MAP_KEY.matcher(line);
        while (m.find()) {
            keys.add(m.group(1).replace("\"", ""));
        }
        return keys;
    }

    /** What was asked: table (null if not known), record, and the columns in order (empty if not known). */
    private record Target(String table, String record, List<String> columns) {
    }

    private static Target target(Block block) {
        OvsText.Invocation inv = OvsText.invocation(block.command(), "ovs-vsctl");
        if (inv != null && inv.verb().equals("get") && inv.args().size() >= 3) {
            List<String> args = inv.args();
            return new Target(OvsText.table(args.get(0)), args.get(1), List.copyOf(args.subList(2, args.size())));
        }
        String base = block.name().substring(block.name().lastIndexOf('/') + 1);
        Matcher f = FILE.matcher(base);
        if (f.find()) {
            String rest = f.group(1);
            String table = OvsText.tablePrefix(rest);
            if (table != null) {
                Matcher rc = FILE_RECORD_COLUMN.matcher(rest.substring(table.length()));
                if (rc.matches()) {
                    return new Target(table, rc.group(1), List.of(rc.group(2)));
                }
            } else {
                Matcher c = FILE_COLUMN.matcher(rest);
                if (c.matches()) {
                    return new Target(null, null, List.of(c.group(1)));
                }
            }
        }
        return new Target(null, null, List.of());
    }
}
