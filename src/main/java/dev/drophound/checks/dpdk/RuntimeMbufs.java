package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.facts.OvsRecord;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ports that ran out of mbufs while running (seed 002: many ports and queues sharing one pool): {@code RX mbuf alloc
 * failed}, {@code Could not alloc mbuf for queue}, {@code Unable to start rxtx queues}, {@code Interface dpdk0 start
 * error}, {@code VHOST_DATA: Failed to allocate memory for mbuf}, and the Interface row's
 * {@code rx_mbuf_allocation_errors} counter.
 */
public final class RuntimeMbufs implements Check {

    public static final String ID = "dpdk.runtime-mbuf";

    private static final Set<Kind> KINDS = EnumSet.of(Kind.RX_MBUF_ALLOC_FAILED, Kind.QUEUE_MBUF_ALLOC_FAILED,
            Kind.RXTX_START_FAILED, Kind.INTERFACE_START_ERROR, Kind.VHOST_MBUF_ALLOC_FAILED);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Mbufs running out while forwarding";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    @Override
    public CheckResult run(Case c) {
        DpdkLogs logs = DpdkLogs.of(c);
        OvsState state = OvsState.of(c);
        List<OvsRecord> rows = state.interfaces.values().stream().filter(PortMempools::isDpdk).toList();
        boolean ovsLogs = logs.bySource().values().stream().anyMatch(DpdkLogs::isOvs)
                || logs.all().stream().anyMatch(e -> KINDS.contains(e.kind()));
        if (!ovsLogs && rows.isEmpty()) {
            return CheckResult.missing("ovs-vswitchd.log or ovs-vsctl list Interface (statistics)");
        }
        List<Finding> out = new ArrayList<>();
        Map<String, List<DpdkEvent>> byPort = new LinkedHashMap<>();
        for (List<DpdkEvent> log : logs.bySource().values()) {
            for (int i = 0; i < log.size(); i++) {
                DpdkEvent e = log.get(i);
                if (!KINDS.contains(e.kind())) {
                    continue;
                }
                // a driver's line names no port; the OVS lines that follow it do
                String port = e.port() != null ? e.port() : e.kind() == Kind.VHOST_MBUF_ALLOC_FAILED ? "vhost ports"
                        : DpdkLogs.after(log, i, x -> KINDS.contains(x.kind()) && x.port() != null
                                && x.kind() != Kind.VHOST_MBUF_ALLOC_FAILED).map(DpdkEvent::port).orElse("a port");
                byPort.computeIfAbsent(port, k -> new ArrayList<>()).add(e);
            }
        }
        byPort.forEach((port, events) -> {
            boolean vhost = events.stream().allMatch(e -> e.kind() == Kind.VHOST_MBUF_ALLOC_FAILED);
            boolean start = events.stream().anyMatch(e -> e.kind() == Kind.RXTX_START_FAILED
                    || e.kind() == Kind.INTERFACE_START_ERROR);
            Finding.Builder b = Finding.builder(ID, Stage.DPDK, "Out of mbufs on " + port)
                    .severity(start ? Severity.CRITICAL : Severity.WARNING)
                    .summary((vhost ? "vhost ports could not get mbufs for packets from their guests"
                            : "Port " + port + " ran out of mbufs" + (start ? " and could not start its queues" : ""))
                            + " (" + events.size() + " log line" + (events.size() == 1 ? "" : "s") + ", first "
                            + events.get(0).span().where() + ": " + events.get(0).text() + "): the pool it shares is too "
                            + "small for the ports, queues and descriptors that draw on it.");
            b.evidence(DpdkLogs.join(events.size() > 3 ? List.of(events.get(0), events.get(events.size() - 1)) : events));
            String p = port.startsWith("Port ") || port.contains(" ") ? "dpdk0" : port;
            b.fix(new Remediation("ovs-vsctl set Interface " + p + " options:n_rxq=4",
                    "fewer receive queues hold fewer mbufs in their rings", null, "less receive parallelism"));
            b.fix(new Remediation("ovs-vsctl set Interface " + p + " options:n_rxq_desc=1024",
                    "shorter rings hold fewer mbufs", null, "less burst absorption per queue"));
            b.fix(new Remediation("ovs-vsctl set Open_vSwitch . other_config:per-port-memory=true",
                    "each port gets its own pool sized from its queues, so one port cannot drain the others", null,
                    "more hugepage memory in all"));
            b.explanation("Every receive descriptor holds an mbuf; ports with many queues and long rings sharing one "
                    + "pool can take all of it, and then a port cannot fill its rings (RX mbuf alloc failed) or cannot "
                    + "even start. vhost ports take mbufs from the pool of the guest's NUMA node for each packet.");
            b.confidence(Confidence.HIGH, "the log says so");
            out.add(b.build());
        });
        for (OvsRecord r : rows) {
            Map<String, String> stats = r.map("statistics");
            String v = stats.get("rx_mbuf_allocation_errors");
            if (v != null && !v.equals("0")) {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    continue;
                }
                String name = r.name().orElse("?");
                out.add(Finding.builder(ID, Stage.DPDK, "rx_mbuf_allocation_errors on " + name)
                        .severity(Severity.WARNING)
                        .summary("Interface " + name + " counts " + Words.count(n) + " rx_mbuf_allocation_errors since "
                                + "it started: its receive rings could not be refilled because the mempool was empty, so "
                                + "packets were dropped at the NIC.")
                        .evidence(OvsState.excerpt(r, "name", "statistics"))
                        .fix(new Remediation("ovs-vsctl set Interface " + name + " options:n_rxq_desc=1024",
                                "shorter rings need fewer mbufs", null, "less burst absorption"))
                        .confidence(Confidence.MEDIUM, "a counter since the port started; a second sample tells if it grows")
                        .build());
            }
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.DPDK, "No mbuf shortage while forwarding")
                    .severity(Severity.OK)
                    .summary("No port reported running out of mbufs.")
                    .confidence(Confidence.HIGH, "no such line or counter").build());
        }
        return CheckResult.of(out);
    }
}
