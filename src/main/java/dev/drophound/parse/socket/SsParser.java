package dev.drophound.parse.socket;

import dev.drophound.evidence.Block;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.facts.SocketEntry.Owner;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * iproute2 {@code ss} socket listings ({@code ss -uanmp}, {@code ss -tiepm}, {@code ss -0anmp}, {@code ss -xanmp},
 * {@code ss -tnpOHoemi}, ...): one {@link SocketEntry} per socket.
 *
 * <pre>
 * State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
 * UNCONN 1280   0          127.0.0.1:47001      0.0.0.0:*    users:(("python3",pid=24888,fd=3)) ino:119456 sk:7 cgroup:/ &lt;-&gt;
 * 	 skmem:(r1280,rb2304,t0,tb212992,f2816,w0,o0,bl0,d3149)
 * </pre>
 *
 * Variants: the {@code Netid} column only when several kinds are listed, {@code State} only when several states
 * are ({@code ss -nump}, {@code ss -w}, {@code ss -0} have none), {@code Port} and {@code Process} glued in the
 * header, no header at all ({@code -H}); {@code skmem:(...)} and TCP {@code -i} info on TAB-indented lines
 * (UDP/TCP) or on the socket line (packet and unix sockets, {@code -O}); skmem without {@code d} before Linux 4.x
 * (drops null then). The protocol is the Netid ({@code p_raw}/{@code p_dgr} -> packet, {@code u_*} -> unix,
 * {@code nl} -> netlink), else the flags of the command or file name ({@code -u}, {@code --udp},
 * {@code ss-wanmp.01.txt}), else tcp when the command is ss without a kind (old ss listed only TCP), else
 * {@code inet} with a warning; {@code 6} is appended for IPv6 local addresses ({@code *} is family-unknown).
 * Unix sockets print {@code path inode} as address and port (the inode is kept as inode too). Messages ss prints on stderr ({@code Failed to
 * find cgroup2 mount}, {@code RTNETLINK answers: ...}) are tool messages. A socket line with a non-number queue
 * or missing addresses is malformed; a line cut inside {@code users:(} or {@code skmem:(} keeps the socket with
 * what was complete and is reported too. Lines of other shapes (an author's {@code ...}) are left to the sink.
 */
public final class SsParser implements Parser {

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(?:Netid\\s+)?(?:State\\s+)?Recv-Q\\s+Send-Q\\s+Local\\s+Address:Port\\s+Peer\\s+Address:Port.*");
    private static final Pattern TOOL_MESSAGE = Pattern.compile("^(?:Failed to .*|RTNETLINK answers: .*)$");
    private static final Set<String> NETIDS = Set.of("tcp", "udp", "raw", "u_str", "u_dgr", "u_seq", "p_raw", "p_dgr",
            "nl", "sctp", "dccp", "mptcp", "tipc", "v_str", "v_dgr", "xdp");
    private static final Set<String> STATES = Set.of("UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1",
            "FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING");
    private static final Set<String> INET = Set.of("tcp", "udp", "raw", "sctp", "dccp", "mptcp", "inet");

    @Override
    public String id() {
        return "ss";
    }

    @Override
    public String description() {
        return "iproute2 ss socket listing: queues, skmem (buffer, drops) and owning processes per socket";
    }

    @Override
    public List<String> examples() {
        return List.of("ss -uanmp", "ss -tanmpie", "ss -wanmp", "ss -0anmp", "ss -xanmp", "ss -tnpOHoemi");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        SsInvocation ss = invocation(nameOrCommand);
        return !ss.isSs() ? 0 : ss.summary() ? 5 : ss.fromCommand() ? 90 : 85;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 30; i++) {
            String line = block.line(i);
            if (line.isBlank() || TOOL_MESSAGE.matcher(line).matches()) {
                continue;
            }
            seen++;
            if (HEADER.matcher(line).matches()) {
                return 95;
            }
            List<String> w = SsFields.words(line);
            if (!startsSocket(w) || read(w, false) == null) {
                return 0;
            }
            // headerless (-H): ss's own state names, netids and annotations tell it from netstat's rows
            boolean ssOnly = STATES.contains(w.get(0)) || NETIDS.contains(w.get(0)) && STATES.contains(w.get(1))
                    || line.contains("users:((") || line.contains("skmem:(") || line.contains(" ino:");
            return ssOnly ? 70 : 30;
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return HEADER.matcher(line).matches();
    }

    /** One socket line read into its columns; {@code rest} holds the words after the peer. */
    private record Row(String netid, String state, long recvQ, long sendQ, Endpoint local, Endpoint peer,
            List<String> rest) {
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        SsInvocation ss = invocation(block.nameOrCommand());
        if (!ss.isSs() && block.command() != null) {
            ss = SsInvocation.ofFileName(block.name());
        }
        Socket current = null;
        boolean warned = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> w = SsFields.words(line);
            boolean indented = Character.isWhitespace(line.charAt(0));
            if (indented && !startsSocket(w) && current != null) {
                current.add(i, w, sink); // skmem and/or TCP info of the socket above
                continue;
            }
            flush(current, block, sink);
            current = null;
            if (HEADER.matcher(line).matches()) {
                sink.used(i);
            } else if (TOOL_MESSAGE.matcher(line.strip()).matches()) {
                sink.toolMessage(i, line.strip());
            } else if (startsSocket(w)) {
                Row row = read(w, "unix".equals(ss.protocol()));
                if (row == null) {
                    sink.malformed(i, "expected [Netid] [State] Recv-Q Send-Q local-address:port peer-address:port");
                    current = Socket.BROKEN;
                    continue;
                }
                String protocol = protocol(row, ss);
                if (protocol.startsWith("inet") && !warned) {
                    warned = true;
                    sink.warning(i, "no Netid column and no -t/-u/-w/-0/-x in the command or file name: protocol"
                            + " recorded as " + protocol);
                }
                current = new Socket(protocol, row, i);
                current.add(i, row.rest(), sink);
            }
        }
        flush(current, block, sink);
    }

    private static SsInvocation invocation(String nameOrCommand) {
        SsInvocation ss = SsInvocation.ofCommand(nameOrCommand);
        return ss.isSs() ? ss : SsInvocation.ofFileName(nameOrCommand);
    }

    private static boolean startsSocket(List<String> w) {
        return !w.isEmpty() && (NETIDS.contains(w.get(0)) || STATES.contains(w.get(0)) || Numbers.decimal(w.get(0)) != null);
    }

    /** The columns of a socket line, or null if it does not have them. */
    private static Row read(List<String> w, boolean unixByFlags) {
        int k = 0;
        String netid = NETIDS.contains(w.get(0)) ? w.get(k++) : null;
        String state = k < w.size() && STATES.contains(w.get(k)) ? w.get(k++) : null;
        boolean unix = netid != null ? netid.startsWith("u_") : unixByFlags;
        int width = unix ? 2 : 1; // unix sockets print "path inode"
        if (w.size() < k + 2 + 2 * width) {
            return null;
        }
        Long recvQ = Numbers.decimal(w.get(k));
        Long sendQ = Numbers.decimal(w.get(k + 1));
        k += 2;
        Endpoint local = unix ? new Endpoint(w.get(k), w.get(k + 1)) : SsFields.endpoint(w.get(k));
        k += width;
        String p = w.get(k);
        Endpoint peer = unix ? new Endpoint(p, w.get(k + 1)) : p.equals("*") ? null : SsFields.endpoint(p);
        k += width;
        if (recvQ == null || sendQ == null || local == null || peer == null && !p.equals("*")) {
            return null;
        }
        return new Row(netid, state, recvQ, sendQ, local, peer, w.subList(k, w.size()));
    }

    private static String protocol(Row row, SsInvocation ss) {
        String base;
        if (row.netid() != null) {
            base = switch (row.netid()) {
                case "p_raw", "p_dgr" -> "packet";
                case "u_str", "u_dgr", "u_seq" -> "unix";
                case "nl" -> "netlink";
                default -> row.netid();
            };
        } else if (ss.protocol() != null) {
            base = ss.protocol();
        } else {
            base = ss.isSs() && ss.protocols().isEmpty() ? "tcp" : "inet";
        }
        return INET.contains(base) && Addresses.isIpv6(row.local().address()) ? base + "6" : base;
    }

    private static void flush(Socket s, Block block, ParseSink sink) {
        if (s != null && s != Socket.BROKEN) {
            Row r = s.row;
            Map<String, Long> skmem = s.skmem;
            sink.fact(new SocketEntry(s.protocol, r.local(), r.peer(), r.state(), r.recvQ(), r.sendQ(), s.inode,
                    s.uid, skmem == null ? null : skmem.get("d"), skmem == null ? null : skmem.get("rb"), skmem,
                    s.owners, block.spanRange(s.first, s.last)));
        }
    }

    /** A socket being read: its line and the indented lines after it. */
    private static final class Socket {
        static final Socket BROKEN = new Socket(null, null, -1);

        final String protocol;
        final Row row;
        final int first;
        int last;
        Long inode;
        Integer uid;
        Map<String, Long> skmem;
        List<Owner> owners = List.of();

        Socket(String protocol, Row row, int first) {
            this.protocol = protocol;
            this.row = row;
            this.first = first;
            this.last = first;
            if ("unix".equals(protocol)) {
                inode = Numbers.decimal(row.local().port()); // ss prints "path inode" for unix sockets
            }
        }

        /** Reads the annotations of line {@code i}: users, ino, uid, skmem; TCP info words are skipped. */
        void add(int i, List<String> words, ParseSink sink) {
            sink.used(i);
            if (this == BROKEN) {
                return; // the continuation of a malformed socket line, already reported
            }
            last = i;
            for (String word : words) {
                if (!SsFields.closed(word)) {
                    sink.malformed(i, "line cut off inside \"" + word + "\": kept what came before");
                } else if (word.startsWith("users:(")) {
                    owners = SsFields.owners(word);
                } else if (word.startsWith("skmem:(")) {
                    skmem = SsFields.skmem(word);
                    if (skmem == null) {
                        sink.malformed(i, "skmem values are not letter+number pairs: " + word);
                    }
                } else if (word.startsWith("ino:")) {
                    inode = Numbers.decimal(word.substring(4));
                } else if (word.startsWith("uid:")) {
                    Long v = Numbers.decimal(word.substring(4));
                    uid = v == null ? null : v.intValue();
                }
            }
        }
    }
}
