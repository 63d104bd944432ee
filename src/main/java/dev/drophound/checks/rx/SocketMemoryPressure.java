package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Fixes;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.facts.SockstatLine;
import dev.drophound.facts.SysctlSetting;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Protocol-wide socket memory: {@code /proc/net/sockstat} {@code mem} (pages) against net.ipv4.udp_mem /
 * tcp_mem (min, pressure, max, in pages), and Udp MemErrors (kernel 5.x+: a datagram dropped because UDP as a
 * whole was over udp_mem).
 */
public final class SocketMemoryPressure implements Check {

    public static final String ID = "socket.memory-pressure";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Socket memory limits (sockstat mem vs udp_mem/tcp_mem, MemErrors)";
    }

    @Override
    public Stage stage() {
        return Stage.SOCKET;
    }

    @Override
    public CheckResult run(Case c) {
        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        boolean applicable = false;
        Map<String, Observed<SockstatLine>> latest = c.latest(SockstatLine.class, SockstatLine::protocol);
        for (String proto : List.of("UDP", "TCP")) {
            Observed<SockstatLine> line = latest.get(proto);
            String sysctl = "net.ipv4." + proto.toLowerCase() + "_mem";
            Optional<Observed<SysctlSetting>> limits = Lookup.sysctl(c, sysctl);
            if (line == null || line.fact().field("mem").isEmpty()) {
                continue;
            }
            applicable = true;
            long mem = line.fact().field("mem").getAsLong();
            List<Long> l = limits.map(o -> o.fact().asLongs()).orElse(List.of());
            if (l.size() != 3) {
                fine.add(proto + " uses " + Words.count(mem) + " pages (" + sysctl + " not in the evidence)");
                continue;
            }
            long pressure = l.get(1);
            long max = l.get(2);
            if (mem < pressure) {
                fine.add(proto + " " + Words.count(mem) + " of " + Words.count(pressure) + " pages before pressure");
                continue;
            }
            Finding.Builder b = Finding.builder(ID, Stage.SOCKET, proto + " socket memory under pressure")
                    .severity(mem >= max ? Severity.CRITICAL : Severity.WARNING)
                    .summary(proto + " sockets hold " + Words.count(mem) + " pages (" + Words.bytes(mem * 4096)
                            + "), at or above " + (mem >= max ? "the maximum " + Words.count(max) : "the pressure threshold "
                            + Words.count(pressure)) + " of " + sysctl + ": new data is "
                            + (mem >= max ? "dropped" : "throttled") + " for every " + proto + " socket.")
                    .confidence(Confidence.HIGH, "sockstat and " + sysctl + " read")
                    .explanation("The limit is for the protocol as a whole. Usually a few sockets that are not read "
                            + "hold most of it (look for large Recv-Q); raising the limit only buys time.")
                    .fix(Fixes.sysctl(sysctl, l.get(0) * 2 + " " + pressure * 2 + " " + max * 2,
                            "doubles the protocol's memory budget (pages)", "that much more kernel memory may go to socket buffers"))
                    .next("find the sockets holding memory: ss -" + (proto.equals("UDP") ? "u" : "t") + "amp (Recv-Q, skmem r)");
            b.evidence(line.fact().span());
            limits.ifPresent(o -> b.evidence(o.fact().span()));
            out.add(b.build());
        }
        for (String group : List.of("Udp", "Udp6")) {
            Optional<Growth> mem = Lookup.snmp(c, group, "MemErrors");
            if (mem.isEmpty()) {
                continue;
            }
            applicable = true;
            Growth g = mem.get();
            if (!g.positive()) {
                fine.add(group + " MemErrors " + (g.isDelta() ? "+0" : "0"));
                continue;
            }
            Finding.Builder b = Finding.builder(ID, Stage.SOCKET, group + " datagrams dropped for lack of UDP memory")
                    .severity(g.isDelta() ? Severity.WARNING : Severity.INFO)
                    .summary(group + " MemErrors " + g.amount() + " " + g.cite()
                            + ": datagrams dropped because UDP as a whole was over net.ipv4.udp_mem.")
                    .loss(g.loss())
                    .confidence(g.confidence(), g.confidenceReason())
                    .explanation("Unlike RcvbufErrors (one socket's buffer full), MemErrors means all UDP sockets "
                            + "together hold the maximum the kernel allows.")
                    .next("find the sockets holding memory: ss -uamp (Recv-Q, skmem r)");
            g.spans().forEach(b::evidence);
            out.add(b.build());
        }
        if (!applicable) {
            return CheckResult.missing("/proc/net/sockstat with net.ipv4.udp_mem/tcp_mem, or Udp MemErrors");
        }
        if (!fine.isEmpty()) {
            out.add(Finding.builder(ID, Stage.SOCKET, "Socket memory: no pressure").severity(Severity.OK)
                    .summary("No protocol-wide socket memory pressure: " + String.join("; ", fine) + ".")
                    .confidence(Confidence.HIGH, "sockstat read").build());
        }
        return CheckResult.of(out);
    }
}
