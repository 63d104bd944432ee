package dev.drophound.checks.mem;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Fixes;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.SocketOwners;
import dev.drophound.checks.Words;
import dev.drophound.facts.SocketEntry;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Sockets that hold memory because nobody reads them: data waiting in a receive queue is kernel memory until the
 * application reads it. A large Recv-Q ({@code ss}, {@code rx_queue} of /proc/net/udp, raw6...) on one socket is an
 * application that stopped reading; with a large {@code net.core.rmem_default} every new socket may hold that much
 * (seed 004: a routing daemon's ICMPv6 raw socket, never read, with rmem_default at 50 MB, until memory ran out).
 */
public final class SocketQueues implements Check {

    public static final String ID = "mem.socket-queues";
    /** A receive queue this large is memory worth naming. */
    static final long LARGE = 8L * 1024 * 1024;
    /** rmem_default above this sizes every new socket generously (the kernel's default is 212992). */
    static final long LARGE_DEFAULT = 4L * 1024 * 1024;
    static final int MAX = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Memory held in socket receive queues";
    }

    @Override
    public Stage stage() {
        return Stage.MEMORY;
    }

    /**
     * One entry per socket at the latest sample: the formats that print it (/proc and ss) merged by protocol,
     * address and port, keeping the one that names its owner or its buffer.
     */
    static java.util.Map<String, Observed<SocketEntry>> merged(Case c) {
        java.util.Map<String, Observed<SocketEntry>> out = new java.util.LinkedHashMap<>();
        for (Observed<SocketEntry> o : c.latest(SocketEntry.class, SocketEntry::identity).values()) {
            out.merge(dev.drophound.checks.rx.SocketDrops.mergeKey(o.fact()), o, (a, b) -> score(b) > score(a) ? b : a);
        }
        return out;
    }

    private static int score(Observed<SocketEntry> o) {
        return (o.fact().owners().isEmpty() ? 0 : 2) + (o.fact().rcvbuf() == null ? 0 : 1);
    }

    /** Bytes waiting in receive queues, all sockets together. */
    static long total(Case c) {
        return merged(c).values().stream().filter(o -> o.fact().recvQ() != null).mapToLong(o -> o.fact().recvQ()).sum();
    }

    @Override
    public CheckResult run(Case c) {
        var latest = merged(c);
        if (latest.isEmpty()) {
            return CheckResult.missing("socket tables with Recv-Q (ss -uam, /proc/net/udp, /proc/net/raw6)");
        }
        List<Observed<SocketEntry>> big = new ArrayList<>(latest.values().stream()
                .filter(o -> o.fact().recvQ() != null && o.fact().recvQ() >= LARGE).toList());
        OptionalLong rmemDefault = Lookup.sysctlLong(c, "net.core.rmem_default");
        if (big.isEmpty()) {
            long sum = latest.values().stream().filter(o -> o.fact().recvQ() != null).mapToLong(o -> o.fact().recvQ()).sum();
            return CheckResult.of(List.of(Finding.builder(ID, Stage.MEMORY, "Socket queues: little held")
                    .severity(Severity.OK)
                    .summary("Receive queues hold " + Words.bytes(sum) + " in all (" + latest.size() + " sockets).")
                    .confidence(Confidence.HIGH, "Recv-Q of every socket read").build()));
        }
        big.sort(Comparator.comparingLong((Observed<SocketEntry> o) -> o.fact().recvQ()).reversed());
        SocketOwners owners = SocketOwners.of(c);
        List<Finding> out = new ArrayList<>();
        for (Observed<SocketEntry> o : big.subList(0, Math.min(MAX, big.size()))) {
            SocketEntry e = o.fact();
            List<SocketEntry.Owner> who = !e.owners().isEmpty() || e.inode() == null ? e.owners() : owners.of(e.inode());
            String app = who.isEmpty() ? "its application" + (e.inode() == null ? "" : " (socket inode " + e.inode() + ")")
                    : String.join(", ", who.stream().map(w -> w.command() + " pid " + w.pid()).distinct().toList());
            Finding.Builder b = Finding.builder(ID, Stage.MEMORY, "Socket holds " + Words.bytes(e.recvQ()) + " unread: "
                    + e.protocol() + " " + e.local())
                    .severity(Severity.WARNING)
                    .summary("Socket " + e.protocol() + " " + e.local() + " (" + app + ") holds " + Words.bytes(e.recvQ())
                            + " of data nobody has read" + (e.rcvbuf() == null ? "" : ", in a receive buffer of "
                            + Words.bytes(e.rcvbuf())) + ": kernel memory until " + app + " reads it"
                            + (rmemDefault.isPresent() && rmemDefault.getAsLong() >= LARGE_DEFAULT
                            ? "; net.core.rmem_default is " + Words.bytes(rmemDefault.getAsLong())
                            + ", so every new socket may hold that much" : "") + ".")
                    .confidence(Confidence.HIGH, "the socket's own queue");
            b.evidence(e.span());
            if (e.inode() != null) {
                owners.spans(e.inode()).forEach(b::evidence);
            }
            b.explanation("What arrives for a socket waits in its receive queue until the application reads it. An "
                    + "application that opens a socket and never reads it (a daemon's raw socket, a stuck reader) keeps "
                    + "up to its whole buffer in kernel memory; with large buffers and many such sockets memory runs out.");
            b.fix(new Remediation("have " + app + " read the socket, set a small SO_RCVBUF on it, or open it only "
                    + "when it will read", "the queue is the application's", null, null));
            if (rmemDefault.isPresent() && rmemDefault.getAsLong() >= LARGE_DEFAULT) {
                b.fix(Fixes.sysctl("net.core.rmem_default", 212_992L, "rmem_default sizes every new socket; "
                        + "applications that need more ask with SO_RCVBUF (up to net.core.rmem_max)",
                        "sockets of applications relying on the large default get the kernel's usual buffer"));
            }
            out.add(b.build());
        }
        return CheckResult.of(out);
    }
}
