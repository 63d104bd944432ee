package dev.drophound.checks.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * trace.drop-reasons on the real traces: each fixture's tracefs trace and perf script, the captured consume_skb and
 * overwritten traces, the published dropwatch/perf/tcpdrop outputs, and whole fixture folders for the verdict.
 */
class TracedDropReasonsTest {

    private static Analysis analyze(String... relative) {
        String[] paths = new String[relative.length];
        for (int i = 0; i < relative.length; i++) {
            paths[i] = TestData.root().resolve(relative[i]).toString();
        }
        return Analyzer.standard().analyzePaths(List.of(paths), new ByteArrayInputStream(new byte[0]));
    }

    private static List<Finding> traced(Analysis a) {
        return a.findings().stream().filter(f -> f.id().equals(TracedDropReasons.ID)).toList();
    }

    private static Finding titled(Analysis a, String part) {
        List<Finding> found = traced(a).stream().filter(f -> f.title().contains(part)).toList();
        assertThat(found).as(part).hasSize(1);
        return found.get(0);
    }

    @Test
    void socketBufferDropsAreAtTheSocketWithTheirPortsAndTheBufferFix() {
        Analysis a = analyze("fixtures/01-udp-rcvbuf-overflow/trace-kfree_skb.txt");
        Finding f = traced(a).get(0);
        assertThat(traced(a)).hasSize(1);
        assertThat(f.stage()).isEqualTo(Stage.SOCKET);
        // 3,998 drops from the first to the last event, 54 ms apart: far above 100/s
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.loss().packets()).isEqualTo(3998);
        assertThat(f.loss().cumulative()).isFalse();
        assertThat(f.loss().perSecond()).isGreaterThan(70_000);
        assertThat(f.loss().counter()).isEqualTo("skb:kfree_skb SOCKET_RCVBUFF");
        assertThat(f.summary()).contains("3,998 drops with reason SOCKET_RCVBUFF")
                .contains("2,999 IPv4 at udp_queue_rcv_one_skb, 999 IPv6 at udpv6_queue_rcv_one_skb")
                .contains("127.0.0.1:47001 (2,999, rc -12 ENOMEM: buffer full); [::1]:47002 (999")
                .contains("from first to last event");
        assertThat(f.evidence()).extracting(e -> e.line()).containsExactly(14, 6012, 13, 6011);
        assertThat(f.remediation().get(0).command()).isEqualTo("sysctl -w net.core.rmem_max=26214400");
        assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.verdict().stage()).isEqualTo(Stage.SOCKET);
    }

    @Test
    void noSocketIsANoListenerFindingNotABufferOne() {
        Analysis a = analyze("fixtures/02-udp-noport/trace-kfree_skb.txt");
        assertThat(traced(a)).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo(Stage.PROTOCOL);
            assertThat(f.title()).contains("NO_SOCKET").contains("no socket listens");
            // the sender's or the service's problem: a warning at most, as udp.no-listener says
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).contains("600 IPv4 at __udp4_lib_rcv, 600 IPv6 at __udp6_lib_rcv")
                    .contains("ICMP port unreachable (icmp_send): 127.0.0.1:47999 (600)");
            assertThat(f.explanation()).contains("Not a buffer problem");
            assertThat(f.remediation()).extracting(r -> r.command()).containsExactly("ss -uanp; ss -tanp");
        });
    }

    @Test
    void pingRepliesAreBenignNoiseAndPacketSocketDropsAreNot() {
        Analysis a = analyze("fixtures/03-raw-icmpv6-unread/trace-kfree_skb.packet.txt");
        Finding ping = titled(a, "ping_rcv");
        assertThat(ping.severity()).isEqualTo(Severity.INFO);
        assertThat(ping.loss()).isNull();
        assertThat(ping.remediation()).isEmpty();
        assertThat(ping.explanation()).contains("ping using a raw socket").contains("Not a loss");
        assertThat(ping.summary()).contains("Benign");
        Finding packet = titled(a, "PACKET_SOCK_ERROR");
        assertThat(packet.stage()).isEqualTo(Stage.SOCKET);
        assertThat(packet.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(packet.loss().packets()).isEqualTo(672);

        Analysis onlyPing = analyze("fixtures/03-raw-icmpv6-unread/trace-kfree_skb.raw6.txt");
        assertThat(traced(onlyPing)).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(onlyPing.verdict().stage()).isNull();
    }

    @Test
    void qdiscAndNeighbourDropsAreEgressAndUnsubscribedMulticastIsNoise() {
        Analysis b = analyze("fixtures/04-qdisc-drops-veth/trace-kfree_skb.B.txt");
        Finding qdisc = titled(b, "QDISC_DROP");
        assertThat(qdisc.stage()).isEqualTo(Stage.EGRESS);
        assertThat(qdisc.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(qdisc.remediation().get(0).command()).isEqualTo("tc -s -d qdisc show");
        Finding multicast = titled(b, "ip6_mc_input");
        assertThat(multicast.severity()).isEqualTo(Severity.INFO);
        assertThat(multicast.explanation()).contains("multicast");

        Analysis d = analyze("fixtures/04-qdisc-drops-veth/trace-kfree_skb.D.txt");
        assertThat(titled(d, "NEIGH_QUEUEFULL").stage()).isEqualTo(Stage.EGRESS);
        assertThat(titled(d, "NEIGH_QUEUEFULL").severity()).isEqualTo(Severity.WARNING); // 409 in 5 s: 77/s
        assertThat(titled(d, "NEIGH_FAILED").remediation().get(0).command()).startsWith("ip neigh show");
        // 4 qdisc drops of ARP and IPv6 while the peer was down: a handful, information
        Finding few = titled(d, "QDISC_DROP");
        assertThat(few.severity()).isEqualTo(Severity.INFO);
        assertThat(few.summary()).contains("3 ARP at __dev_queue_xmit, 1 IPv6 at __dev_queue_xmit");
    }

    @Test
    void backlogDropsGiveTheBacklogFix() {
        Analysis a = analyze("fixtures/05-softnet-backlog-drops/perf-kfree_skb.1-script.txt");
        Finding f = titled(a, "CPU_BACKLOG");
        assertThat(f.stage()).isEqualTo(Stage.BACKLOG);
        assertThat(f.loss().packets()).isEqualTo(714);
        assertThat(f.remediation().get(0).command()).isEqualTo("sysctl -w net.core.netdev_max_backlog=1000");
        assertThat(a.verdict().stage()).isEqualTo(Stage.BACKLOG);
    }

    @Test
    void consumeSkbIsNoLossAndVsockAndQueuePurgeAreInformation() {
        Analysis a = analyze("captured/trace/trace-kfree_skb-consume_skb.txt");
        // the places consume_skb freed packets at are nowhere among the drops
        assertThat(traced(a)).noneMatch(f -> f.summary().contains("icmp_rcv") || f.summary().contains("virtio_transport_tx_work"));
        assertThat(titled(a, "SOCKET_RCVBUFF").summary()).contains("127.0.0.1:47101 (299, rc -12");
        assertThat(titled(a, "NO_SOCKET").summary()).contains("127.0.0.1:47199 (100)");
        Finding vsock = titled(a, "virtio_transport_recv_pkt");
        assertThat(vsock.severity()).isEqualTo(Severity.INFO);
        assertThat(vsock.explanation()).contains("vsock");
        assertThat(vsock.loss()).isNull();
        Finding purge = titled(a, "QUEUE_PURGE");
        assertThat(purge.severity()).isEqualTo(Severity.INFO);
        assertThat(purge.stage()).isEqualTo(Stage.SOCKET);
        int lossTotal = traced(a).stream().filter(f -> f.loss() != null).mapToInt(f -> (int) f.loss().packets()).sum();
        assertThat(lossTotal).isEqualTo(299 + 100); // of 401 kfree_skb and 103 consume_skb events
    }

    @Test
    void anOverwrittenTraceSaysItsCountsAreAMinimum() {
        Analysis a = analyze("captured/trace/trace-kfree_skb.overwritten.txt");
        Finding f = titled(a, "NO_SOCKET");
        assertThat(f.summary()).contains("shows at least 60 drops");
        assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(f.confidenceReason()).contains("lost 17,817 events");
    }

    @Test
    void withoutAReasonTheStageIsInferredFromTheLocation() {
        Analysis seed = analyze("seeds/001_64cba6ed93d5da2f.txt");
        // dropwatch and perf each saw the one datagram the article sent with a bad checksum
        assertThat(traced(seed)).hasSize(2).allSatisfy(f -> {
            assertThat(f.stage()).isEqualTo(Stage.PROTOCOL);
            assertThat(f.severity()).isEqualTo(Severity.INFO); // one drop
            assertThat(f.title()).contains("__udp4_lib_rcv, no reason");
            assertThat(f.summary()).contains("inferred from the location");
            assertThat(f.explanation()).contains("bad checksum");
            assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
        });

        String dir = "fixtures/public/drop-trace/";
        assertThat(titled(analyze(dir + "dropwatch-packet-alertmode-2022.txt"), "ip_rcv_finish_core").stage())
                .isEqualTo(Stage.PROTOCOL);
        assertThat(titled(analyze(dir + "perf-script-kfree_skb-4.10-bpf-clone-redirect.txt"), "bpf_clone_redirect").stage())
                .isEqualTo(Stage.FIREWALL);
        Finding unix = titled(analyze(dir + "perf-script-kfree_skb-centos7-no-reason-callchain.txt"), "unix_stream_connect");
        assertThat(unix.severity()).isEqualTo(Severity.INFO);
        assertThat(unix.summary()).contains("1 local (no ethertype) at 0xffffffff8175a05c (unix_stream_connect)");
        Finding unknown = titled(analyze(dir + "dropwatch-summary-module-symbol-goflow2.txt"), "__init_scratch_end");
        assertThat(unknown.stage()).isEqualTo(Stage.HOST);
        assertThat(unknown.severity()).isEqualTo(Severity.INFO);
        assertThat(unknown.nextSteps()).anySatisfy(s -> assertThat(s).contains("perf record -e skb:kfree_skb"));
    }

    @Test
    void reasonsOfOtherKernelsMapToTheirStages() {
        String dir = "fixtures/public/drop-trace/";
        Analysis a = analyze(dir + "perf-script-kfree_skb-6.13-cake-qdisc-reasons.txt",
                dir + "perf-script-kfree_skb-6.x-fq-flow-limit-rx_sk.txt", dir + "perf-script-kfree_skb-6.16-can-socket-rcvbuf.txt",
                dir + "perf-script-kfree_skb-6.4-bnxt-not-specified.txt", dir + "bcc-tcpdrop-2025-reason-arm64.txt");
        assertThat(titled(a, "QDISC_CONGESTED").stage()).isEqualTo(Stage.EGRESS);
        assertThat(titled(a, "FQ_DROP_FLOW_LIMIT").stage()).isEqualTo(Stage.EGRESS); // by its family
        assertThat(titled(a, "SOCKET_RCVBUF").stage()).isEqualTo(Stage.SOCKET);
        assertThat(titled(a, "SOCKET_RCVBUF").summary()).contains("1 CAN at raw_rcv");
        Finding bnxt = titled(a, "NOT_SPECIFIED at dev_kfree_skb_any_reason");
        assertThat(bnxt.stage()).isEqualTo(Stage.HOST);
        assertThat(bnxt.severity()).isEqualTo(Severity.INFO);
        assertThat(bnxt.explanation()).contains("did not say why");
        assertThat(titled(a, "NETFILTER_DROP").stage()).isEqualTo(Stage.FIREWALL);
        // all of them a handful: nothing here is above information
        assertThat(traced(a)).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void theSeverityRuleForTraces() {
        assertThat(TracedDropReasons.severity(DropCauses.Kind.LOSS, 9, 1000.0, true)).isEqualTo(Severity.INFO);
        assertThat(TracedDropReasons.severity(DropCauses.Kind.LOSS, 10, 1.0, true)).isEqualTo(Severity.WARNING);
        assertThat(TracedDropReasons.severity(DropCauses.Kind.LOSS, 50, 500.0, true)).isEqualTo(Severity.CRITICAL);
        // a burst of 50 whose rate comes only from its own first and last event is not critical
        assertThat(TracedDropReasons.severity(DropCauses.Kind.LOSS, 50, 500.0, false)).isEqualTo(Severity.WARNING);
        assertThat(TracedDropReasons.severity(DropCauses.Kind.LOSS, 150, 500.0, false)).isEqualTo(Severity.CRITICAL);
        assertThat(TracedDropReasons.severity(DropCauses.Kind.NO_LISTENER, 10_000, 1e5, true)).isEqualTo(Severity.WARNING);
        assertThat(TracedDropReasons.severity(DropCauses.Kind.FILTERED, 10_000, 1e5, true)).isEqualTo(Severity.WARNING);
        assertThat(TracedDropReasons.severity(DropCauses.Kind.NOISE, 10_000, 1e5, true)).isEqualTo(Severity.INFO);
        assertThat(TracedDropReasons.severity(DropCauses.Kind.UNEXPLAINED, 10_000, 1e5, true)).isEqualTo(Severity.INFO);
    }

    @Test
    void theIdleBaselineTraceGivesNoWarningAndItsWindowIsTheSamples() {
        Analysis a = analyze("fixtures/08-healthy-baseline");
        assertThat(traced(a)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            // the trace ran during the 10 s between the two samples
            assertThat(f.summary()).contains("recorded no drop over 10 s.");
            assertThat(f.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
        });
        assertThat(a.findings()).noneMatch(f -> f.severity().atLeast(Severity.WARNING));
        assertThat(a.verdict().checked()).contains(new TracedDropReasons().title());
    }

    @Test
    void inTheFixtureFoldersCounterFindingsLeadAndTracesConfirm() {
        Analysis one = analyze("fixtures/01-udp-rcvbuf-overflow");
        assertThat(one.verdict().stage()).isEqualTo(Stage.SOCKET);
        assertThat(one.verdict().summary()).startsWith("Packets are lost at the socket receive buffer: UDP (IPv4)")
                .contains("Traced drops: SOCKET_RCVBUFF");
        assertThat(traced(one)).hasSize(2).allSatisfy(f -> assertThat(f.stage()).isEqualTo(Stage.SOCKET));

        Analysis two = analyze("fixtures/02-udp-noport");
        assertThat(two.verdict().stage()).isEqualTo(Stage.PROTOCOL);
        assertThat(traced(two)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.stage()).isEqualTo(Stage.PROTOCOL);
            assertThat(f.title()).contains("NO_SOCKET");
        });
    }

    @Test
    void withoutATraceTheCheckSaysWhatToCapture() {
        Analysis a = analyze("fixtures/01-udp-rcvbuf-overflow/proc-net-snmp.after.txt");
        assertThat(traced(a)).isEmpty();
        assertThat(a.verdict().notChecked()).anySatisfy(s -> assertThat(s).startsWith(new TracedDropReasons().title())
                .contains("skb:kfree_skb"));
        // dropwatch that could not run is no trace either
        assertThat(traced(analyze("fixtures/01-udp-rcvbuf-overflow/dropwatch-l-kas.txt"))).isEmpty();
    }
}
