package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.facts.ProtocolCounters;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UDP InErrors that RcvbufErrors, InCsumErrors and MemErrors do not explain. The kernel counts a datagram in
 * InErrors with each of those, and alone when a socket filter (BPF, SO_ATTACH_FILTER) or an IPsec policy
 * drops it or its UDP header is short. "packet receive errors" without "receive buffer errors" in
 * {@code netstat -su} is therefore something else than a full buffer.
 */
public final class UdpErrorsOtherThanBuffer implements Check {

    public static final String ID = "udp.inerrors-other";
    private static final String[] GROUPS = {"Udp", "Udp6", "UdpLite", "UdpLite6"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "UDP InErrors not explained by buffer, checksum or memory errors";
    }

    @Override
    public Stage stage() {
        return Stage.PROTOCOL;
    }

    @Override
    public CheckResult run(Case c) {
        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        Finding.Builder quiet = Finding.builder(ID, Stage.PROTOCOL, "UDP InErrors: all explained");
        for (String group : GROUPS) {
            Optional<Growth> in = Lookup.snmp(c, group, "InErrors");
            if (in.isEmpty()) {
                continue;
            }
            Growth g = in.get();
            long rcvbuf = part(c, g, group, "RcvbufErrors");
            long csum = part(c, g, group, "InCsumErrors");
            long mem = part(c, g, group, "MemErrors");
            long other = g.increase() - rcvbuf - csum - mem;
            if (other <= 0) {
                fine.add(group + " InErrors " + (g.isDelta() ? Words.signed(g.increase()) : Words.count(g.increase()))
                        + " = RcvbufErrors " + Words.count(rcvbuf) + " + InCsumErrors " + Words.count(csum)
                        + (mem > 0 ? " + MemErrors " + Words.count(mem) : ""));
                g.spans().forEach(quiet::evidence);
                continue;
            }
            Finding.Builder b = Finding.builder(ID, Stage.PROTOCOL, group + " errors other than a full buffer")
                    .severity(g.isDelta() ? Severity.WARNING : Severity.INFO)
                    .summary(group + " InErrors " + g.amount() + " " + g.cite() + ", of which "
                            + Words.count(other) + " are neither receive-buffer (" + Words.count(rcvbuf)
                            + "), checksum (" + Words.count(csum) + ") nor memory (" + Words.count(mem) + ") errors.")
                    .explanation("The kernel counts a UDP datagram in InErrors alone when a socket filter (a BPF "
                            + "program or SO_ATTACH_FILTER) drops it, an IPsec policy rejects it, or its UDP header is "
                            + "truncated. Larger buffers will not help with these.")
                    .confidence(g.isDelta() ? Confidence.MEDIUM : Confidence.LOW,
                            "derived by subtraction" + (g.isDelta() ? "" : " from counts since boot"))
                    .loss(new dev.drophound.findings.Loss(other, null, null, !g.isDelta(), group + " InErrors (other)"))
                    .next("trace the drops: perf record -e skb:kfree_skb -a -g sleep 10; perf script "
                            + "(reason and location name the cause), or drophound doctor on the host")
                    .next("list socket filters: ss -uap --bpf; IPsec policies: ip xfrm policy");
            g.spans().forEach(b::evidence);
            out.add(b.build());
        }
        if (out.isEmpty() && fine.isEmpty()) {
            return CheckResult.missing("Udp InErrors (/proc/net/snmp, netstat -su)");
        }
        if (!fine.isEmpty()) {
            out.add(quiet.severity(Severity.OK).summary("UDP InErrors are fully explained: " + String.join("; ", fine) + ".")
                    .confidence(Confidence.HIGH, "all parts read from the same output").build());
        }
        return CheckResult.of(out);
    }

    private static long part(Case c, Growth g, String group, String name) {
        return Lookup.sameSubject(c, g.series(), ProtocolCounters.key(group, name), name)
                .map(Growth::increase).orElse(0L);
    }
}
