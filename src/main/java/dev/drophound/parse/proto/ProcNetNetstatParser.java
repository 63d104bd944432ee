package dev.drophound.parse.proto;

import dev.drophound.evidence.Block;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/net/netstat} (also {@code /proc/<pid>/net/netstat} and a sosreport's
 * {@code proc/net/netstat}): the Linux-specific MIB extensions TcpExt, IpExt and, since 5.6, MPTcpExt, in the
 * same header-line/value-line pairs as /proc/net/snmp but with very long lines (TcpExt has ~80 columns on 3.10
 * and ~130 on 6.x, so names always come from the header). One {@code ProtocolCounters} per group; every
 * counter spans the header and value lines. MPTcpExt MPCurrEstab is a gauge and is not emitted. Odd lines: see
 * {@link HeaderValueTable}. Told apart from /proc/net/snmp by its group names.
 */
public final class ProcNetNetstatParser implements Parser {

    public static final String ID = "proc-net-netstat";

    private static final Pattern PATH = Pattern.compile("proc/(?:\\d+/|self/)?net/netstat(?![\\w])");
    private static final Pattern FILE = Pattern.compile("(?<![A-Za-z])proc[-_]net[-_]netstat(?![\\w])");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "/proc/net/netstat: TcpExt, IpExt and MPTcpExt counters (header line + value line per group)";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/netstat", "cat /proc/<pid>/net/netstat", "sosreport proc/net/netstat");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.mentions(nameOrCommand, PATH) || NameHints.mentions(nameOrCommand, FILE) ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        return HeaderValueTable.score(block, MibNames.NETSTAT_GROUPS, 95);
    }

    @Override
    public boolean startsOutput(String line) {
        return line.startsWith("TcpExt: SyncookiesSent ");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        HeaderValueTable.parse(block, sink, ID);
    }
}
