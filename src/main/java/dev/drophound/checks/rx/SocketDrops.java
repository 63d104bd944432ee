package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Fixes;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.SocketOwners;
import dev.drophound.checks.Words;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketTable;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.SocketRef;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import dev.drophound.model.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Sockets that dropped packets, by name: the per-socket drop counter ({@code drops} of /proc/net/udp,
 * udp6, raw, raw6; {@code skmem d} of ss), with the queue, the buffer and the owning process. The same socket
 * printed by several formats (ss gives the owner, /proc the inode) is merged by protocol, address and port.
 * Raw sockets that overflow leave no kfree_skb event: this counter is the only evidence.
 */
public final class SocketDrops implements Check {

    public static final String ID = "socket.drops";
    static final int MAX_SOCKETS = 20;
    /** A receive queue this full of its buffer means the application is not reading. */
    static final double FULL = 0.9;
    /**
     * Room below which the next datagram cannot fit: a small datagram's skb takes 768-1280 bytes of truesize
     * (fixture 01: one 200-byte datagram = 1280 bytes of Recv-Q in a 2304-byte buffer, and every further one dropped).
     */
    static final long ONE_SKB = 2048;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Per-socket drops (udp, udp6, raw, raw6, packet)";
    }

    @Override
    public Stage stage() {
        return Stage.SOCKET;
    }

    /** A socket as all formats together describe it. */
    private static final class Sock {
        final String key;
        final List<Series> drops = new ArrayList<>();
        final List<Observed<SocketEntry>> entries = new ArrayList<>();

        Sock(String key) {
            this.key = key;
        }

        SocketEntry latest() {
            return entries.stream().max(Comparator.comparingLong(o -> o.sample().order())).map(Observed::fact).orElseThrow();
        }

        List<SocketEntry.Owner> owners() {
            return entries.stream().flatMap(o -> o.fact().owners().stream()).distinct().toList();
        }

        /** Owners as ss -p printed them, else from /proc/PID/fd links to this socket's inode. */
        List<SocketEntry.Owner> owners(SocketOwners fromProc) {
            List<SocketEntry.Owner> printed = owners();
            Long inode = inode();
            return !printed.isEmpty() || inode == null ? printed : fromProc.of(inode);
        }

        Long rcvbuf() {
            return entries.stream().map(o -> o.fact().rcvbuf()).filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
        }

        Long inode() {
            return entries.stream().map(o -> o.fact().inode()).filter(i -> i != null && i != 0).findFirst().orElse(null);
        }

        /** Recv-Q in every sample that printed it, oldest first. */
        List<Long> recvQs() {
            return entries.stream().sorted(Comparator.comparingLong(o -> o.sample().order()))
                    .map(o -> o.fact().recvQ()).filter(Objects::nonNull).toList();
        }
    }

    @Override
    public CheckResult run(Case c) {
        SocketOwners fromProc = SocketOwners.of(c);
        Map<String, Sock> sockets = new LinkedHashMap<>();
        for (Observed<SocketEntry> o : c.all(SocketEntry.class)) {
            sockets.computeIfAbsent(mergeKey(o.fact()), Sock::new).entries.add(o);
        }
        boolean anyDropsField = false;
        for (Observed<SocketEntry> o : c.all(SocketEntry.class)) {
            if (o.fact().drops() != null) {
                anyDropsField = true;
                Sock s = sockets.get(mergeKey(o.fact()));
                c.series(o.fact().counters().get(0).key()).stream()
                        .filter(x -> x.subject().equals(o.subject()) && !s.drops.contains(x)).forEach(s.drops::add);
            }
        }
        if (!anyDropsField && c.all(SocketTable.class).stream().anyMatch(t -> t.fact().dropsColumn())) {
            List<String> read = c.all(SocketTable.class).stream().filter(t -> t.fact().dropsColumn())
                    .map(t -> t.fact().protocol()).distinct().toList();
            Finding.Builder b = Finding.builder(ID, Stage.SOCKET, "Sockets: none open").severity(Severity.OK)
                    .summary("No " + String.join(", ", read) + " sockets were open (their tables were read, empty), so "
                            + "no socket could drop.")
                    .confidence(Confidence.HIGH, "socket tables read");
            c.all(SocketTable.class).stream().filter(t -> t.fact().dropsColumn()).limit(4).forEach(t -> b.evidence(t.fact().span()));
            return CheckResult.of(List.of(b.build()));
        }
        if (!anyDropsField) {
            return CheckResult.missing("/proc/net/udp, /proc/net/udp6, /proc/net/raw6 or ss -uamp / ss -wamp (drops)");
        }
        OptionalLong rmemDefault = Lookup.sysctlLong(c, "net.core.rmem_default");
        OptionalLong rmemMax = Lookup.sysctlLong(c, "net.core.rmem_max");
        List<Finding> out = new ArrayList<>();
        List<Sock> dropping = new ArrayList<>();
        int checked = 0;
        for (Sock s : sockets.values()) {
            if (s.drops.isEmpty()) {
                continue;
            }
            checked++;
            Growth g = Growth.of(Case.best(s.drops).orElseThrow(), "drops");
            if (g.positive()) {
                dropping.add(s);
            }
        }
        dropping.sort(Comparator.comparingLong((Sock s) -> Growth.of(Case.best(s.drops).orElseThrow(), "").increase()).reversed());
        for (Sock s : dropping.subList(0, Math.min(MAX_SOCKETS, dropping.size()))) {
            out.add(finding(s, rmemDefault, rmemMax, fromProc));
        }
        if (dropping.size() > MAX_SOCKETS) {
            out.add(Finding.builder(ID, Stage.SOCKET, "More sockets dropping").severity(Severity.INFO)
                    .summary((dropping.size() - MAX_SOCKETS) + " more sockets dropped packets; listed are the "
                            + MAX_SOCKETS + " with most drops.").confidence(Confidence.HIGH, "counted").build());
        }
        if (dropping.isEmpty()) {
            out.add(Finding.builder(ID, Stage.SOCKET, "Sockets: no drops").severity(Severity.OK)
                    .summary(checked + " socket" + (checked == 1 ? "" : "s") + " with a drop counter, none dropped.")
                    .confidence(Confidence.HIGH, "per-socket drop counters read").build());
        }
        return CheckResult.of(out);
    }

    /** udp6 and udp, :: and 0.0.0.0 and * are the same for matching /proc with ss. */
    public static String mergeKey(SocketEntry e) {
        String proto = e.protocol().replaceAll("6$", "");
        String addr = e.local().address();
        if (addr.equals("0.0.0.0") || addr.equals("::") || addr.equals("*")) {
            addr = "*";
        }
        return proto + " " + addr + " " + e.local().port();
    }

    private Finding finding(Sock s, OptionalLong rmemDefault, OptionalLong rmemMax, SocketOwners fromProc) {
        Growth g = Growth.of(Case.best(s.drops).orElseThrow(), "drops");
        SocketEntry e = s.latest();
        Long rb = s.rcvbuf();
        // /proc and ss without skmem do not print the buffer: most applications keep rmem_default
        boolean rbAssumed = rb == null && rmemDefault.isPresent();
        Long limit = rb != null ? rb : rbAssumed ? rmemDefault.getAsLong() : null;
        List<Long> queues = s.recvQs();
        Long recvQ = queues.isEmpty() ? null : queues.get(queues.size() - 1);
        boolean full = recvQ != null && limit != null && limit > 0 && recvQ > 0
                && (recvQ >= FULL * limit || limit - recvQ < ONE_SKB);
        // the queue stood still at its last two samples while drops went on: nobody reads
        boolean stuck = g.isDelta() && queues.size() >= 2 && recvQ != null && recvQ > 0
                && queues.get(queues.size() - 2).equals(recvQ) && s.drops.stream().anyMatch(x -> x.points().size() >= 2
                && x.points().get(x.points().size() - 1).value() > x.points().get(x.points().size() - 2).value());
        boolean notReading = full || stuck;
        List<SocketEntry.Owner> owners = s.owners(fromProc);
        String who = owners.isEmpty() ? "" : " (" + String.join(", ", owners.stream()
                .map(o -> o.command() + " pid " + o.pid()).distinct().toList()) + ")";
        String proto = e.protocol();
        String name = proto + " " + e.local() + who;
        Severity severity;
        if (g.isDelta()) {
            Double r = g.perSecond();
            severity = notReading || r != null && r >= 100 ? Severity.CRITICAL : Severity.WARNING;
        } else {
            // one sample: the count is this socket's lifetime; data still queued means it is still behind
            severity = full || recvQ != null && recvQ > 0 ? Severity.WARNING : Severity.INFO;
        }
        StringBuilder summary = new StringBuilder("Socket ").append(name).append(" dropped ").append(g.amount())
                .append(' ').append(g.cite());
        if (recvQ != null) {
            summary.append("; Recv-Q ").append(Words.count(recvQ)).append(" bytes");
            if (rb != null) {
                summary.append(" of a ").append(Words.count(rb)).append("-byte receive buffer");
            } else if (rbAssumed) {
                summary.append(" (net.core.rmem_default is ").append(Words.count(limit)).append(')');
            }
        }
        if (notReading) {
            summary.append(": the buffer is full and ").append(stuck ? "stayed full across samples" : "drops keep coming")
                    .append(", so the application is not reading this socket");
        }
        summary.append('.');
        Finding.Builder b = Finding.builder(ID, Stage.SOCKET, "Drops on " + proto + " " + e.local())
                .severity(severity)
                .summary(summary.toString())
                .loss(g.loss())
                .confidence(g.confidence(), g.confidenceReason());
        g.spans().forEach(b::evidence);
        s.entries.stream().filter(o -> !o.fact().owners().isEmpty() || o.fact().rcvbuf() != null).findFirst()
                .ifPresent(o -> b.evidence(o.fact().span()));
        if (s.owners().isEmpty() && s.inode() != null) {
            fromProc.spans(s.inode()).forEach(b::evidence);
        }
        Integer pid = owners.isEmpty() ? null : owners.get(0).pid();
        String command = owners.isEmpty() ? null : owners.get(0).command();
        b.socket(new SocketRef(proto, e.local().address(), e.local().port(),
                e.remote() == null ? null : e.remote().toString(), s.inode(), pid, command,
                owners.stream().map(o -> o.command() + " (pid " + o.pid() + ")").distinct().toList(),
                g.increase(), g.perSecond(), recvQ, rb));
        String app = command != null ? command + " (pid " + pid + ")" : "the application that owns it"
                + (s.inode() != null ? " (socket inode " + s.inode() + "; find it with: ls -l /proc/*/fd | grep " + s.inode() + ")" : "");
        if (proto.startsWith("raw")) {
            b.explanation("A raw socket receives a copy of every packet of its protocol (" + e.local().port()
                    + " = " + protocolName(e.local().port()) + "); when its owner does not read it, the buffer fills and "
                    + "each further copy is dropped. The kernel checks the buffer before cloning the packet, so these "
                    + "drops leave no skb:kfree_skb trace event: this counter is the only evidence. Routing daemons "
                    + "that open ICMPv6 raw sockets and stop reading them are a known case.");
            b.fix(new Remediation("fix or restart " + app, "the socket is not being read; the application must read it, "
                    + "close it when it does not need it, or set a small SO_RCVBUF so an idle socket cannot hold much "
                    + "memory", null, null));
        } else if (proto.startsWith("packet")) {
            b.explanation("An AF_PACKET socket (a capture, LLDP or DHCP daemon) gets a copy of every frame on its "
                    + "interface; when it is not read, copies are dropped (reason PACKET_SOCK_ERROR in traces, which "
                    + "miss the copies of outgoing frames).");
            b.fix(new Remediation("fix or stop " + app, "a capture that nobody reads costs a copy of every frame", null, null));
        } else {
            b.explanation("Datagrams arrived while this socket's receive buffer was full. "
                    + (rb != null && rmemDefault.isPresent() && rb < rmemDefault.getAsLong() / 2
                    ? "Its buffer (" + Words.count(rb) + " bytes) is far below net.core.rmem_default ("
                    + Words.count(rmemDefault.getAsLong()) + "): the application set a small SO_RCVBUF. " : "")
                    + (notReading ? "The queue is full, so the application is not reading (blocked, busy or hung). "
                    : "The application reads, but not fast enough for the bursts. ")
                    + "Larger buffers absorb bursts; only reading faster fixes a steady overload.");
            // the kernel doubles SO_RCVBUF and caps the request at rmem_max: a buffer at 2 x rmem_max asked for more
            boolean capped = rb != null && rmemMax.isPresent() && rb >= 2 * rmemMax.getAsLong() * 0.95;
            if (capped) {
                b.fix(Fixes.sysctl("net.core.rmem_max", Math.max(26_214_400L, 4 * rmemMax.getAsLong()),
                        "this socket's buffer (" + Words.count(rb) + " bytes) is at the cap net.core.rmem_max sets ("
                                + Words.count(rmemMax.getAsLong()) + " bytes, doubled by the kernel): the application "
                                + "asked for more and did not get it",
                        "the socket may then hold that much kernel memory while its reader stalls"));
            }
            b.fix(new Remediation("have " + app + " read faster or set a larger SO_RCVBUF",
                    "the socket's own buffer is what overflowed"
                            + (rmemMax.isPresent() ? "; SO_RCVBUF is capped by net.core.rmem_max ("
                            + Words.count(rmemMax.getAsLong()) + " bytes)" : ""), null,
                    "each byte of buffer is kernel memory held while the reader stalls"));
        }
        return b.build();
    }

    private static String protocolName(String port) {
        return switch (port) {
            case "1" -> "ICMP";
            case "58" -> "ICMPv6";
            case "2" -> "IGMP";
            case "6" -> "TCP";
            case "17" -> "UDP";
            case "89" -> "OSPF";
            case "112" -> "VRRP";
            case "255" -> "any protocol";
            default -> "IP protocol " + port;
        };
    }
}
