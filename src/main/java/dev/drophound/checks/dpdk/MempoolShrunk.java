package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.facts.DpdkMempool;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;

/**
 * A port that got a pool, but a smaller one than OVS asked for: in the shared model OVS asks for 262144 mbufs and
 * halves the request on failure, logging the halving only at debug level (fixture 06 c: dpdk0 got 32768, 1/8). Found
 * from the debug lines, or from a pool's size in {@code get-mempool-info} / its name, and the mempool lifecycle
 * (allocated, reused, freed) is told with the names decoded.
 */
public final class MempoolShrunk implements Check {

    public static final String ID = "dpdk.mempool-shrunk";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Mempool sizes (silent halving)";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    @Override
    public CheckResult run(Case c) {
        DpdkLogs logs = DpdkLogs.of(c);
        List<DpdkMempool> dumps = c.facts(DpdkMempool.class);
        boolean lifecycle = logs.any(Kind.MEMPOOL_ALLOCATED) || logs.any(Kind.MEMPOOL_REUSED) || logs.any(Kind.MEMPOOL_FREED);
        if (!lifecycle && dumps.isEmpty()) {
            return CheckResult.missing("ovs-vswitchd.log at debug level (vlog/set netdev_dpdk:file:dbg) or "
                    + "ovs-appctl netdev-dpdk/get-mempool-info");
        }
        OvsState state = OvsState.of(c);
        List<Finding> out = new ArrayList<>();
        List<String> story = new ArrayList<>();
        List<String> shrunkPools = new ArrayList<>();
        for (List<DpdkEvent> log : logs.bySource().values()) {
            for (int i = 0; i < log.size(); i++) {
                DpdkEvent e = log.get(i);
                Mbufs.PoolName decoded = Mbufs.PoolName.decode(e.pool());
                String what = e.pool() + (decoded != null ? " (socket " + decoded.socket() + ", "
                        + Words.count(decoded.mbufs()) + " mbufs, frames up to " + decoded.frameRoom() + " B)" : "");
                switch (e.kind()) {
                    case MEMPOOL_ALLOCATED -> {
                        story.add("allocated " + what);
                        int from = i - 1;
                        while (from >= 0 && log.get(from).kind() != Kind.MEMPOOL_ALLOCATED
                                && log.get(from).kind() != Kind.PORT_MEMPOOL_FAILED
                                && log.get(from).kind() != Kind.MEMPOOL_REUSED) {
                            from--;
                        }
                        List<DpdkEvent> asks = log.subList(from + 1, i).stream()
                                .filter(x -> x.kind() == Kind.MEMPOOL_REQUEST && x.mbufs() != null).toList();
                        long got = e.mbufs() != null ? e.mbufs() : decoded != null ? decoded.mbufs() : 0;
                        if (!asks.isEmpty() && got > 0 && got < asks.get(0).mbufs()) {
                            DpdkEvent first = asks.get(0);
                            shrunkPools.add(e.pool());
                            out.add(shrunk(first.port(), first.mbufs(), got, first.socket(),
                                    DpdkLogs.join(List.of(first, e)), true));
                        }
                    }
                    case MEMPOOL_REUSED -> story.add("reused " + what);
                    case MEMPOOL_FREED -> story.add("freed " + what);
                    default -> {
                    }
                }
            }
        }
        if (!state.perPortMemory()) {
            for (DpdkMempool m : dumps) {
                if (shrunkPools.contains(m.name()) || m.size() == null || !m.name().startsWith("ovs")) {
                    continue;
                }
                if (m.size() < Mbufs.OVS_MAX_MBUFS) {
                    shrunkPools.add(m.name());
                    out.add(shrunk(m.port(), Mbufs.OVS_MAX_MBUFS, m.size(), m.socket(), m.span(), false));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.DPDK, "Mempools at full size")
                    .severity(Severity.OK)
                    .summary(story.isEmpty() ? "Every mempool dumped has the size OVS asks for."
                            : "Mempools: " + String.join("; ", story) + ".")
                    .confidence(Confidence.HIGH, "pool sizes read").build());
        }
        return CheckResult.of(out);
    }

    private static Finding shrunk(String port, long asked, long got, Integer socket, dev.drophound.facts.Span span,
            boolean fromLog) {
        String p = port == null ? "a port" : "Port " + port;
        long factor = got > 0 ? asked / got : 0;
        return Finding.builder(ID, Stage.DPDK, p + " got " + Words.count(got) + " of " + Words.count(asked) + " mbufs")
                .severity(Severity.WARNING)
                .summary(p + " got a pool of " + Words.count(got) + " mbufs, " + (factor > 1 ? "1/" + factor : "less than")
                        + " of the " + Words.count(asked) + " OVS asks for" + (socket != null ? " on socket " + socket : "")
                        + (fromLog ? ": OVS halved its request because hugepage memory ran short, and logs that only at "
                                + "debug level" : " (shared mempool model): OVS halves its request silently when "
                                        + "hugepage memory runs short")
                        + ". Fewer mbufs absorb smaller bursts: expect rx_missed / rx_mbuf_allocation_errors under load.")
                .evidence(span)
                .explanation("In the shared model OVS asks for 262,144 mbufs per MTU size and NUMA node, and on failure "
                        + "retries with half as many down to 16,384 before giving up. At the default log level the port "
                        + "just comes up with fewer buffers.")
                .fix(new Remediation("ovs-appctl dpdk/get-malloc-stats; grep . /sys/devices/system/node/node*/hugepages/*/free_hugepages",
                        "see how much hugepage memory DPDK has on that socket; add hugepages or socket-mem there so the "
                                + "full pool fits (it is re-created when the port is reconfigured or OVS restarts)", null,
                        null))
                .confidence(fromLog ? Confidence.HIGH : Confidence.MEDIUM, fromLog ? "the request and the pool are logged"
                        : "the pool's size; per-port memory or a user mempool config would also explain it")
                .build();
    }
}
