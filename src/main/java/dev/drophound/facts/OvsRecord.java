package dev.drophound.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One OVSDB row as {@code ovs-vsctl list <table>} prints it (or one column of it, from {@code ovs-vsctl get <table>
 * <record> <column>}): column name to value exactly as printed ({@code {dpdk-init="true", dpdk-socket-mem="1024,0"}},
 * {@code [9000]}, {@code []}, {@code "could not add network device"}). {@link #map} and {@link #scalar} decode the OVSDB
 * value syntax.
 *
 * @param table   {@code Open_vSwitch}, {@code Interface}, {@code Bridge}, {@code Port} (from the command or the
 *                columns), or null when it cannot be told
 * @param columns column to raw value, in printed order
 * @param record  the record {@code ovs-vsctl get <table> <record> ...} named ({@code .}, {@code dpdk0}, a UUID), as
 *                the command gave it; null for rows printed whole ({@code list}, {@code show})
 */
public record OvsRecord(String table, Map<String, String> columns, Span span, String record) implements Fact {

    public OvsRecord {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        Objects.requireNonNull(span, "span");
    }

    /** A row printed whole, with its columns ({@code list}, {@code show}). */
    public OvsRecord(String table, Map<String, String> columns, Span span) {
        this(table, columns, span, null);
    }

    /**
     * The row's {@code name} column without quotes, if it has one; else the record {@code ovs-vsctl get} named when
     * that is a name ({@code get Interface dpdk0 mtu} -> dpdk0), not {@code .} or a UUID.
     */
    public Optional<String> name() {
        Optional<String> column = scalar("name");
        if (column.isPresent() || record == null || record.equals(".")
                || record.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return column;
        }
        return Optional.of(unquote(record));
    }

    /**
     * A scalar column without OVSDB quoting: {@code "x"} -> x, {@code [9000]} -> 9000, {@code []} -> empty,
     * {@code 1500} -> 1500.
     */
    public Optional<String> scalar(String column) {
        String raw = columns.get(column);
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(unquote(v));
    }

    /** A map column ({@code {a="1", b=2}}) decoded; empty when absent or {@code {}}. */
    public Map<String, String> map(String column) {
        String raw = columns.get(column);
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        String v = raw.strip();
        if (v.startsWith("{") && v.endsWith("}")) {
            v = v.substring(1, v.length() - 1);
        }
        int i = 0;
        while (i < v.length()) {
            int eq = v.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = unquote(v.substring(i, eq).strip().replaceFirst("^,\\s*", ""));
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < v.length() && v.charAt(j) == '"') {
                j++;
                while (j < v.length() && v.charAt(j) != '"') {
                    if (v.charAt(j) == '\\' && j + 1 < v.length()) {
                        j++;
                    }
                    value.append(v.charAt(j++));
                }
                j++;
            } else {
                while (j < v.length() && v.charAt(j) != ',') {
                    value.append(v.charAt(j++));
                }
            }
            out.put(key, value.toString().strip());
            int comma = v.indexOf(',', j);
            i = comma < 0 ? v.length() : comma + 1;
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }
}
