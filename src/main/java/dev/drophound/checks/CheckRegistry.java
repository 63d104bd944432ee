package dev.drophound.checks;

import dev.drophound.checks.rx.BacklogDrops;
import dev.drophound.checks.rx.ChecksumErrors;
import dev.drophound.checks.rx.FlowLimitDrops;
import dev.drophound.checks.rx.InterfaceRxDropped;
import dev.drophound.checks.rx.InterfaceTxDropped;
import dev.drophound.checks.rx.IpInputDiscards;
import dev.drophound.checks.rx.LinkErrors;
import dev.drophound.checks.rx.NicPolicyDrops;
import dev.drophound.checks.rx.QdiscDrops;
import dev.drophound.checks.rx.ReceiveCpuImbalance;
import dev.drophound.checks.rx.RxAllocFailures;
import dev.drophound.checks.rx.RxRingOverflow;
import dev.drophound.checks.rx.SendPathDrops;
import dev.drophound.checks.rx.SocketDrops;
import dev.drophound.checks.rx.SocketMemoryPressure;
import dev.drophound.checks.rx.TcpListenOverflow;
import dev.drophound.checks.rx.TcpReceiveDrops;
import dev.drophound.checks.rx.TimeSqueeze;
import dev.drophound.checks.rx.UdpErrorsOtherThanBuffer;
import dev.drophound.checks.rx.UdpNoListener;
import dev.drophound.checks.rx.UdpReceiveBufferOverflow;
import dev.drophound.checks.mem.MemoryBreakdown;
import dev.drophound.checks.mem.EgressBacklog;
import dev.drophound.checks.mem.FunctionPairs;
import dev.drophound.checks.mem.KmemleakGroups;
import dev.drophound.checks.mem.MemoryGrowth;
import dev.drophound.checks.mem.OomExplained;
import dev.drophound.checks.mem.SlubTracePairs;
import dev.drophound.checks.mem.SocketQueues;
import dev.drophound.checks.dpdk.AppMbufPool;
import dev.drophound.checks.dpdk.EalStartup;
import dev.drophound.checks.dpdk.Hugepages;
import dev.drophound.checks.dpdk.InterfaceErrors;
import dev.drophound.checks.dpdk.MempoolShrunk;
import dev.drophound.checks.dpdk.OvsMemorySizing;
import dev.drophound.checks.dpdk.PortMempools;
import dev.drophound.checks.dpdk.RuntimeMbufs;
import dev.drophound.checks.staros.DiNetworkHealth;
import dev.drophound.checks.staros.IftaskKniDrops;
import dev.drophound.checks.staros.KniOutOfMemory;
import dev.drophound.checks.staros.KniRootCause;
import dev.drophound.checks.trace.TracedDropReasons;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.findings.Finding;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;

/** Every check, listed explicitly in receive-path order; and running them with failures isolated. */
public final class CheckRegistry {

    private final List<Check> checks;

    public CheckRegistry(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public static CheckRegistry standard() {
        return new CheckRegistry(List.of(
                new RxRingOverflow(), new RxAllocFailures(), new InterfaceRxDropped(), new NicPolicyDrops(),
                new LinkErrors(), new ChecksumErrors(),
                new BacklogDrops(), new FlowLimitDrops(), new TimeSqueeze(), new ReceiveCpuImbalance(),
                new IpInputDiscards(), new UdpNoListener(), new UdpErrorsOtherThanBuffer(), new TcpListenOverflow(),
                new TcpReceiveDrops(),
                new UdpReceiveBufferOverflow(), new SocketDrops(), new SocketMemoryPressure(),
                new QdiscDrops(), new SendPathDrops(), new InterfaceTxDropped(),
                // traced drops span every stage; last, so a counter finding of the same stage leads the verdict
                new TracedDropReasons(),
                // kernel memory
                new MemoryBreakdown(), new MemoryGrowth(), new EgressBacklog(), new SocketQueues(), new SlubTracePairs(), new FunctionPairs(), new KmemleakGroups(),
                new OomExplained(),
                // DPDK and OVS-DPDK memory
                new EalStartup(), new PortMempools(), new MempoolShrunk(), new RuntimeMbufs(), new AppMbufPool(),
                new Hugepages(), new OvsMemorySizing(), new InterfaceErrors(),
                // StarOS: the answer first, then the steps it rests on
                new KniRootCause(), new KniOutOfMemory(), new DiNetworkHealth(), new IftaskKniDrops()));
    }

    public List<Check> all() {
        return checks;
    }

    /** What running every check gave: findings, checks that did not apply, and checks that failed. */
    public record Outcome(List<Finding> findings, List<Applied> applied, List<Diagnostic> failures) {
    }

    /** One check's outcome: applied (with its findings) or not, and what it would need. */
    public record Applied(Check check, boolean applicable, String missing) {
    }

    public Outcome run(Case c) {
        List<Finding> findings = new ArrayList<>();
        List<Applied> applied = new ArrayList<>();
        List<Diagnostic> failures = new ArrayList<>();
        for (Check check : checks) {
            try {
                CheckResult r = check.run(c);
                switch (r) {
                    case CheckResult.Findings f -> {
                        findings.addAll(f.findings());
                        applied.add(new Applied(check, true, null));
                    }
                    case CheckResult.NotApplicable n -> applied.add(new Applied(check, false, n.missing()));
                }
            } catch (RuntimeException e) {
                // one broken check must not hide the others' findings; the report says which one failed
                failures.add(Diagnostic.error("check " + check.id(), 0, "failed: " + e));
                applied.add(new Applied(check, false, "(check failed)"));
            }
        }
        return new Outcome(findings, applied, failures);
    }
}
