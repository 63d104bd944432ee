package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.facts.DpdkHeap;
import dev.drophound.facts.HugePagePool;
import dev.drophound.facts.OvsRecord;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;

/**
 * A port that could not get its mbuf pool (seed 002: adding a port, changing its MTU, a VM starting on a vhost port):
 * {@code Failed to create memory pool for netdev dpdk0, with MTU 9000 on socket 0}. Tells a new port (unusable) from an
 * MTU change (refused) from the surrounding lines, sizes what the pool needed from OVS's own request lines or from
 * the MTU, and puts it next to socket-mem, the DPDK heap and the hugepages of that NUMA node. A lone
 * {@code RING: Cannot reserve memory} followed by a pool that was created is information, not a failure.
 */
public final class PortMempools implements Check {

    public static final String ID = "dpdk.port-mempool";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Port memory pools (OVS netdev-dpdk)";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    @Override
    public CheckResult run(Case c) {
        DpdkLogs logs = DpdkLogs.of(c);
        OvsState state = OvsState.of(c);
        boolean mempoolLines = logs.all().stream().anyMatch(e -> switch (e.kind()) {
            case MEMPOOL_REQUEST, MEMPOOL_ALLOCATED, MEMPOOL_REUSED, MEMPOOL_RETRY, MEMPOOL_GAVE_UP,
                    PORT_MEMPOOL_FAILED, RING_NO_MEMORY, PORT_ADDED -> true;
            default -> false;
        });
        List<OvsRecord> dpdkIfaces = state.interfaces.values().stream().filter(PortMempools::isDpdk).toList();
        if (!mempoolLines && dpdkIfaces.isEmpty()) {
            return CheckResult.missing("ovs-vswitchd.log with port lines, or ovs-vsctl list Interface");
        }
        List<Finding> out = new ArrayList<>();
        List<String> failedPorts = new ArrayList<>();
        for (List<DpdkEvent> log : logs.bySource().values()) {
            for (int i = 0; i < log.size(); i++) {
                DpdkEvent e = log.get(i);
                if (e.kind() == Kind.PORT_MEMPOOL_FAILED) {
                    out.add(failure(c, log, i, state));
                    failedPorts.add(e.port());
                } else if (e.kind() == Kind.RING_NO_MEMORY) {
                    DpdkEvent next = DpdkLogs.after(log, i, x -> x.kind() == Kind.MEMPOOL_ALLOCATED
                            || x.kind() == Kind.PORT_MEMPOOL_FAILED || x.kind() == Kind.MEMPOOL_GAVE_UP).orElse(null);
                    boolean previous = log.subList(0, i).stream().anyMatch(x -> x.kind() == Kind.RING_NO_MEMORY);
                    if ((next == null || next.kind() == Kind.MEMPOOL_ALLOCATED) && !previous) {
                        out.add(Finding.builder(ID, Stage.DPDK, "RING: Cannot reserve memory (a retry follows)")
                                .severity(Severity.INFO)
                                .summary("\"RING: Cannot reserve memory\" (" + e.span().where() + ") "
                                        + (next != null ? "was followed by a mempool that was created (" + next.span().where()
                                                + ")" : "is not followed by a pool failure")
                                        + ": OVS retries with fewer mbufs, so this line alone is not a failure; a real "
                                        + "one ends in \"Failed to create memory pool for netdev ...\".")
                                .evidence(e.span())
                                .confidence(next != null ? Confidence.HIGH : Confidence.MEDIUM, next != null
                                        ? "the retry is in the log" : "the rest of the log is not in the evidence")
                                .build());
                    }
                }
            }
        }
        // an Interface row that shows a refused MTU, when no log line explained it (other errors: InterfaceErrors)
        for (OvsRecord r : dpdkIfaces) {
            String name = r.name().orElse("?");
            String mtu = r.scalar("mtu").orElse(null);
            String req = r.scalar("mtu_request").orElse(null);
            if (failedPorts.contains(name) || req == null || mtu == null || req.equals(mtu)) {
                continue;
            }
            out.add(Finding.builder(ID, Stage.DPDK, "Interface " + name + " did not get MTU " + req)
                    .severity(Severity.WARNING)
                    .summary("Interface " + name + " (" + r.scalar("type").orElse("?") + ") asks for MTU " + req
                            + " but runs at " + mtu + r.scalar("link_state").map(s -> ", link " + s).orElse("")
                            + ": OVS could not apply it; on a DPDK port that is usually a memory pool it could not "
                            + "create (at least " + Words.bytes(Mbufs.poolBytes(Mbufs.OVS_MIN_MBUFS,
                                    Mbufs.bufSize(parse(req, 1500)))) + " for MTU " + req + ").")
                    .evidence(OvsState.excerpt(r, "name", "type", "mtu", "mtu_request", "error", "link_state"))
                    .confidence(Confidence.MEDIUM, "the reason is in ovs-vswitchd.log, not given")
                    .next("Look in ovs-vswitchd.log for \"Failed to create memory pool for netdev " + name + "\".")
                    .build());
        }
        if (out.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING))) {
            List<String> ok = new ArrayList<>();
            for (List<DpdkEvent> log : logs.bySource().values()) {
                for (DpdkEvent e : log) {
                    if (e.kind() == Kind.MEMPOOL_ALLOCATED || e.kind() == Kind.MEMPOOL_REUSED) {
                        ok.add((e.kind() == Kind.MEMPOOL_REUSED ? "reused " : "") + e.pool()
                                + (e.mbufs() != null ? " (" + Words.count(e.mbufs()) + " mbufs)" : ""));
                    }
                }
            }
            out.add(0, Finding.builder(ID, Stage.DPDK, "Port mempools created")
                    .severity(Severity.OK)
                    .summary(ok.isEmpty() ? "No port failed to get a memory pool." : "Ports got their memory pools: "
                            + String.join(", ", ok) + ".")
                    .confidence(Confidence.HIGH, "no pool failure in the log").build());
        }
        return CheckResult.of(out);
    }

    static boolean isDpdk(OvsRecord r) {
        String type = r.scalar("type").orElse("");
        return type.startsWith("dpdk");
    }

    private static int parse(String v, int dflt) {
        try {
            return Integer.parseInt(v);
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    private Finding failure(Case c, List<DpdkEvent> log, int i, OvsState state) {
        DpdkEvent f = log.get(i);
        String port = f.port() == null ? "?" : f.port();
        int socket = f.socket() == null ? 0 : f.socket();
        int mtu = f.mtu() == null ? 1500 : f.mtu();
        // the attempts OVS made for this pool: its request lines since the previous pool outcome
        int from = i - 1;
        while (from >= 0 && log.get(from).kind() != Kind.MEMPOOL_ALLOCATED && log.get(from).kind() != Kind.MEMPOOL_REUSED
                && log.get(from).kind() != Kind.PORT_MEMPOOL_FAILED) {
            from--;
        }
        List<DpdkEvent> attempts = log.subList(from + 1, i).stream().filter(e -> switch (e.kind()) {
            case MEMPOOL_REQUEST, MEMPOOL_RETRY, MEMPOOL_GAVE_UP, RING_NO_MEMORY -> true;
            default -> false;
        }).toList();
        long size = attempts.stream().filter(e -> e.mbufSize() != null).map(DpdkEvent::mbufSize).findFirst()
                .orElse(Mbufs.bufSize(mtu));
        long firstAsk = attempts.stream().filter(e -> e.kind() == Kind.MEMPOOL_REQUEST && e.mbufs() != null)
                .map(DpdkEvent::mbufs).findFirst().orElse(Mbufs.OVS_MAX_MBUFS);
        long lastAsk = attempts.stream().filter(e -> e.kind() == Kind.MEMPOOL_REQUEST && e.mbufs() != null)
                .map(DpdkEvent::mbufs).reduce((a, b) -> b).orElse(Mbufs.OVS_MIN_MBUFS);
        long fullBytes = Mbufs.poolBytes(firstAsk, size);
        long minBytes = Mbufs.poolBytes(lastAsk, size);
        OvsRecord row = state.interfaces.get(port);
        String type = row != null ? row.scalar("type").orElse("") : "";
        boolean vhost = type.startsWith("dpdkvhost") || row == null && port.matches("(?i)(vhu|vhost).*");
        DpdkEvent added = DpdkLogs.before(log, i, 0, e -> (e.kind() == Kind.PORT_ADDED || e.kind() == Kind.PORT_DELETED)
                && port.equals(e.port())).orElse(null);
        boolean mtuChange = added != null && added.kind() == Kind.PORT_ADDED && !vhost;
        DpdkEvent reconfig = DpdkLogs.after(log, i, e -> e.kind() == Kind.PORT_RECONFIGURE_FAILED
                && port.equals(e.port())).filter(e -> e.span().firstLine() - f.span().firstLine() < 20).orElse(null);
        String head;
        Severity severity = Severity.CRITICAL;
        if (vhost) {
            head = "Port " + port + " (vhost-user) got no memory pool when its guest connected: OVS could not create "
                    + "one for MTU " + mtu + " on NUMA socket " + socket + ", where the guest's memory is, so the "
                    + "VM's traffic on it cannot flow";
        } else if (mtuChange) {
            head = "Port " + port + " could not change to MTU " + mtu + ": OVS could not create a memory pool for it "
                    + "on NUMA socket " + socket;
            if (reconfig != null) {
                head += ", and took the port out of the datapath (\"" + reconfig.text() + "\"): it does not forward "
                        + "until this is fixed";
            } else {
                severity = Severity.WARNING;
                head += "; the port keeps its old MTU";
                if (row != null && row.scalar("mtu").isPresent()) {
                    head += " (" + row.scalar("mtu").get() + ")";
                }
            }
        } else if (log.stream().noneMatch(e -> e.kind() == Kind.PORT_ADDED || e.kind() == Kind.PORT_DELETED)) {
            // an excerpt without the bridge's lines: which of the two it was cannot be told
            head = "Port " + port + " got no memory pool: OVS could not create one for MTU " + mtu + " on NUMA socket "
                    + socket + ". If the port was being added, it is unusable; if its MTU was being changed, the change "
                    + "was refused (OVS 2.x keeps the old MTU; OVS 3.x takes the port out of the datapath and logs "
                    + "\"Failed to set interface " + port + " new configuration\")";
        } else {
            head = "Port " + port + " has no memory pool: OVS could not create one for MTU " + mtu + " on NUMA socket "
                    + socket + ", so the new port is unusable";
        }
        StringBuilder s = new StringBuilder(head).append(" (").append(f.span().where()).append(": ")
                .append(f.error() != null ? f.error() : "failed").append(").");
        long asks = attempts.stream().filter(e -> e.kind() == Kind.MEMPOOL_REQUEST).count();
        s.append(" A pool of ").append(Words.count(firstAsk)).append(" mbufs of ").append(Words.count(size))
                .append(" B needs ~").append(Words.bytes(fullBytes));
        if (asks == 0) {
            lastAsk = Mbufs.OVS_MIN_MBUFS;
            minBytes = Mbufs.poolBytes(lastAsk, size);
            s.append(", at least ~").append(Words.bytes(minBytes)).append(" for OVS's smallest try of ")
                    .append(Words.count(Mbufs.OVS_MIN_MBUFS)).append(" (size from the MTU: debug logging shows the "
                            + "real requests)");
        } else if (asks > 1 || lastAsk != firstAsk) {
            s.append(" (OVS halved its request down to ").append(Words.count(lastAsk)).append(" mbufs, ~")
                    .append(Words.bytes(minBytes)).append(", and that did not fit either)");
        }
        s.append('.');
        List<Long> socketMem = OvsState.socketMem(state.otherConfig, log);
        String memory = memoryOn(c, state, socket, socketMem);
        if (!memory.isEmpty()) {
            s.append(' ').append(memory);
        }
        Finding.Builder b = Finding.builder(ID, Stage.DPDK, vhost ? "vhost port " + port + " has no mempool"
                : mtuChange ? "MTU " + mtu + " refused on " + port + " (no mempool)" : "Port " + port + " has no mempool")
                .severity(severity).summary(s.toString());
        List<DpdkEvent> cited = new ArrayList<>();
        if (added != null) {
            cited.add(added);
        }
        if (!attempts.isEmpty()) {
            cited.add(attempts.get(0));
            if (attempts.size() > 1) {
                cited.add(attempts.get(attempts.size() - 1));
            }
        }
        cited.add(f);
        if (reconfig != null) {
            cited.add(reconfig);
        }
        b.evidence(DpdkLogs.join(cited));
        if (row != null) {
            b.evidence(OvsState.excerpt(row, "name", "type", "mtu", "mtu_request", "error", "link_state"));
        }
        if (state.otherConfigSpan != null) {
            b.evidence(state.otherConfigSpan);
        }
        // fixes: memory on that node first, then a smaller MTU, then fewer mbufs
        long needMb = Mbufs.mib(fullBytes);
        if (!socketMem.isEmpty()) {
            List<Long> fixed = new ArrayList<>(socketMem);
            while (fixed.size() <= socket) {
                fixed.add(0L);
            }
            fixed.set(socket, HugeFixes.roundGb(fixed.get(socket) + needMb));
            b.fix(HugeFixes.socketMem(String.join(",", fixed.stream().map(String::valueOf).toList()),
                    "room on socket " + socket + " for the full " + Words.count(firstAsk) + "-mbuf pool (~"
                            + Words.bytes(fullBytes) + ") next to what it holds now"));
        }
        long pageKb = state.pageKb();
        HugePagePool pool = state.pool(socket, pageKb).orElse(null);
        long have = pool != null && pool.total() != null ? pool.total() : 0;
        long add = (fullBytes + pageKb * 1024 - 1) / (pageKb * 1024);
        Integer node = pool != null && pool.node() == null ? null : Integer.valueOf(socket);
        b.fix(HugeFixes.reserve(node,
                pageKb, have + add, (socketMem.isEmpty() ? "without dpdk-socket-mem DPDK grows its heap from free "
                        + "hugepages, also while running (add them and re-apply the port's settings)"
                        : "back the larger socket-mem with hugepages") + ": " + Words.count(add) + " more "
                        + OvsState.pageName(pageKb) + " pages" + (pool != null && pool.total() != null ? " than the "
                                + Words.count(have) + " reserved" : "")));
        if (vhost) {
            b.fix(new Remediation("virsh edit <guest>: <numatune><memory mode='strict' nodeset='N'/></numatune>",
                    "or place the guest's memory on a NUMA node N that has DPDK memory: the vhost port's pool follows "
                            + "the guest's memory", null, "the guest's vCPUs should then run on that node too"));
        }
        if (mtu > 1500) {
            b.fix(new Remediation("ovs-vsctl set Interface " + port + " mtu_request=1500",
                    "a 1500-byte MTU needs mbufs of " + Mbufs.bufSize(1500) + " B instead of " + size + " B", null,
                    "no jumbo frames on this port"));
        }
        b.fix(new Remediation("ovs-vsctl set Open_vSwitch . other_config:per-port-memory=true",
                "each port then gets a pool sized from its queues and descriptors (n_rxq x n_rxq_desc + ...) instead "
                        + "of the shared 262144-mbuf pool; lower options:n_rxq / n_rxq_desc to need less",
                null, "takes effect for ports (re)configured after it; fewer mbufs absorb smaller bursts"));
        b.explanation("OVS-DPDK gives each port an mbuf pool from hugepage memory on the port's NUMA node (a vhost "
                + "port's node is where its guest's memory is). The buffer size follows the MTU (" + Mbufs.bufSize(1500)
                + " B at 1500, " + Mbufs.bufSize(9000) + " B at 9000); in the default shared model OVS asks for "
                + "262,144 mbufs and halves the count on failure down to 16,384 (logged only at debug level), then "
                + "gives up. Memory per mbuf is the buffer plus ~" + Mbufs.OVERHEAD + " B of headers (measured on OVS "
                + "3.1 / DPDK 22.11).");
        b.confidence(Confidence.HIGH, "the log names the port, MTU and socket");
        if (attempts.isEmpty()) {
            b.next("ovs-appctl vlog/set netdev_dpdk:file:dbg makes OVS log each mempool request and retry.");
        }
        return b.build();
    }

    /** What the evidence says about memory on one socket: socket-mem, the DPDK heap, hugepages. */
    static String memoryOn(Case c, OvsState state, int socket, List<Long> socketMem) {
        List<String> parts = new ArrayList<>();
        if (!socketMem.isEmpty()) {
            long mb = socket < socketMem.size() ? socketMem.get(socket) : 0;
            parts.add("dpdk-socket-mem gives it " + Words.count(mb) + " MB");
        } else if (!state.otherConfig.isEmpty()) {
            parts.add("dpdk-socket-mem is not set (DPDK takes free hugepages as needed)");
        }
        // the last heap dump read for this socket (several captures say the same thing once)
        c.facts(DpdkHeap.class).stream().filter(h -> h.socket() != null && h.socket() == socket
                && h.heapSize() != null && h.heapSize() > 0).reduce((a, b) -> b)
                .ifPresent(h -> parts.add("the DPDK heap there is " + Words.bytes(h.heapSize()) + " with "
                        + Words.bytes(h.freeSize() == null ? 0 : h.freeSize()) + " free (it grows from free hugepages "
                        + "as needed)"));
        long pageKb = state.pageKb();
        state.pool(socket, pageKb).ifPresent(p -> parts.add((p.node() != null ? "node " + p.node() : "the host")
                + " has " + (p.total() == null ? "?" : Words.count(p.total())) + " hugepages of "
                + OvsState.pageName(pageKb) + " (" + Words.bytes((p.total() == null ? 0 : p.total()) * pageKb * 1024) + ")"
                + (p.free() != null ? ", " + Words.count(p.free()) + " free" : "")));
        if (parts.isEmpty()) {
            return "";
        }
        return "Memory on socket " + socket + ": " + String.join("; ", parts) + ".";
    }
}
