package dev.drophound.parse.socket;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cat /proc/net/packet}: AF_PACKET sockets (tcpdump, DHCP/LLDP daemons, raw capture), one
 * {@link SocketEntry} of protocol {@code packet} per row.
 *
 * <pre>
 * sk               RefCnt Type Proto  Iface R Rmem   User   Inode
 * 00000000105be762 3      3    0003   1     1 212992 0      119993
 * </pre>
 *
 * The local endpoint is the bound ethertype and interface index as printed: address {@code *} for ETH_P_ALL
 * ({@code 0003}), else the ethertype in decimal as {@code ss -0n} prints it ({@code 0800} -> 2048), port the
 * {@code Iface} index ({@code 0} = any). {@code Rmem} is the bytes queued for the application (sk_rmem_alloc,
 * not the buffer size) and becomes recvQ; {@code User} the uid. There is no drop counter in this file: packet
 * socket drops are only in {@code ss -0 -m} ({@code skmem d}). The {@code sk} pointer (hashed on new kernels),
 * {@code RefCnt}, {@code Type} and the running flag {@code R} are not kept. A row with fewer than 9 values or a
 * value that is not a number is reported as malformed; the other rows are kept.
 */
public final class ProcNetPacketParser implements Parser {

    private static final Pattern NAME = Pattern.compile("proc[/_-](?:(?:\\d+|self)[/_-])?net[/_-]packet(?![\\w])");
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*sk\\s+RefCnt\\s+Type\\s+Proto\\s+Iface\\s+R\\s+Rmem\\s+User\\s+Inode\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\p{XDigit}{8,16}\\s+\\d+\\s.*");

    @Override
    public String id() {
        return "proc-net-packet";
    }

    @Override
    public String description() {
        return "/proc/net/packet: AF_PACKET sockets with their queued bytes";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/net/packet");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size(); i++) {
            if (!block.line(i).isBlank()) {
                return HEADER.matcher(block.line(i)).matches() ? 95 : 0;
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
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (HEADER.matcher(line).matches()) {
                sink.used(i);
                continue;
            }
            if (!ROW.matcher(line.strip()).matches()) {
                continue; // not a row: left to the sink
            }
            String[] t = line.strip().split("\\s+");
            if (t.length < 9) {
                sink.malformed(i, "expected 9 values (sk RefCnt Type Proto Iface R Rmem User Inode), got " + t.length);
                continue;
            }
            Long proto = Numbers.hex(t[3]);
            Long iface = Numbers.decimal(t[4]);
            Long rmem = Numbers.decimal(t[6]);
            Long user = Numbers.decimal(t[7]);
            Long inode = Numbers.decimal(t[8]);
            if (proto == null || iface == null || rmem == null || user == null || inode == null) {
                sink.malformed(i, "Proto must be hex and Iface, Rmem, User, Inode decimal");
                continue;
            }
            String address = proto == 0x0003 ? "*" : Long.toString(proto); // ETH_P_ALL
            sink.used(i);
            sink.fact(new SocketEntry("packet", new Endpoint(address, t[4]), null, null, rmem, null, inode,
                    user.intValue(), null, null, null, null, block.span(i)));
        }
    }
}
