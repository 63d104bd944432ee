package dev.drophound.parse.dpdk;

import dev.drophound.facts.DpdkEvent;
import dev.drophound.facts.DpdkEvent.Kind;
import dev.drophound.facts.LogTime;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one DPDK or OVS message says, shared by {@link OvsVswitchdLogParser} and {@link DpdkAppLogParser} so that an
 * EAL line means the same whether ovs-vswitchd logged it ({@code dpdk|ERR|EAL: Cannot init memory}) or testpmd
 * printed it on stderr ({@code EAL: Cannot init memory}). The text given is the message alone, log prefixes off.
 *
 * <p>The patterns are the messages of the real logs under testdata (OVS 2.9 to 3.1, DPDK 17.11 to 22.11, seed 002):
 * EAL start-up, OVS mempool debug lines, port and run-time mbuf failures, testpmd's mbuf pool and its exit
 * {@code Cause:}. A message that starts like one carrying numbers but does not parse (a cut line, a garbled number)
 * is returned with a {@link Message#problem}; anything else that is not about DPDK start-up or memory is null.
 */
final class DpdkMessages {
    private DpdkMessages() {
    }

    /** A classified message; {@code problem} is set instead of the fields when it is broken. */
    static final class Message {
        Kind kind;
        String port;
        Integer socket;
        Integer mtu;
        Long mbufs;
        Long retryMbufs;
        Long mbufSize;
        Long requestedMb;
        Long availableMb;
        Long pageSizeKb;
        Long pages;
        String pool;
        String error;
        String problem;

        /** A decimal group, null when absent; sets the problem when present but too large. */
        Long number(String digits) {
            Long v = digits == null ? null : Numbers.decimal(digits);
            if (digits != null && v == null) {
                problem = "number out of range: " + digits;
            }
            return v;
        }

        Integer small(String digits) {
            Long v = number(digits);
            if (v != null && v > Integer.MAX_VALUE) {
                problem = "number out of range: " + digits;
                return null;
            }
            return v == null ? null : v.intValue();
        }

        DpdkEvent event(String program, LogTime time, String module, String level, String thread, String text,
                Span span) {
            return new DpdkEvent(kind, program, time, module, level, thread, port, socket, mtu, mbufs, retryMbufs,
                    mbufSize, requestedMb, availableMb, pageSizeKb, pages, pool, error, text, span);
        }
    }

    /** Copies the groups of a full match into the message; a number that does not fit sets its problem. */
    private interface Filler {
        void fill(Matcher m, Message msg);
    }

    /** {@code lead}: how the message starts, to call a line that does not match {@code full} broken (null: never). */
    private record Rule(Kind kind, Pattern lead, Pattern full, Filler filler) {
    }

    private static Rule rule(Kind kind, String lead, String full, Filler filler) {
        return new Rule(kind, lead == null ? null : Pattern.compile(lead), Pattern.compile(full), filler);
    }

    private static Rule fixed(Kind kind, String full) {
        return rule(kind, null, full, (m, msg) -> { });
    }

    private static final String EAL = "^EAL: (?:FATAL: )?";

    /** In order: the first full match wins, then the first lead makes the message broken. */
    private static final List<Rule> RULES = List.of(
            fixed(Kind.DPDK_VERSION, "^(?:Using )?DPDK \\d+\\.\\d+\\S*$|^EAL: RTE Version: 'DPDK \\d+\\.\\d+[^']*'$"),
            fixed(Kind.OVS_VERSION, "^ovs-vswitchd[\\w-]* \\(Open vSwitch\\) \\d\\S*$"),
            fixed(Kind.EAL_ARGS, "^EAL ARGS: \\S.*$"),
            rule(Kind.NUMA_NODES, "^EAL: Detected (?:NUMA nodes|\\S+ NUMA node)",
                    "^EAL: Detected (?:NUMA nodes: (\\d+)|(\\d+) NUMA nodes?)$",
                    (m, msg) -> msg.pages = msg.number(m.group(1) != null ? m.group(1) : m.group(2))),
            rule(Kind.HUGEPAGES_NOT_MOUNTED, "^EAL: \\S+ hugepages of size .*no mounted hugetlbfs",
                    EAL + "(\\d+) hugepages of size (\\d+) reserved, but no mounted hugetlbfs found for that size$",
                    (m, msg) -> {
                        msg.pages = msg.number(m.group(1));
                        Long bytes = msg.number(m.group(2));
                        msg.pageSizeKb = bytes == null ? null : bytes / 1024;
                    }),
            rule(Kind.NO_FREE_HUGEPAGES, "^EAL: No (?:free|available) .*hugepages reported",
                    EAL + "No (?:free|available) (?:(\\d+) kB hugepages reported(?: on node (\\d+))?"
                            + "|hugepages reported in hugepages-(\\d+)kB)$",
                    (m, msg) -> {
                        msg.pageSizeKb = msg.number(m.group(1) != null ? m.group(1) : m.group(3));
                        msg.socket = msg.small(m.group(2));
                    }),
            fixed(Kind.HUGEPAGE_INFO_FAILED, EAL + "Cannot get hugepage information\\.?$"),
            rule(Kind.NOT_ENOUGH_MEMORY, "^EAL: (?:FATAL: )?Not enough memory available",
                    EAL + "Not enough memory available(?: on socket (\\d+))?! Requested: (\\d+)MB, available: (\\d+)MB$",
                    (m, msg) -> {
                        msg.socket = msg.small(m.group(1));
                        msg.requestedMb = msg.number(m.group(2));
                        msg.availableMb = msg.number(m.group(3));
                    }),
            fixed(Kind.INVALID_SOCKET_MEM, EAL + "invalid parameters for --socket-mem$"),
            fixed(Kind.MEMORY_INIT_FAILED, EAL + "Cannot init memory$"),
            rule(Kind.INIT_FAILED, null,
                    "^Unable to initialize DPDK: (.+)$|^\\S+: Cannot init EAL \\((.+)\\)$|^Cause: Cannot init EAL: (.+)$",
                    (m, msg) -> msg.error = first(m, 1, 2, 3)),
            fixed(Kind.INITIALIZED, "^DPDK Enabled - initialized$|^EAL ready$"),
            fixed(Kind.MEMORY_MODEL, "^Per port memory for DPDK devices (?:disabled|enabled)\\.?$"),
            fixed(Kind.RING_NO_MEMORY, "^RING: Cannot reserve memory"),
            rule(Kind.MEMPOOL_REQUEST, "^Port \\S+: Requesting a mempool of",
                    "^Port (\\S+): Requesting a mempool of (\\d+) mbufs(?: of size (\\d+))? on socket (\\d+)\\b",
                    (m, msg) -> {
                        msg.port = m.group(1);
                        msg.mbufs = msg.number(m.group(2));
                        msg.mbufSize = msg.number(m.group(3));
                        msg.socket = msg.small(m.group(4));
                    }),
            rule(Kind.MEMPOOL_RETRY, null,
                    "^Failed to create mempool \"([^\"]*)\" with a request of (\\d+) mbufs, retrying with (\\d+) mbufs$",
                    (m, msg) -> {
                        msg.pool = m.group(1);
                        msg.mbufs = msg.number(m.group(2));
                        msg.retryMbufs = msg.number(m.group(3));
                    }),
            rule(Kind.MEMPOOL_GAVE_UP, "^Failed to create mempool ",
                    "^Failed to create mempool \"([^\"]*)\" with a request of (\\d+) mbufs$",
                    (m, msg) -> {
                        msg.pool = m.group(1);
                        msg.mbufs = msg.number(m.group(2));
                    }),
            rule(Kind.MEMPOOL_ALLOCATED, "^Allocated \"", "^Allocated \"([^\"]*)\" mempool with (\\d+) mbufs$",
                    (m, msg) -> {
                        msg.pool = m.group(1);
                        msg.mbufs = msg.number(m.group(2));
                    }),
            rule(Kind.MEMPOOL_REUSED, null, "^Reusing mempool \"([^\"]*)\"$", (m, msg) -> msg.pool = m.group(1)),
            rule(Kind.MEMPOOL_FREED, null, "^Freeing mempool \"([^\"]*)\"$", (m, msg) -> msg.pool = m.group(1)),
            rule(Kind.PORT_MEMPOOL_FAILED, "^Failed to create memory pool for netdev",
                    "^Failed to create memory pool for netdev (\\S+), with MTU (\\d+) on socket (\\d+): (.+)$",
                    (m, msg) -> {
                        msg.port = m.group(1);
                        msg.mtu = msg.small(m.group(2));
                        msg.socket = msg.small(m.group(3));
                        msg.error = m.group(4);
                    }),
            rule(Kind.PORT_RECONFIGURE_FAILED, null, "^Failed to set interface (\\S+) new configuration$",
                    (m, msg) -> msg.port = m.group(1)),
            rule(Kind.PORT_ADDED, null, "^bridge \\S+: added interface (\\S+) on port -?\\d+$",
                    (m, msg) -> msg.port = m.group(1)),
            rule(Kind.PORT_DELETED, null, "^bridge \\S+: deleted interface (\\S+) on port -?\\d+$",
                    (m, msg) -> msg.port = m.group(1)),
            // drivers' messages follow their own prefix: PMD: ixgbe_alloc_rx_queue_mbufs(): RX mbuf alloc failed queue_id=0
            rule(Kind.RX_MBUF_ALLOC_FAILED, null, "RX mbuf alloc failed(?:.*\\bport_id=(\\d+))?",
                    (m, msg) -> msg.port = m.group(1)),
            fixed(Kind.QUEUE_MBUF_ALLOC_FAILED, "Could not alloc mbuf for queue"),
            fixed(Kind.RXTX_START_FAILED, "Unable to start rxtx queues"),
            rule(Kind.INTERFACE_START_ERROR, null, "^Interface (\\S+) start error: (.+)$",
                    (m, msg) -> {
                        msg.port = m.group(1);
                        msg.error = m.group(2);
                    }),
            fixed(Kind.VHOST_MBUF_ALLOC_FAILED, "(?i)^VHOST_DATA: .*failed to allocate memory for mbuf"),
            rule(Kind.APP_POOL_REQUEST, "^(?:[\\w-]+: )?create a new mbuf pool",
                    "^(?:[\\w-]+: )?create a new mbuf pool <([^>]*)>: n=(\\d+), size=(\\d+), socket=(\\d+)$",
                    (m, msg) -> {
                        msg.pool = m.group(1);
                        msg.mbufs = msg.number(m.group(2));
                        msg.mbufSize = msg.number(m.group(3));
                        msg.socket = msg.small(m.group(4));
                    }),
            rule(Kind.APP_POOL_FAILED, "^Cause: Creation of mbuf pool",
                    "^Cause: Creation of mbuf pool for socket (\\d+) failed: (.+)$",
                    (m, msg) -> {
                        msg.socket = msg.small(m.group(1));
                        msg.error = m.group(2);
                    }),
            rule(Kind.APP_EXIT, null, "^Cause: (.+)$", (m, msg) -> msg.error = m.group(1)),
            rule(Kind.DAEMON_DIED, null, "^fork child died before signaling startup \\(killed \\(([^)]+)\\)",
                    (m, msg) -> msg.error = m.group(1)),
            fixed(Kind.DPDK_NOT_SUPPORTED, "^DPDK not supported in this copy of Open vSwitch\\.?$"));

    /** The message's kind and fields, a broken message ({@code problem} set), or null when it is about something else. */
    static Message classify(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        for (Rule r : RULES) {
            Matcher m = r.full().matcher(t);
            if (m.find()) {
                Message msg = new Message();
                msg.kind = r.kind();
                r.filler().fill(m, msg);
                return msg;
            }
        }
        for (Rule r : RULES) {
            if (r.lead() != null && r.lead().matcher(t).find()) {
                Message broken = new Message();
                broken.kind = r.kind();
                broken.problem = "starts like " + r.kind() + " but does not read as one (cut or garbled)";
                return broken;
            }
        }
        return null;
    }

    private static String first(Matcher m, int... groups) {
        for (int g : groups) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }
}
