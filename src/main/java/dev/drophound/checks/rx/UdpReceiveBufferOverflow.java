package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Fixes;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Judge;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.facts.SysctlSetting;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * UDP datagrams dropped because the receiving socket's buffer was full: {@code Udp RcvbufErrors} (and
 * {@code Udp6}, {@code UdpLite}, {@code UdpLite6}), from /proc/net/snmp, snmp6, {@code netstat -su} or nstat.
 * The kernel counts each such datagram in InErrors as well.
 */
public final class UdpReceiveBufferOverflow implements Check {

    public static final String ID = "udp.rcvbuf-overflow";
    /** What seed 001 raises rmem_max to: 25 MiB. */
    static final long RECOMMENDED_RMEM_MAX = 26_214_400L;
    private static final String[] GROUPS = {"Udp", "Udp6", "UdpLite", "UdpLite6"};
    static final String NETSTAT_NO_IPV6 = "netstat -su shows no IPv6: UDPv6 drops are only in /proc/net/snmp6 or "
            + "nstat -az; capture one of them too";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "UDP socket receive buffers (RcvbufErrors)";
    }

    @Override
    public Stage stage() {
        return Stage.SOCKET;
    }

    @Override
    public CheckResult run(Case c) {
        List<Finding> problems = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        Finding.Builder quiet = Finding.builder(ID, Stage.SOCKET, "UDP receive buffers: no overflow");
        Severity quietSeverity = Severity.OK;
        boolean any = false;
        boolean netstatOnly = true;
        for (String group : GROUPS) {
            Optional<Growth> found = Lookup.snmp(c, group, "RcvbufErrors");
            if (found.isEmpty()) {
                continue;
            }
            any = true;
            Growth g = found.get();
            netstatOnly &= formatOf(c, g).equals("netstat-s");
            Long received = received(c, g, group);
            Severity severity = Judge.loss(g, received);
            if (severity.atLeast(Severity.WARNING) || !g.isDelta() && g.positive()) {
                problems.add(finding(c, g, group, severity, received));
            } else {
                fine.add(group + " " + (g.isDelta() ? Words.signed(g.increase()) : Words.count(g.increase())));
                g.spans().forEach(quiet::evidence);
                if (severity == Severity.INFO) {
                    quietSeverity = Severity.INFO;
                    fine.set(fine.size() - 1, group + ": no growth, " + g.history());
                }
            }
        }
        if (!any) {
            return CheckResult.missing("/proc/net/snmp, /proc/net/snmp6, netstat -su or nstat -az (Udp RcvbufErrors)");
        }
        boolean noIpv6 = netstatOnly && Lookup.snmp(c, "Udp6", "RcvbufErrors").isEmpty();
        List<Finding> out = new ArrayList<>();
        for (Finding f : problems) {
            out.add(noIpv6 ? withNext(f, NETSTAT_NO_IPV6) : f);
        }
        if (!fine.isEmpty()) {
            quiet.severity(quietSeverity)
                    .summary("No UDP receive-buffer overflow in the window: RcvbufErrors " + String.join("; ", fine) + ".")
                    .confidence(Confidence.HIGH, "counters compared between samples");
            if (noIpv6) {
                quiet.next(NETSTAT_NO_IPV6);
            }
            out.add(quiet.build());
        }
        return CheckResult.of(out);
    }

    private static Finding withNext(Finding f, String step) {
        List<String> next = new ArrayList<>(f.nextSteps());
        next.add(step);
        return new Finding(f.id(), f.severity(), f.stage(), f.title(), f.summary(), f.evidence(), f.explanation(),
                f.remediation(), f.confidence(), f.confidenceReason(), next, f.loss(), f.socket());
    }

    private static String formatOf(Case c, Growth g) {
        return c.all(ProtocolCounters.class).stream()
                .filter(o -> o.subject().equals(g.series().subject()))
                .map(o -> o.fact().format()).findFirst().orElse("");
    }

    /** Datagrams that reached UDP in the same window: delivered (InDatagrams) plus those that failed (InErrors). */
    private static Long received(Case c, Growth g, String group) {
        Optional<Growth> in = Lookup.sameSubject(c, g.series(), ProtocolCounters.key(group, "InDatagrams"), "");
        Optional<Growth> err = Lookup.sameSubject(c, g.series(), ProtocolCounters.key(group, "InErrors"), "");
        if (in.isEmpty()) {
            return null;
        }
        return in.get().increase() + err.map(Growth::increase).orElse(g.increase());
    }

    private Finding finding(Case c, Growth g, String group, Severity severity, Long received) {
        String family = group.endsWith("6") ? "IPv6" : "IPv4";
        String proto = group.startsWith("UdpLite") ? "UDP-Lite" : "UDP";
        StringBuilder summary = new StringBuilder()
                .append(proto).append(" (").append(family).append(") receive-buffer errors ").append(g.amount())
                .append(' ').append(g.cite());
        if (received != null && received > 0) {
            summary.append(": ").append(Words.percent(Judge.share(g.increase(), received)))
                    .append(" of the ").append(Words.count(received)).append(" datagrams that reached UDP");
        }
        summary.append(". Datagrams arrived while the receiving socket's buffer was full, so the kernel dropped them.");
        Finding.Builder b = Finding.builder(ID, Stage.SOCKET, proto + " receive buffer overflow (" + family + ")")
                .severity(severity)
                .summary(summary.toString())
                .loss(g.loss())
                .confidence(g.confidence(), g.confidenceReason())
                .explanation("A UDP socket has a receive buffer (SO_RCVBUF, default net.core.rmem_default, at most "
                        + "net.core.rmem_max unless set with SO_RCVBUFFORCE). When datagrams arrive faster than the "
                        + "application reads them, the buffer fills and every further datagram is dropped and counted "
                        + "in RcvbufErrors and InErrors. Either the application reads too slowly (busy, blocked, too few "
                        + "reader threads) or its buffer is too small for the bursts it gets. Raising "
                        + "net.core.rmem_default instead is discouraged: every new socket would reserve that much, "
                        + "whether it needs it or not.");
        g.spans().forEach(b::evidence);
        for (Remediation r : fixes(c, b)) {
            b.fix(r);
        }
        b.next("find the socket: ss -uamp (Recv-Q near rb, skmem d = its drops) or /proc/net/udp and /proc/net/udp6 (drops column)");
        if (!g.isDelta()) {
            b.next("take a second sample after some traffic (e.g. cat /proc/net/snmp; sleep 10; cat /proc/net/snmp) to see whether it still grows");
        }
        return b.build();
    }

    private static List<Remediation> fixes(Case c, Finding.Builder b) {
        List<Remediation> out = new ArrayList<>();
        Optional<Observed<SysctlSetting>> rmemMax = Lookup.sysctl(c, "net.core.rmem_max");
        OptionalLong current = Lookup.sysctlLong(c, "net.core.rmem_max");
        rmemMax.ifPresent(o -> b.evidence(o.fact().span()));
        Lookup.sysctl(c, "net.core.rmem_default").ifPresent(o -> b.evidence(o.fact().span()));
        String now = current.isPresent() ? "now " + Words.count(current.getAsLong()) + " bytes" : "value not in the evidence";
        String why = "net.core.rmem_max caps the buffer an application may ask for with SO_RCVBUF (" + now + ")";
        if (current.isPresent() && current.getAsLong() >= RECOMMENDED_RMEM_MAX) {
            why += "; it is already large enough, so make it persistent and have the application ask for more";
        }
        out.add(Fixes.sysctl("net.core.rmem_max", Math.max(RECOMMENDED_RMEM_MAX, current.orElse(0)), why + ".",
                "none until an application asks; a socket that sets SO_RCVBUF to 25 MiB may then hold up to twice "
                        + "that (the kernel doubles the request for bookkeeping) while its reader stalls, counted "
                        + "against net.ipv4.udp_mem"));
        out.add(new Remediation("setsockopt(fd, SOL_SOCKET, SO_RCVBUF, 8-25 MiB) in the receiving application",
                "only a socket that asks gets the larger buffer; most servers have a setting for it "
                        + "(e.g. a receive buffer option), or read faster: more reader threads, SO_REUSEPORT, recvmmsg()",
                null, "memory per socket as above; a larger buffer also lets datagrams wait longer (latency)"));
        return out;
    }
}
