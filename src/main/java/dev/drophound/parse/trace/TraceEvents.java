package dev.drophound.parse.trace;

import dev.drophound.parse.Numbers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payloads of the events a drop trace holds, the same whether tracefs or {@code perf script} printed them,
 * and what to do with each: kfree_skb is a drop, consume_skb is not, udp_fail_queue_rcv_skb and a port
 * unreachable icmp_send name the destination, anything else is counted.
 */
final class TraceEvents {
    private TraceEvents() {
    }

    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)=(\\S*)");
    private static final Pattern MODULE = Pattern.compile("\\[[\\w-]+\\]");
    private static final Pattern REASON = Pattern.compile("\\s+reason:\\s*(\\S*)\\s*$");
    /** 6.x: {@code rc=-12 family=AF_INET src=127.0.0.1:41349 dest=127.0.0.1:47001}; before: {@code rc=-12 port=47001}. */
    private static final Pattern UDP_FAIL = Pattern.compile(
            "rc=(-?\\d+)\\s+(?:family=(\\w+)\\s+src=(\\S+)\\s+dest=(\\S+)|port=(\\d+))\\s*");
    /** {@code icmp_send: type=3, code=3. From 127.0.0.1:49313 to 127.0.0.1:47999 ulen=108 skbaddr=...}. */
    private static final Pattern ICMP_SEND = Pattern.compile(
            "(?:icmp_send:\\s*)?type=(\\d+),\\s*code=(\\d+)\\.\\s+From\\s+(\\S+)\\s+to\\s+(\\S+)\\s.*");

    /**
     * Feeds one event to the aggregator.
     *
     * @param event the event name without its subsystem ({@code kfree_skb})
     * @return the drop group for kfree_skb events (so a stack read later can fill in {@code where}), else null
     */
    static DropAggregator.Group feed(DropAggregator agg, int index, String event, String payload, Double t) {
        switch (event) {
            case "kfree_skb" -> {
                return kfreeSkb(agg, index, payload, t);
            }
            case "consume_skb" -> agg.consumed(t);
            case "udp_fail_queue_rcv_skb" -> {
                Matcher m = UDP_FAIL.matcher(payload);
                if (!m.matches()) {
                    agg.malformed(index, "expected 'rc=N family=F src=A dest=A' or 'rc=N port=P'");
                    return null;
                }
                String address = m.group(4) != null ? m.group(4) : m.group(5);
                agg.destination(index, event, m.group(2), address, Integer.valueOf(m.group(1)), t);
            }
            case "icmp_send" -> {
                Matcher m = ICMP_SEND.matcher(payload);
                if (m.matches() && m.group(1).equals("3") && m.group(2).equals("3")) {
                    String to = m.group(4);
                    agg.destination(index, event, to.startsWith("[") ? "AF_INET6" : "AF_INET", to, null, t);
                } else {
                    agg.other(t);
                }
            }
            default -> agg.other(t);
        }
        return null;
    }

    private static DropAggregator.Group kfreeSkb(DropAggregator agg, int index, String payload, Double t) {
        String reason = null;
        String fields = payload;
        Matcher r = REASON.matcher(payload);
        if (r.find()) {
            reason = r.group(1);
            fields = payload.substring(0, r.start());
            if (reason.isEmpty()) {
                agg.malformed(index, "kfree_skb event with an empty reason (line cut?)");
                return null;
            }
        }
        String location = null;
        Integer protocol = null;
        boolean afterLocation = false;
        for (String token : fields.trim().split("\\s+")) {
            Matcher kv = KEY_VALUE.matcher(token);
            if (kv.matches()) {
                afterLocation = kv.group(1).equals("location");
                if (afterLocation) {
                    location = kv.group(2);
                } else if (kv.group(1).equals("protocol")) {
                    Long p = kv.group(2).startsWith("0x") ? Numbers.hex(kv.group(2)) : Numbers.decimal(kv.group(2));
                    if (p == null) {
                        agg.malformed(index, "kfree_skb protocol is not a number");
                        return null;
                    }
                    protocol = p.intValue();
                }
            } else if (!(afterLocation && MODULE.matcher(token).matches())) {
                agg.malformed(index, "unexpected '" + token + "' in a kfree_skb event (line cut?)");
                return null;
            }
        }
        Location loc = location == null ? null : Location.parse(location);
        if (loc == null) {
            agg.malformed(index, location == null ? "kfree_skb event without location= (line cut?)"
                    : "kfree_skb location is neither symbol+offset nor an address (line cut?)");
            return null;
        }
        return agg.drop(index, reason, loc, protocol, 1, t);
    }
}
