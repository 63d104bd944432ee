package dev.drophound.checks.dpdk;

import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.HugePagePool;
import dev.drophound.facts.MemoryGauges;
import dev.drophound.facts.OvsRecord;
import dev.drophound.facts.Span;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the evidence says about OVS's DPDK configuration and the hugepages behind it: the Open_vSwitch row's
 * other_config, the Interface rows, {@code --socket-mem} from the EAL arguments, and hugepage pools per node.
 */
final class OvsState {

    private static final Pattern SOCKET_MEM = Pattern.compile("--socket-mem[ =]([0-9,]+)");

    final Map<String, String> otherConfig;
    final Span otherConfigSpan;
    final Map<String, OvsRecord> interfaces;
    final List<HugePagePool> pools;
    /** Hugepage size in kB from meminfo when no pool says it, else 2048. */
    final long defaultPageKb;
    final MemoryGauges meminfo;

    private OvsState(Map<String, String> otherConfig, Span otherConfigSpan, Map<String, OvsRecord> interfaces,
            List<HugePagePool> pools, long defaultPageKb, MemoryGauges meminfo) {
        this.otherConfig = otherConfig;
        this.otherConfigSpan = otherConfigSpan;
        this.interfaces = interfaces;
        this.pools = pools;
        this.defaultPageKb = defaultPageKb;
        this.meminfo = meminfo;
    }

    static OvsState of(Case c) {
        Map<String, String> other = new LinkedHashMap<>();
        Span otherSpan = null;
        Map<String, OvsRecord> ifaces = new LinkedHashMap<>();
        for (OvsRecord r : c.facts(OvsRecord.class)) {
            if ("Open_vSwitch".equals(r.table()) && r.columns().containsKey("other_config")) {
                other.putAll(r.map("other_config"));
                otherSpan = r.span();
            } else if ("Interface".equals(r.table()) && r.name().isPresent()) {
                OvsRecord prev = ifaces.get(r.name().get());
                // the later capture wins; a fuller row (list) wins over a partial one (show)
                if (prev == null || r.columns().size() >= prev.columns().size()) {
                    ifaces.put(r.name().get(), r);
                }
            }
        }
        List<HugePagePool> pools = new ArrayList<>(c.latest(HugePagePool.class,
                p -> (p.node() == null ? "all" : "node" + p.node()) + "/" + p.pageSizeKb()).values().stream()
                .map(o -> o.fact()).toList());
        MemoryGauges meminfo = c.latest(MemoryGauges.class, g -> g.kind() + "/" + g.entity()).values().stream()
                .map(o -> o.fact()).filter(g -> g.kind().equals("meminfo") && g.entity().isEmpty()
                        && g.values().containsKey("HugePages_Total"))
                .findFirst().orElse(null);
        long pageKb = 2048;
        if (meminfo != null && meminfo.value("Hugepagesize").isPresent()) {
            pageKb = meminfo.value("Hugepagesize").get() / 1024;
        }
        if (pools.isEmpty() && meminfo != null) {
            // /proc/meminfo's HugePages_* lines are the default size's system-wide pool
            pools.add(new HugePagePool(null, pageKb, meminfo.value("HugePages_Total").orElse(null),
                    meminfo.value("HugePages_Free").orElse(null), meminfo.value("HugePages_Rsvd").orElse(null),
                    meminfo.value("HugePages_Surp").orElse(null), meminfo.span()));
        }
        return new OvsState(other, otherSpan, ifaces, pools, pageKb, meminfo);
    }

    /** dpdk-socket-mem per socket in MB, from other_config, else from the EAL arguments of the logs; empty if unset. */
    static List<Long> socketMem(Map<String, String> otherConfig, List<DpdkEvent> log) {
        String v = otherConfig.get("dpdk-socket-mem");
        if (v == null && log != null) {
            for (DpdkEvent e : log) {
                if (e.kind() == DpdkEvent.Kind.EAL_ARGS) {
                    Matcher m = SOCKET_MEM.matcher(e.text());
                    if (m.find()) {
                        v = m.group(1);
                    }
                }
            }
        }
        List<Long> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            try {
                out.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }

    /** The hugepage pool of a node and size, or the system-wide one when the node's is not known. */
    Optional<HugePagePool> pool(Integer node, long pageKb) {
        Optional<HugePagePool> exact = pools.stream()
                .filter(p -> p.pageSizeKb() == pageKb && java.util.Objects.equals(p.node(), node)).findFirst();
        if (exact.isPresent() || node == null) {
            return exact;
        }
        return pools.stream().filter(p -> p.pageSizeKb() == pageKb && p.node() == null).findFirst();
    }

    /**
     * The lines of an OVSDB row that hold these columns ({@code mtu  : 1500}), for evidence: a whole Interface row is
     * forty lines. The whole span when no line matches (a one-line {@code get} or {@code show} record).
     */
    static Span excerpt(OvsRecord r, String... columns) {
        List<Span.Line> lines = r.span().lines().stream().filter(l -> {
            String t = l.text().strip();
            for (String c : columns) {
                if (t.matches(java.util.regex.Pattern.quote(c) + "\\s*:.*")) {
                    return true;
                }
            }
            return false;
        }).toList();
        return lines.isEmpty() ? r.span() : new Span(r.span().source(), lines);
    }

    /** The page size most pools use: the one with pages reserved, else meminfo's default. */
    long pageKb() {
        return pools.stream().filter(p -> p.total() != null && p.total() > 0).map(HugePagePool::pageSizeKb)
                .findFirst().orElse(defaultPageKb);
    }

    boolean perPortMemory() {
        return "true".equals(otherConfig.get("per-port-memory"));
    }

    /** The sysfs path that reserves pages of a size on a node (or system-wide). */
    static String reservePath(Integer node, long pageKb) {
        return node == null ? "/sys/kernel/mm/hugepages/hugepages-" + pageKb + "kB/nr_hugepages"
                : "/sys/devices/system/node/node" + node + "/hugepages/hugepages-" + pageKb + "kB/nr_hugepages";
    }

    /** "2 MB", "1 GB" for a page size in kB. */
    static String pageName(long pageKb) {
        return pageKb >= 1024 * 1024 ? pageKb / (1024 * 1024) + " GB" : pageKb >= 1024 ? pageKb / 1024 + " MB"
                : pageKb + " kB";
    }

    /** Kernel command-line spelling of a page size. */
    static String pageArg(long pageKb) {
        return pageKb >= 1024 * 1024 ? pageKb / (1024 * 1024) + "G" : pageKb / 1024 + "M";
    }
}
