package dev.drophound.parse.socket;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketTable;
import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/net/udp} and its siblings {@code udp6}, {@code udplite}, {@code udplite6}, {@code raw},
 * {@code raw6}, {@code tcp}, {@code tcp6}, {@code icmp}, {@code icmp6} (also under {@code /proc/<pid>/net/}):
 * one {@link SocketEntry} per row.
 *
 * <pre>
 *    sl  local_address rem_address   st tx_queue rx_queue tr tm-&gt;when retrnsmt   uid  timeout inode ref pointer drops
 *  5951: 0100007F:B799 00000000:0000 07 00000000:00000500 00:00000000 00000000     0        0 119456 2 00000000f5c3192a 3149
 * </pre>
 *
 * Addresses are hex words (see {@link Addresses}); {@code st} is translated to ss's names (07 is UNCONN for
 * datagram and raw sockets, CLOSE for TCP; an unknown state stays as its hex); {@code tx_queue:rx_queue} are
 * hex byte counts (for a TCP LISTEN socket rx_queue is the accept queue length); {@code drops} is a decimal
 * 32-bit counter that tcp files and kernels before 2.6.25 do not have (drops null). For raw sockets the "port"
 * is the IP protocol (58 = ICMPv6). TCP rows carry extra columns, TIME-WAIT rows fewer; both are fine.
 *
 * <p>The protocol comes from the file name or command ({@code /proc/net/raw6}, {@code proc-net-raw6.after.txt},
 * {@code proc/net/udp}); if neither says, a header without {@code drops} means TCP, otherwise the family is
 * taken from the address width ({@code inet}/{@code inet6}) and a warning says udp and raw could not be told
 * apart. The header may be missing ({@code cat /proc/net/udp | grep B799}). Rows that do not parse are reported
 * as malformed with their line; the other rows are kept.
 */
public final class ProcNetInetSocketsParser implements Parser {

    private static final Pattern NAME = Pattern.compile(
            "proc[/_-](?:(?:\\d+|self)[/_-])?net[/_-](tcp6|tcp|udplite6|udplite|udp6|udp|raw6|raw|icmp6|icmp)(?![\\w])");
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*sl\\s+local_address\\s+(?:rem|remote)_address\\s+st\\s+tx_queue\\s+rx_queue\\b.*");
    private static final Pattern ROW = Pattern.compile(
            "^\\s*\\d+:\\s+\\p{XDigit}{8,32}:\\p{XDigit}{4}\\s+\\p{XDigit}{8,32}:\\p{XDigit}{4}\\s+\\p{XDigit}{2}\\s.*");
    private static final String[] STATES = {null, "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
        "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING"};

    @Override
    public String id() {
        return "proc-net-sockets";
    }

    @Override
    public String description() {
        return "/proc/net/udp, udp6, udplite, raw, raw6, tcp, tcp6: the kernel's socket tables with queues and drops";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/udp", "cat /proc/net/udp6", "cat /proc/net/raw6", "cat /proc/net/tcp",
                "cat /proc/net/udplite");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (!line.isBlank()) {
                return HEADER.matcher(line).matches() ? 95 : ROW.matcher(line).matches() ? 85 : 0;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return HEADER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        Matcher named = NAME.matcher(block.nameOrCommand());
        String protocol = named.find() ? named.group(1) : null;
        if (protocol == null && block.command() != null) {
            Matcher byFile = NAME.matcher(block.name());
            protocol = byFile.find() ? byFile.group(1) : null;
        }
        Boolean hasDrops = protocol == null ? null : !protocol.startsWith("tcp");
        boolean guessed = false;
        int header = -1;
        int rows = 0;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (HEADER.matcher(line).matches()) {
                sink.used(i);
                header = header < 0 ? i : header;
                hasDrops = line.contains("drops"); // the header knows: tcp and pre-2.6.25 kernels have none
                if (protocol == null && !hasDrops) {
                    protocol = "tcp";
                }
                continue;
            }
            if (!line.strip().matches("\\d+:\\s.*")) {
                continue; // not a row: left to the sink (prose, junk)
            }
            String[] t = line.strip().split("\\s+");
            boolean drops = hasDrops != null ? hasDrops : t.length == 13;
            int needed = drops ? 13 : 10;
            if (t.length < needed) {
                sink.malformed(i, "expected at least " + needed + " fields, got " + t.length);
                continue;
            }
            Endpoint local = Addresses.procEndpoint(t[1]);
            Endpoint remote = Addresses.procEndpoint(t[2]);
            Long state = Numbers.hex(t[3]);
            String[] queues = t[4].split(":");
            Long tx = queues.length == 2 ? Numbers.hex(queues[0]) : null;
            Long rx = queues.length == 2 ? Numbers.hex(queues[1]) : null;
            Long uid = Numbers.decimal(t[7]);
            Long inode = Numbers.decimal(t[9]);
            Long dropCount = drops ? Numbers.decimal(t[12]) : null;
            if (local == null || remote == null || state == null || tx == null || rx == null || uid == null
                    || inode == null || drops && dropCount == null) {
                sink.malformed(i, "a field is not the hex/decimal number this table prints");
                continue;
            }
            String proto = protocol;
            if (proto == null) {
                proto = Addresses.isIpv6(local.address()) ? "inet6" : "inet";
                if (!guessed) {
                    guessed = true;
                    sink.warning(i, "the file name or command does not say udp, udplite or raw, which print the"
                            + " same table: protocol recorded as " + proto);
                }
            }
            sink.used(i);
            rows++;
            sink.fact(new SocketEntry(proto, local, remote, state(state, proto), rx, tx, inode, uid.intValue(),
                    dropCount, null, null, null, block.span(i)));
        }
        if (header >= 0 && protocol != null) {
            sink.fact(new SocketTable(protocol, rows, Boolean.TRUE.equals(hasDrops), block.span(header)));
        }
    }

    private static String state(long st, String protocol) {
        if (st == 7 && protocol.startsWith("tcp")) {
            return "CLOSE";
        }
        return st > 0 && st < STATES.length ? STATES[(int) st] : String.format("%02X", st);
    }
}
