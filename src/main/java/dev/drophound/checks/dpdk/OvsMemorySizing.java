package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.HugePagePool;
import dev.drophound.facts.OvsRecord;
import dev.drophound.facts.PmdRxq;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much hugepage memory OVS's ports need per NUMA node, from the Interface rows (MTU, queues, descriptors, NUMA
 * node) and the memory model, next to dpdk-socket-mem and the hugepages reserved per node; with the socket-mem and
 * reservation to set. Mbuf counts follow OVS's Documentation/topics/dpdk/memory.rst: the shared model makes one pool
 * of up to 262,144 mbufs per MTU size and node (halved on failure down to 16,384); the per-port model sizes each port
 * as n_rxq x n_rxq_desc + n_txq x n_txq_desc + min(RTE_MAX_LCORE, n_rxq) x 32 + 16,384.
 */
public final class OvsMemorySizing implements Check {

    public static final String ID = "ovs.memory-sizing";
    /** OVS's default ring sizes. */
    static final long DEFAULT_DESC = 2048;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "OVS-DPDK memory sizing per NUMA node";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    /** What the ports of one node need. */
    private static final class Need {
        long full;
        long min;
        final List<String> ports = new ArrayList<>();
        final Map<Long, Long> sharedPools = new TreeMap<>();
    }

    @Override
    public CheckResult run(Case c) {
        OvsState state = OvsState.of(c);
        List<OvsRecord> ports = state.interfaces.values().stream().filter(PortMempools::isDpdk).toList();
        if (ports.isEmpty()) {
            return CheckResult.missing("ovs-vsctl list Interface (with the DPDK ports)");
        }
        boolean perPort = state.perPortMemory();
        Map<Integer, Long> txqs = new TreeMap<>();
        for (PmdRxq q : c.facts(PmdRxq.class)) {
            txqs.merge(q.numa(), 1L, Long::sum);
        }
        Map<Integer, Need> byNode = new TreeMap<>();
        List<dev.drophound.facts.Span> spans = new ArrayList<>();
        for (OvsRecord r : ports) {
            String name = r.name().orElse("?");
            int mtu = num(r.scalar("mtu_request").orElse(r.scalar("mtu").orElse("1500")), 1500);
            if (mtu <= 0) {
                mtu = 1500;
            }
            Map<String, String> status = r.map("status");
            Map<String, String> options = r.map("options");
            int node = num(status.getOrDefault("numa_id", "0"), 0);
            long size = Mbufs.bufSize(mtu);
            Need n = byNode.computeIfAbsent(node, k -> new Need());
            n.ports.add(name + " (MTU " + mtu + ")");
            spans.add(OvsState.excerpt(r, "name", "type", "mtu", "mtu_request", "options", "status"));
            if (perPort) {
                long rxq = num(options.getOrDefault("n_rxq", "1"), 1);
                long rxd = num(options.getOrDefault("n_rxq_desc", String.valueOf(DEFAULT_DESC)), (int) DEFAULT_DESC);
                long txd = num(options.getOrDefault("n_txq_desc", String.valueOf(DEFAULT_DESC)), (int) DEFAULT_DESC);
                long txq = txqs.getOrDefault(node, 1L) + 1;
                long mbufs = Mbufs.perPort(rxq, rxd, txq, txd);
                n.full += Mbufs.poolBytes(mbufs, size);
                n.min += Mbufs.poolBytes(mbufs, size);
            } else if (n.sharedPools.putIfAbsent(size, Mbufs.OVS_MAX_MBUFS) == null) {
                n.full += Mbufs.poolBytes(Mbufs.OVS_MAX_MBUFS, size);
                n.min += Mbufs.poolBytes(Mbufs.OVS_MIN_MBUFS, size);
            }
        }
        List<Long> socketMem = OvsState.socketMem(state.otherConfig, null);
        long pageKb = state.pageKb();
        List<String> lines = new ArrayList<>();
        List<String> recommend = new ArrayList<>();
        Severity worst = Severity.OK;
        int maxNode = byNode.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int node = 0; node <= Math.max(maxNode, socketMem.size() - 1); node++) {
            Need n = byNode.get(node);
            long needMb = n == null ? 0 : Mbufs.mib(n.full);
            long minMb = n == null ? 0 : Mbufs.mib(n.min);
            long rec = n == null ? 0 : HugeFixes.roundGb(needMb + 256);
            recommend.add(String.valueOf(rec));
            if (n == null) {
                continue;
            }
            StringBuilder s = new StringBuilder("socket ").append(node).append(": ").append(String.join(", ", n.ports))
                    .append(" need ~").append(Words.count(needMb)).append(" MB for full pools");
            if (minMb != needMb) {
                s.append(" (at least ").append(Words.count(minMb)).append(" MB with OVS's smallest pools)");
            }
            Long limitMb = node < socketMem.size() ? socketMem.get(node) : socketMem.isEmpty() ? null : 0L;
            HugePagePool pool = state.pool(node, pageKb).orElse(null);
            Long hugeMb = pool != null && pool.total() != null ? pool.total() * pageKb / 1024 : null;
            if (limitMb != null) {
                s.append("; dpdk-socket-mem gives ").append(Words.count(limitMb)).append(" MB");
            }
            if (hugeMb != null) {
                s.append("; ").append(pool.node() != null ? "node " + pool.node() : "the host").append(" has ")
                        .append(Words.count(hugeMb)).append(" MB of hugepages");
            }
            long avail = limitMb != null ? limitMb : hugeMb != null ? hugeMb : Long.MAX_VALUE;
            if (hugeMb != null) {
                avail = Math.min(avail, hugeMb);
            }
            if (avail < minMb) {
                worst = Severity.WARNING;
                s.append(": too little, ports there cannot get pools");
            } else if (avail < needMb) {
                worst = worst == Severity.OK ? Severity.INFO : worst;
                s.append(": enough only for smaller pools, which OVS makes silently");
            }
            lines.add(s.toString());
        }
        Finding.Builder b = Finding.builder(ID, Stage.DPDK, "OVS-DPDK memory per NUMA node")
                .severity(worst)
                .summary("OVS-DPDK memory (" + (perPort ? "per-port model" : "shared model") + "): "
                        + String.join("; ", lines) + ". Recommended: dpdk-socket-mem=" + String.join(",", recommend)
                        + " with as many hugepages reserved on each node.");
        spans.stream().limit(4).forEach(b::evidence);
        if (state.otherConfigSpan != null) {
            b.evidence(state.otherConfigSpan);
        }
        b.fix(HugeFixes.socketMem(String.join(",", recommend), "room for every port's pool on its node, plus ~256 MB "
                + "for DPDK's own structures"));
        for (int node = 0; node < recommend.size(); node++) {
            long mb = Long.parseLong(recommend.get(node));
            if (mb > 0) {
                b.fix(HugeFixes.reserve(state.pools.stream().anyMatch(p -> p.node() != null) || recommend.size() > 1
                        ? node : null, pageKb, mb * 1024 / pageKb, "back socket " + node + "'s " + Words.count(mb)
                        + " MB with hugepages"));
            }
        }
        b.explanation("Estimated with OVS's documented mbuf counts (Documentation/topics/dpdk/memory.rst) and ~"
                + Mbufs.OVERHEAD + " B per mbuf beyond its buffer (measured on OVS 3.1 / DPDK 22.11). A vhost port's "
                + "node is its guest's memory node once the guest connects (status numa_id).");
        b.confidence(Confidence.MEDIUM, "an estimate from the configuration");
        return CheckResult.of(List.of(b.build()));
    }

    private static int num(String v, int dflt) {
        try {
            return Integer.parseInt(v.strip());
        } catch (RuntimeException e) {
            return dflt;
        }
    }
}
