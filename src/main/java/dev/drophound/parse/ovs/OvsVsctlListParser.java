package dev.drophound.parse.ovs;

import dev.drophound.evidence.Block;
import dev.drophound.facts.OvsRecord;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovs-vsctl list <table> [record...]} (also with {@code --columns=a,b,c}, and {@code find <table> ...}, which
 * prints the same way): one OVSDB row per paragraph, one {@code column : value} line per column, the name padded to
 * 20 characters ({@code "%-20s: "}, so a longer name is followed directly by the colon):
 *
 * <pre>
 * _uuid               : bd0d4806-8feb-4d4c-b9b0-744c725838f7
 * admin_state         : up
 * error               : []
 * ingress_policing_burst: 0
 * mtu_request         : 9000
 * options             : {dpdk-devargs="net_null0,no-rx=1"}
 * </pre>
 *
 * Each row becomes an {@link OvsRecord} with the values exactly as printed (maps and sets can be long lines). The
 * table comes from the command ({@code list interface} -> Interface, any case or a unique prefix), else the file name
 * ({@code ovs-vsctl-list-interface-dpdk0.txt}, sosreport's {@code ovs-vsctl_-t_5_list_Open_vSwitch}), else the
 * columns (dpdk_initialized / ovs_version -> Open_vSwitch; mtu_request / link_state / ofport -> Interface; interfaces
 * / vlan_mode -> Port; datapath_type / ports -> Bridge), else null. Rows are split at blank lines, and at a column
 * that repeats within a row (a paste that lost its blank lines). A value cut short ({@code {a="1", b=}) is malformed
 * and left out of its row; the row keeps its other columns. {@code ovs-vsctl: ...} lines ({@code no row "dpdk9" in
 * table Interface}, {@code database connection failed}) are tool messages. Verified on Open vSwitch 3.1.0 (Debian 12);
 * {@code --bare} and {@code --format=...} print differently and are not this format.
 */
public final class OvsVsctlListParser implements Parser {

    private static final Pattern COLUMN = Pattern.compile("^([a-z_][a-z0-9_]*)( *): (.*)$");
    private static final Pattern UUID_ROW = Pattern.compile(
            "^_uuid {15}: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\s*$");
    /** {@code list} in a file name, not {@code list-br} / {@code list-ports} / {@code list-ifaces} (names only). */
    private static final Pattern FILE = Pattern.compile(
            "(?i)ovs-vsctl(?:[-_][^/]*)?[-_]list(?:_|-(?!br\\b|ports\\b|ifaces\\b|zone)|\\.|$)(.*)$");

    @Override
    public String id() {
        return "ovs-vsctl-list";
    }

    @Override
    public String description() {
        return "ovs-vsctl list: OVSDB rows (Open_vSwitch config, Bridge, Port, Interface incl. its error column)";
    }

    @Override
    public List<String> examples() {
        return List.of("ovs-vsctl list Open_vSwitch", "ovs-vsctl list Interface dpdk0",
                "ovs-vsctl --columns=name,mtu,error list Interface", "sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        OvsText.Invocation inv = OvsText.invocation(nameOrCommand, "ovs-vsctl");
        if (inv != null) {
            boolean listing = inv.verb().equals("list") || inv.verb().equals("find");
            boolean otherFormat = inv.hasOption("--bare") || inv.hasOption("--format") || inv.hasOption("-f")
                    || inv.hasOption("--data");
            return listing && !otherFormat ? 95 : 0;
        }
        if (nameOrCommand == null || nameOrCommand.contains(" ")) {
            return 0;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return FILE.matcher(base).find() && !base.contains("bare") ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        if (UUID_ROW.matcher(block.line(first)).matches()) {
            return 95;
        }
        if (OvsText.startsWithToolMessage(block, "ovs-vsctl")) {
            return 45;
        }
        int padded = 0;
        for (int i = first; i < Math.min(block.size(), first + 5); i++) {
            if (padded(block.line(i))) {
                padded++;
            }
        }
        return padded >= 3 ? 85 : padded == 2 ? 60 : padded == 1 ? 25 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return UUID_ROW.matcher(line).matches();
    }

    /** A column line with ovs-vsctl's padding: the colon at position 20, or right after a longer name. */
    private static boolean padded(String line) {
        Matcher m = COLUMN.matcher(line);
        return m.matches() && line.indexOf(':') == Math.max(20, m.group(1).length());
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String table = table(block);
        int last = -1;
        for (int i = block.size() - 1; i >= 0 && last < 0; i--) {
            if (COLUMN.matcher(block.line(i)).matches()) {
                last = i;
            }
        }
        Row row = new Row();
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                row = row.emit(block, sink, table);
                continue;
            }
            if (OvsText.isToolMessage(line)) {
                row = row.emit(block, sink, table);
                sink.toolMessage(i, line.strip());
                continue;
            }
            Matcher m = COLUMN.matcher(line);
            if (!m.matches()) {
                if (i < last) {
                    sink.malformed(i, "expected 'column : value'");
                }
                continue;
            }
            String column = m.group(1);
            if (row.columns.containsKey(column)) {
                row = row.emit(block, sink, table);
            }
            row.touch(i);
            sink.used(i);
            String problem = OvsText.incomplete(m.group(3));
            if (problem != null) {
                sink.malformed(i, problem + " (column " + column + " left out)");
            } else {
                row.columns.put(column, m.group(3).strip());
            }
        }
        row.emit(block, sink, table);
    }

    /** The table from the command, else from the file name; null when neither says it. */
    private static String table(Block block) {
        OvsText.Invocation inv = OvsText.invocation(block.command(), "ovs-vsctl");
        if (inv != null && (inv.verb().equals("list") || inv.verb().equals("find")) && !inv.args().isEmpty()) {
            return OvsText.table(inv.args().get(0));
        }
        String base = block.name().substring(block.name().lastIndexOf('/') + 1);
        Matcher f = FILE.matcher(base);
        return f.find() ? OvsText.tablePrefix(f.group(1)) : null;
    }

    /** One row while it is read. */
    private static final class Row {
        final Map<String, String> columns = new LinkedHashMap<>();
        int first = -1;
        int last = -1;

        void touch(int i) {
            first = first < 0 ? i : first;
            last = i;
        }

        Row emit(Block block, ParseSink sink, String table) {
            if (first >= 0 && !columns.isEmpty()) {
                String t = table != null ? table : OvsText.guessTable(columns.keySet());
                sink.fact(new OvsRecord(t, columns, block.spanRange(first, last)));
            }
            return first < 0 ? this : new Row();
        }
    }
}
