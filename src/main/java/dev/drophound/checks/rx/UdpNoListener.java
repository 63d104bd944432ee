package dev.drophound.checks.rx;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Growth;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Datagrams to a UDP port no socket is bound to: {@code Udp NoPorts} ("packets to unknown port received").
 * The kernel answers each with ICMP port unreachable (rate-limited, except on loopback). Not a buffer
 * problem: nothing listens. Multicast and broadcast to unbound ports go to IgnoredMulti instead.
 */
public final class UdpNoListener implements Check {

    public static final String ID = "udp.no-listener";
    private static final String[] GROUPS = {"Udp", "Udp6", "UdpLite", "UdpLite6"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "UDP datagrams to ports nobody listens on (NoPorts)";
    }

    @Override
    public Stage stage() {
        return Stage.PROTOCOL;
    }

    @Override
    public CheckResult run(Case c) {
        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        Finding.Builder quiet = Finding.builder(ID, Stage.PROTOCOL, "UDP: no datagrams to closed ports");
        boolean any = false;
        for (String group : GROUPS) {
            Optional<Growth> found = Lookup.snmp(c, group, "NoPorts");
            if (found.isEmpty()) {
                continue;
            }
            any = true;
            Growth g = found.get();
            if (!g.positive()) {
                fine.add(group + " NoPorts " + Words.signed(g.increase()));
                g.spans().forEach(quiet::evidence);
                continue;
            }
            String family = group.endsWith("6") ? "IPv6" : "IPv4";
            Finding.Builder b = Finding.builder(ID, Stage.PROTOCOL, "UDP datagrams to a port with no socket (" + family + ")")
                    // a closed port is the sender's or the service's problem, and old counts are normal noise
                    .severity(g.isDelta() ? Severity.WARNING : Severity.INFO)
                    .summary(group + " NoPorts " + g.amount() + " " + g.cite() + ": datagrams arrived for a port "
                            + "no socket is bound to, so the kernel dropped them and answered with ICMP port "
                            + "unreachable. Nothing listens there: this is not a buffer or memory problem.")
                    .loss(g.loss())
                    .confidence(g.confidence(), g.confidenceReason())
                    .explanation("The service that should receive them is not running, listens on another port or "
                            + "address, or the sender uses the wrong port. A connected sender sees ECONNREFUSED on its "
                            + "next send(); that failed send is counted as Ip OutDiscards on the sender's host.")
                    .fix(new Remediation("ss -uanp", "shows which UDP ports have sockets; start the service or correct "
                            + "the destination port", null, null))
                    .next("see which port: tcpdump -ni any 'icmp[icmptype] == 3 and icmp[icmpcode] == 3' (the ICMP "
                            + "unreachables name it), or trace skb:kfree_skb reason NO_SOCKET with drophound doctor");
            g.spans().forEach(b::evidence);
            out.add(b.build());
        }
        if (!any) {
            return CheckResult.missing("Udp NoPorts (/proc/net/snmp, netstat -su)");
        }
        if (!fine.isEmpty()) {
            out.add(quiet.severity(Severity.OK).summary("No UDP datagrams to closed ports in the window: "
                    + String.join("; ", fine) + ".").confidence(Confidence.HIGH, "counters compared between samples")
                    .build());
        }
        return CheckResult.of(out);
    }
}
