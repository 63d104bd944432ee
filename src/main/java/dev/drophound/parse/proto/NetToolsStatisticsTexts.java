package dev.drophound.parse.proto;

import dev.drophound.parse.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences {@code netstat -s} prints instead of MIB names, mapped back to the kernel's names. Taken from
 * net-tools' statistics.c (the {@code Iptab}, {@code Icmptab}, {@code Tcptab}, {@code Udptab}, {@code Tcpexttab},
 * {@code Ip6tab}, {@code Icmp6tab}, {@code Udp6tab}, {@code Sctptab} tables of net-tools 2.10, checked against the tables in the
 * Debian 12 {@code /usr/bin/netstat} binary) plus the wordings of net-tools 1.60 still shipped by RHEL 7 and
 * older Ubuntu ({@code segments send out}, {@code segments retransmited}, {@code active connections openings},
 * {@code fragments received ok}, {@code packets header predicted ...}, trailing periods).
 *
 * <p>Where net-tools' key is not the kernel's name ({@code TCPLostRetransmits}, {@code TCPDSackUndo},
 * {@code TCPRenoRecoveryFailed}) the kernel's name is used, so that the key matches /proc and nstat. A null
 * name marks a setting or gauge ({@code Forwarding is enabled}, {@code 3 connections established}): the line
 * is understood but gives no counter.
 */
final class NetToolsStatisticsTexts {
    private NetToolsStatisticsTexts() {
    }

    /** A sentence with {@code %llu} where the value goes (or {@code %s} for a word) and the MIB name it prints. */
    record Entry(String name, Pattern pattern) {
    }

    /**
     * What a line said: the MIB name (null for a gauge) and the value (null when the sentence has none, or the
     * number does not fit in 64 bits).
     */
    record Match(String name, Long value) {
    }

    private static final List<Entry> IP = table(
            null, "Forwarding is %s",
            null, "Default TTL is %llu",
            "InReceives", "%llu total packets received",
            "InHdrErrors", "%llu with invalid headers",
            "InAddrErrors", "%llu with invalid addresses",
            "ForwDatagrams", "%llu forwarded",
            "InUnknownProtos", "%llu with unknown protocol",
            "InDiscards", "%llu incoming packets discarded",
            "InDelivers", "%llu incoming packets delivered",
            "OutRequests", "%llu requests sent out",
            "OutDiscards", "%llu outgoing packets dropped",
            "OutNoRoutes", "%llu dropped because of missing route",
            "ReasmTimeout", "%llu fragments dropped after timeout",
            "ReasmReqds", "%llu reassemblies required",
            "ReasmOKs", "%llu packets reassembled ok",
            "ReasmFails", "%llu packet reassemblies failed",
            "FragOKs", "%llu outgoing packets fragmented ok",
            "FragOKs", "%llu fragments received ok", // 1.60
            "FragFails", "%llu outgoing packets failed fragmentation",
            "FragFails", "%llu fragments failed", // 1.60
            "FragCreates", "%llu fragments created");

    private static final List<Entry> IP6 = table(
            "InReceives", "%llu total packets received",
            "InHdrErrors", "%llu with invalid headers",
            "InTooBigErrors", "%llu with packets too big",
            "InNoRoutes", "%llu incoming packets with no route",
            "InAddrErrors", "%llu with invalid addresses",
            "InUnknownProtos", "%llu with unknown protocol",
            "InTruncatedPkts", "%llu with truncated packets",
            "InDiscards", "%llu incoming packets discarded",
            "InDelivers", "%llu incoming packets delivered",
            "OutForwDatagrams", "%llu forwarded",
            "OutRequests", "%llu requests sent out",
            "OutDiscards", "%llu outgoing packets dropped",
            "OutNoRoutes", "%llu dropped because of missing route",
            "ReasmTimeout", "%llu fragments dropped after timeout",
            "ReasmReqds", "%llu reassemblies required",
            "ReasmOKs", "%llu packets reassembled ok",
            "ReasmFails", "%llu packet reassemblies failed",
            "FragOKs", "%llu outgoing packets fragmented ok",
            "FragFails", "%llu outgoing packets failed fragmentation",
            "FragCreates", "%llu fragments created",
            "InMcastPkts", "%llu incoming multicast packets",
            "OutMcastPkts", "%llu outgoing multicast packets");

    /** Icmp and Icmp6 lines outside the histograms. */
    private static final List<Entry> ICMP = table(
            "InMsgs", "%llu ICMP messages received",
            "InErrors", "%llu input ICMP message failed",
            "OutMsgs", "%llu ICMP messages sent",
            "OutErrors", "%llu ICMP messages failed");

    private static final List<Entry> ICMP_IN = table(
            "InDestUnreachs", "destination unreachable: %llu",
            "InTimeExcds", "timeout in transit: %llu",
            "InParmProbs", "wrong parameters: %llu",
            "InSrcQuenchs", "source quenches: %llu",
            "InRedirects", "redirects: %llu",
            "InEchos", "echo requests: %llu",
            "InEchoReps", "echo replies: %llu",
            "InTimestamps", "timestamp request: %llu",
            "InTimestampReps", "timestamp reply: %llu",
            "InAddrMasks", "address mask request: %llu",
            "InAddrMaskReps", "address mask replies: %llu");

    private static final List<Entry> ICMP_OUT = table(
            "OutDestUnreachs", "destination unreachable: %llu",
            "OutTimeExcds", "time exceeded: %llu",
            "OutParmProbs", "wrong parameters: %llu",
            "OutSrcQuenchs", "source quench: %llu",
            "OutRedirects", "redirect: %llu",
            "OutEchos", "echo request: %llu",
            "OutEchoReps", "echo replies: %llu",
            "OutTimestamps", "timestamp requests: %llu",
            "OutTimestampReps", "timestamp replies: %llu",
            "OutAddrMasks", "address mask requests: %llu",
            "OutAddrMaskReps", "address mask replies: %llu");

    private static final List<Entry> ICMP6_IN = table(
            "InDestUnreachs", "destination unreachable: %llu",
            "InPktTooBigs", "packets too big: %llu",
            "InTimeExcds", "received ICMPv6 time exceeded: %llu",
            "InParmProblems", "parameter problem: %llu",
            "InEchos", "echo requests: %llu",
            "InEchoReplies", "echo replies: %llu",
            "InGroupMembQueries", "group member queries: %llu",
            "InGroupMembResponses", "group member responses: %llu",
            "InGroupMembReductions", "group member reductions: %llu",
            "InRouterSolicits", "router solicits: %llu",
            "InRouterAdvertisements", "router advertisement: %llu",
            "InNeighborSolicits", "neighbour solicits: %llu",
            "InNeighborAdvertisements", "neighbour advertisement: %llu",
            "InRedirects", "redirects: %llu");

    private static final List<Entry> ICMP6_OUT = table(
            "OutDestUnreachs", "destination unreachable: %llu",
            "OutPktTooBigs", "packets too big: %llu",
            "OutTimeExcds", "sent ICMPv6 time exceeded: %llu",
            "OutParmProblems", "parameter problem: %llu",
            "OutEchos", "echo requests: %llu",
            "OutEchoReplies", "echo replies: %llu",
            "OutGroupMembQueries", "group member queries: %llu",
            "OutGroupMembResponses", "group member responses: %llu",
            "OutGroupMembReductions", "group member reductions: %llu",
            "OutRouterSolicits", "router solicits: %llu",
            "OutRouterAdvertisements", "router advertisement: %llu",
            "OutNeighborSolicits", "neighbor solicits: %llu",
            "OutNeighborAdvertisements", "neighbor advertisements: %llu",
            "OutRedirects", "redirects: %llu");

    private static final List<Entry> TCP = table(
            null, "RTO algorithm is %s",
            "ActiveOpens", "%llu active connection openings",
            "ActiveOpens", "%llu active connections openings", // 1.60
            "PassiveOpens", "%llu passive connection openings",
            "AttemptFails", "%llu failed connection attempts",
            "EstabResets", "%llu connection resets received",
            null, "%llu connections established", // CurrEstab, a gauge
            "InSegs", "%llu segments received",
            "OutSegs", "%llu segments sent out",
            "OutSegs", "%llu segments send out", // 1.60
            "RetransSegs", "%llu segments retransmitted",
            "RetransSegs", "%llu segments retransmited", // 1.60
            "InErrs", "%llu bad segments received",
            "OutRsts", "%llu resets sent");

    /** Udp, UdpLite, Udp6 and UdpLite6. */
    private static final List<Entry> UDP = table(
            "InDatagrams", "%llu packets received",
            "NoPorts", "%llu packets to unknown port received",
            "InErrors", "%llu packet receive errors",
            "OutDatagrams", "%llu packets sent",
            "RcvbufErrors", "%llu receive buffer errors",
            "SndbufErrors", "%llu send buffer errors");

    private static final List<Entry> TCP_EXT = table(
            "SyncookiesSent", "%llu SYN cookies sent",
            "SyncookiesRecv", "%llu SYN cookies received",
            "SyncookiesFailed", "%llu invalid SYN cookies received",
            "EmbryonicRsts", "%llu resets received for embryonic SYN_RECV sockets",
            "PruneCalled", "%llu packets pruned from receive queue because of socket buffer overrun",
            "RcvPruned", "%llu packets pruned from receive queue",
            "OfoPruned", "%llu packets dropped from out-of-order queue because of socket buffer overrun",
            "OutOfWindowIcmps", "%llu ICMP packets dropped because they were out-of-window",
            "LockDroppedIcmps", "%llu ICMP packets dropped because socket was locked",
            "TW", "%llu TCP sockets finished time wait in fast timer",
            "TWRecycled", "%llu time wait sockets recycled by time stamp",
            "TWKilled", "%llu TCP sockets finished time wait in slow timer",
            "PAWSPassive", "%llu passive connections rejected because of time stamp",
            "PAWSActive", "%llu active connections rejected because of time stamp",
            "PAWSEstab", "%llu packets rejected in established connections because of timestamp",
            "PAWSEstab", "%llu packets rejects in established connections because of timestamp", // 1.60
            "DelayedACKs", "%llu delayed acks sent",
            "DelayedACKLocked", "%llu delayed acks further delayed because of locked socket",
            "DelayedACKLost", "Quick ack mode was activated %llu times",
            "ListenOverflows", "%llu times the listen queue of a socket overflowed",
            "ListenDrops", "%llu SYNs to LISTEN sockets dropped",
            "TCPPrequeued", "%llu packets directly queued to recvmsg prequeue",
            "TCPDirectCopyFromBacklog", "%llu bytes directly in process context from backlog",
            "TCPDirectCopyFromPrequeue", "%llu bytes directly received in process context from prequeue",
            "TCPPrequeueDropped", "%llu packets dropped from prequeue",
            "TCPHPHits", "%llu packet headers predicted",
            "TCPHPHitsToUser", "%llu packet headers predicted and directly queued to user",
            "TCPHPHitsToUser", "%llu packets header predicted and directly queued to user", // 1.60
            "SockMallocOOM", "Ran %llu times out of system memory during packet sending",
            "TCPPureAcks", "%llu acknowledgments not containing data payload received",
            "TCPHPAcks", "%llu predicted acknowledgments",
            "TCPRenoRecovery", "%llu times recovered from packet loss due to fast retransmit",
            "TCPSackRecovery", "%llu times recovered from packet loss by selective acknowledgements",
            "TCPSACKReneging", "%llu bad SACK blocks received",
            "TCPFACKReorder", "Detected reordering %llu times using FACK",
            "TCPSACKReorder", "Detected reordering %llu times using SACK",
            "TCPTSReorder", "Detected reordering %llu times using time stamp",
            "TCPRenoReorder", "Detected reordering %llu times using reno fast retransmit",
            "TCPFullUndo", "%llu congestion windows fully recovered without slow start",
            "TCPPartialUndo", "%llu congestion windows partially recovered using Hoe heuristic",
            "TCPDSACKUndo", "%llu congestion window recovered without slow start using DSACK",
            "TCPDSACKUndo", "%llu congestion windows recovered without slow start by DSACK",
            "TCPLossUndo", "%llu congestion windows recovered without slow start after partial ack",
            "TCPLostRetransmit", "%llu retransmits lost",
            "TCPRenoFailures", "%llu timeouts after reno fast retransmit",
            "TCPSackFailures", "%llu timeouts after SACK recovery",
            "TCPLossFailures", "%llu timeouts in loss state",
            "TCPFastRetrans", "%llu fast retransmits",
            "TCPForwardRetrans", "%llu forward retransmits",
            "TCPSlowStartRetrans", "%llu retransmits in slow start",
            "TCPTimeouts", "%llu other TCP timeouts",
            "TCPRenoRecoveryFail", "%llu reno fast retransmits failed",
            "TCPRenoRecoveryFail", "%llu classic Reno fast retransmits failed",
            "TCPSackRecoveryFail", "%llu SACK retransmits failed",
            "TCPSchedulerFailed", "%llu times receiver scheduled too late for direct processing",
            "TCPRcvCollapsed", "%llu packets collapsed in receive queue due to low socket buffer",
            "TCPDSACKOldSent", "%llu DSACKs sent for old packets",
            "TCPDSACKOfoSent", "%llu DSACKs sent for out of order packets",
            "TCPDSACKRecv", "%llu DSACKs received",
            "TCPDSACKOfoRecv", "%llu DSACKs for out of order packets received",
            "TCPAbortOnSyn", "%llu connections reset due to unexpected SYN",
            "TCPAbortOnData", "%llu connections reset due to unexpected data",
            "TCPAbortOnClose", "%llu connections reset due to early user close",
            "TCPAbortOnMemory", "%llu connections aborted due to memory pressure",
            "TCPAbortOnTimeout", "%llu connections aborted due to timeout",
            "TCPAbortOnLinger", "%llu connections aborted after user close in linger timeout",
            "TCPAbortFailed", "%llu times unable to send RST due to no memory",
            "TCPMemoryPressures", "TCP ran low on memory %llu times",
            "TCPLoss", "%llu TCP data loss events");

    /** From /proc/net/sctp/snmp (netstat -s --sctp). */
    private static final List<Entry> SCTP = table(
            null, "%llu Current Associations", // CurrEstab, a gauge
            "ActiveEstabs", "%llu Active Associations",
            "PassiveEstabs", "%llu Passive Associations",
            "Aborteds", "%llu Number of Aborteds",
            "Shutdowns", "%llu Number of Graceful Terminations",
            "OutOfBlues", "%llu Number of Out of Blue packets",
            "ChecksumErrors", "%llu Number of Packets with invalid Checksum",
            "OutCtrlChunks", "%llu Number of control chunks sent",
            "OutOrderChunks", "%llu Number of ordered chunks sent",
            "OutUnorderChunks", "%llu Number of Unordered chunks sent",
            "InCtrlChunks", "%llu Number of control chunks received",
            "InOrderChunks", "%llu Number of ordered chunks received",
            "InUnorderChunks", "%llu Number of Unordered chunks received",
            "FragUsrMsgs", "%llu Number of messages fragmented",
            "ReasmUsrMsgs", "%llu Number of messages reassembled",
            "OutSCTPPacks", "%llu Number of SCTP packets sent",
            "InSCTPPacks", "%llu Number of SCTP packets received");

    private static final Map<String, List<Entry>> BY_GROUP = Map.ofEntries(
            Map.entry("Ip", IP), Map.entry("Ip6", IP6), Map.entry("Icmp", ICMP), Map.entry("Icmp6", ICMP),
            Map.entry("Tcp", TCP), Map.entry("TcpExt", TCP_EXT), Map.entry("Udp", UDP), Map.entry("UdpLite", UDP),
            Map.entry("Udp6", UDP), Map.entry("UdpLite6", UDP), Map.entry("Sctp", SCTP));

    /**
     * The MIB name and value of a sentence of {@code group}; {@code histogram} is "in" or "out" inside the ICMP
     * input/output histograms, else null. Null if the sentence is not known.
     */
    static Match match(String group, String histogram, String text) {
        List<Entry> histogramTable = histogram == null ? null : switch (group + "/" + histogram) {
            case "Icmp/in" -> ICMP_IN;
            case "Icmp/out" -> ICMP_OUT;
            case "Icmp6/in" -> ICMP6_IN;
            case "Icmp6/out" -> ICMP6_OUT;
            default -> null;
        };
        // after "ICMP input histogram:" net-tools goes on with "N ICMP messages sent": both tables apply
        Match m = histogramTable == null ? null : match(histogramTable, text);
        return m != null ? m : match(BY_GROUP.getOrDefault(group, List.of()), text);
    }

    private static Match match(List<Entry> table, String text) {
        for (Entry e : table) {
            Matcher m = e.pattern().matcher(text);
            if (m.matches()) {
                return new Match(e.name(), m.groupCount() > 0 ? Numbers.decimal(m.group(1)) : null);
            }
        }
        return null;
    }

    /**
     * Pairs of name and net-tools format. The value must be a whole word; a final period is optional (1.60 has
     * it on some lines); words after the sentence are allowed only if they do not start with a letter or digit
     * (an author's {@code  <<ココ} annotation), so a longer sentence never matches a shorter one's pattern.
     */
    private static List<Entry> table(String... pairs) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String format = pairs[i + 1];
            StringBuilder regex = new StringBuilder();
            for (String word : format.split(" ")) {
                if (!regex.isEmpty()) {
                    regex.append("\\s+");
                }
                regex.append(switch (word) {
                    case "%llu" -> "(\\d+)";
                    case "%s" -> "\\S+";
                    default -> Pattern.quote(word);
                });
            }
            regex.append("\\.?(?:\\s+[^\\p{L}\\p{N}\\s].*)?");
            out.add(new Entry(pairs[i], Pattern.compile(regex.toString())));
        }
        return List.copyOf(out);
    }
}
