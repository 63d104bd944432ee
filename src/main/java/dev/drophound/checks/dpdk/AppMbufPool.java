package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Words;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;

/**
 * A DPDK application that could not create its mbuf pool (fixture 07 cases 06/07/09: testpmd's
 * {@code create a new mbuf pool <mb_pool_0>: n=155456, size=2176} then {@code Creation of mbuf pool for socket 0
 * failed}), or that exited because the EAL memory (-m) was too small for the application itself (case 10).
 */
public final class AppMbufPool implements Check {

    public static final String ID = "dpdk.app-pool";
    /** rte_mbuf header plus the mempool object header and trailer: what an mbuf takes beyond its data room. */
    static final long OVERHEAD = 256;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "DPDK application mbuf pools";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    @Override
    public CheckResult run(Case c) {
        DpdkLogs logs = DpdkLogs.of(c);
        boolean any = logs.all().stream().anyMatch(e -> e.kind() == Kind.APP_POOL_REQUEST
                || e.kind() == Kind.APP_POOL_FAILED || e.kind() == Kind.APP_EXIT);
        if (!any) {
            return CheckResult.missing("a DPDK application's output (testpmd: create a new mbuf pool ...)");
        }
        List<Finding> out = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        for (List<DpdkEvent> log : logs.bySource().values()) {
            String program = DpdkLogs.program(log);
            for (int i = 0; i < log.size(); i++) {
                DpdkEvent e = log.get(i);
                if (e.kind() == Kind.APP_POOL_FAILED) {
                    int at = i;
                    DpdkEvent ask = DpdkLogs.before(log, at, 0, x -> x.kind() == Kind.APP_POOL_REQUEST).orElse(null);
                    out.add(failed(c, program, ask, e));
                } else if (e.kind() == Kind.APP_POOL_REQUEST && DpdkLogs.after(log, i,
                        x -> x.kind() == Kind.APP_POOL_FAILED || x.kind() == Kind.APP_POOL_REQUEST)
                        .map(x -> x.kind() != Kind.APP_POOL_FAILED).orElse(true)) {
                    ok.add(program + " " + (e.pool() != null ? e.pool() : "pool") + ": " + Words.count(e.mbufs() == null ? 0
                            : e.mbufs()) + " mbufs of " + (e.mbufSize() == null ? "?" : e.mbufSize()) + " B");
                } else if (e.kind() == Kind.APP_EXIT && e.error() != null && e.error().contains("alloc")) {
                    out.add(Finding.builder(ID, Stage.DPDK, program + " ran out of EAL memory at start")
                            .severity(Severity.CRITICAL)
                            .summary(program + " exited because an allocation from DPDK memory failed before any pool "
                                    + "was made (" + e.span().where() + ": " + e.error() + "): the memory given to the EAL "
                                    + "(-m / --socket-mem, or --no-huge -m) is too small for the application itself.")
                            .evidence(e.span())
                            .fix(new Remediation("give the EAL more memory (-m 512, or --socket-mem)",
                                    "the application's own structures come from the same memory as its pools", null, null))
                            .confidence(Confidence.HIGH, "the exit cause is printed").build());
                }
            }
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.DPDK, "Application mbuf pools created")
                    .severity(Severity.OK)
                    .summary("DPDK application pools created: " + (ok.isEmpty() ? "no failure" : String.join("; ", ok)) + ".")
                    .confidence(Confidence.HIGH, "no failure in the output").build());
        }
        return CheckResult.of(out);
    }

    private Finding failed(Case c, String program, DpdkEvent ask, DpdkEvent fail) {
        Integer socket = fail.socket() != null ? fail.socket() : ask != null ? ask.socket() : null;
        StringBuilder s = new StringBuilder(program).append(" could not create its mbuf pool");
        long bytes = 0;
        if (ask != null && ask.mbufs() != null && ask.mbufSize() != null) {
            bytes = ask.mbufs() * (ask.mbufSize() + OVERHEAD);
            s.append(' ').append(ask.pool() != null ? ask.pool() + " " : "").append("(")
                    .append(Words.count(ask.mbufs())).append(" mbufs of ").append(Words.count(ask.mbufSize()))
                    .append(" B: ~").append(Words.bytes(bytes)).append(')');
        }
        if (socket != null) {
            s.append(" on socket ").append(socket);
        }
        s.append(" (").append(fail.span().where()).append(": ").append(fail.error() != null ? fail.error() : fail.text())
                .append(")");
        long available = hugeBytes(c);
        if (available > 0) {
            s.append("; the host has ").append(Words.bytes(available)).append(" of hugepages in all, part of it taken by "
                    + "the EAL and the ports");
        }
        s.append(": the pool does not fit in DPDK's memory.");
        Finding.Builder b = Finding.builder(ID, Stage.DPDK, "mbuf pool does not fit (" + program + ")")
                .severity(Severity.CRITICAL).summary(s.toString());
        b.evidence(ask != null && ask.span().source().equals(fail.span().source())
                ? DpdkLogs.join(List.of(ask, fail)) : fail.span());
        if (ask != null && ask.mbufs() != null && ask.mbufSize() != null && available > 0) {
            long fits = Math.max(1024, available / 2 / (ask.mbufSize() + OVERHEAD) / 1024 * 1024);
            b.fix(new Remediation("--total-num-mbufs=" + fits, "a pool of " + Words.count(fits) + " mbufs (~"
                    + Words.bytes(fits * (ask.mbufSize() + OVERHEAD)) + ") fits in half of the hugepages, leaving room for "
                    + "the EAL and the rings", null, "fewer buffers for bursts"));
        } else {
            b.fix(new Remediation("--total-num-mbufs=8192", "a smaller pool (testpmd's default is sized for "
                    + "many ports and cores)", null, "fewer buffers for bursts"));
        }
        if (ask != null && ask.mbufSize() != null && ask.mbufSize() > 2176) {
            b.fix(new Remediation("--mbuf-size=2176", "standard-size buffers; jumbo frames then need multi-segment "
                    + "mbufs (--max-pkt-len with scatter)", null, "no single-buffer jumbo frames"));
        }
        b.fix(HugeFixes.reserve(socket, 2048, Math.max(256, (bytes * 2 + (2L << 20) - 1) / (2L << 20)),
                "or give DPDK more hugepages"));
        b.explanation("A DPDK application's mbuf pool is one allocation from its EAL memory: n x (data room + ~"
                + OVERHEAD + " B of headers). testpmd's default n grows with ports, queues, descriptors and cores.");
        b.confidence(Confidence.HIGH, "the application says so");
        return b.build();
    }

    /** Hugepage memory of the host, from the pools or meminfo; 0 when unknown. */
    private static long hugeBytes(Case c) {
        OvsState state = OvsState.of(c);
        return state.pools.stream().filter(p -> p.node() == null && p.total() != null)
                .mapToLong(p -> p.total() * p.pageSizeKb() * 1024).sum();
    }
}
