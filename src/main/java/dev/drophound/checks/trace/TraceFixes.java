package dev.drophound.checks.trace;

import dev.drophound.checks.Fixes;
import dev.drophound.checks.Lookup;
import dev.drophound.checks.Words;
import dev.drophound.findings.Remediation;
import dev.drophound.model.Case;
import java.util.List;
import java.util.OptionalLong;

/** The remediation for each kind of traced drop; settings the evidence holds are taken into account. */
final class TraceFixes {
    private TraceFixes() {
    }

    /** What seed 001 raises rmem_max to (as the counter check recommends): 25 MiB. */
    static final long RMEM_MAX = 26_214_400L;

    static List<Remediation> of(DropCauses.Fix fix, Case c) {
        return switch (fix) {
            case SOCKET_BUFFER -> {
                OptionalLong now = Lookup.sysctlLong(c, "net.core.rmem_max");
                yield List.of(
                        Fixes.sysctl("net.core.rmem_max", Math.max(RMEM_MAX, now.orElse(0)),
                                "net.core.rmem_max caps the buffer an application may ask for with SO_RCVBUF ("
                                        + (now.isPresent() ? "now " + Words.count(now.getAsLong()) + " bytes" : "value not in the evidence")
                                        + ").",
                                "none until an application asks; a socket with a 25 MiB buffer may then hold up to twice "
                                        + "that while its reader stalls, counted against net.ipv4.udp_mem / tcp_mem"),
                        new Remediation("setsockopt(fd, SOL_SOCKET, SO_RCVBUF, 8-25 MiB) in the receiving application",
                                "only a socket that asks gets the larger buffer; or read faster: more reader threads, "
                                        + "SO_REUSEPORT, recvmmsg()", null,
                                "memory per socket; queued packets also wait longer (latency)"));
            }
            case SOCKET_MEMORY -> List.of(new Remediation("cat /proc/net/sockstat; sysctl net.ipv4.udp_mem net.ipv4.tcp_mem",
                    "compare the pages in use (mem) with the limits (third value); raise the limit if the host has "
                            + "memory to spare, or find the sockets holding memory (ss -tumpe, skmem)",
                    "a line \"net.ipv4.udp_mem = MIN PRESSURE MAX\" (pages) in " + Fixes.SYSCTL_FILE,
                    "socket buffers may then take that much kernel memory"));
            case LISTENER -> List.of(new Remediation("ss -uanp; ss -tanp",
                    "shows which ports have sockets: start the service, or correct the destination port", null, null));
            case BACKLOG -> {
                OptionalLong now = Lookup.sysctlLong(c, "net.core.netdev_max_backlog");
                long target = now.isPresent() && now.getAsLong() >= 1000 ? Math.min(now.getAsLong() * 2, 65536) : 1000;
                yield List.of(Fixes.sysctl("net.core.netdev_max_backlog", target,
                        "a longer input queue per CPU absorbs bursts (default 1000"
                                + (now.isPresent() ? ", now " + Words.count(now.getAsLong()) : "") + ")",
                        "memory for queued packets per CPU while it is full, and added queueing latency under overload"));
            }
            case QDISC -> List.of(new Remediation("tc -s -d qdisc show",
                    "find the qdisc that drops; raise its limit, or the shaper's rate, or accept the drops as the "
                            + "intended rate limiting",
                    "wherever the qdisc is configured: the tc script, systemd-networkd [QDisc] sections, NetworkManager tc.qdiscs",
                    "a longer queue adds latency (bufferbloat)"));
            case NEIGHBOUR -> List.of(new Remediation("ip neigh show; ip -s ntable show",
                    "see which neighbours stay INCOMPLETE or FAILED: the next hop is down, unreachable or on the wrong "
                            + "link; when many packets wait for one resolution, net.ipv4.neigh.default.unres_qlen_bytes "
                            + "bounds them", null, null));
            case FIREWALL -> List.of(new Remediation("nft list ruleset; iptables -L -v -n; tc -s filter show dev <if>",
                    "the rule counters show which rule drops; change it if this traffic should pass", null, null));
            case RING -> List.of(new Remediation("ip -s link; ethtool -g <if>",
                    "find the device whose queue is full: a larger ring or txqueuelen, or a faster consumer (the VM, "
                            + "container or process on the other side)", null, "more memory per queue, more latency"));
            case MEMORY -> List.of(new Remediation("grep -E 'MemAvailable|Slab|SUnreclaim' /proc/meminfo; sysctl vm.min_free_kbytes",
                    "the host ran short of memory for packets: find what holds memory, or raise vm.min_free_kbytes so "
                            + "atomic allocations in softirq succeed", null, "memory kept free is not usable by applications"));
            case FRAMES -> List.of(new Remediation("ethtool -S <if> | grep -i -E 'crc|csum|checksum|length'",
                    "check the link (cable, optics, duplex) and the sender; on virtual devices try turning checksum "
                            + "offload off to see whether it is involved (ethtool -K <if> rx off tx off)", null, null));
            case ROUTE -> List.of(new Remediation("ip route get <destination>; sysctl net.ipv4.conf.all.rp_filter",
                    "check that a route exists for the addresses involved and that reverse path filtering suits the "
                            + "routing (2 = loose for asymmetric paths)", null, null));
            case NONE -> List.of();
        };
    }
}
