package dev.drophound.parse.trace;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a packet was freed, as the tools print it: a symbol with its offset ({@code udp_queue_rcv_one_skb+0x437/0x4c0}
 * from tracefs' %pS, {@code +0x437} from perf, {@code +207} in hex without prefix from dropwatch) or a bare
 * address ({@code 0xffffffff8175a05c} from perf on old kernels, {@code 000000001a2b3c4d} hashed by old tracefs).
 *
 * @param name   the symbol, or the address as {@code 0x...}
 * @param offset what followed the symbol ({@code +0x437/0x4c0}), null for an address
 */
record Location(String name, String offset) {

    private static final Pattern SYMBOL = Pattern.compile(
            "([A-Za-z_.$][\\w.$]*)(\\+(?:0x)?[0-9a-fA-F]+(?:/(?:0x)?[0-9a-fA-F]+)?)");
    private static final Pattern ADDRESS = Pattern.compile("(?:0x)?([0-9a-fA-F]{8,16})");
    /** Functions that only free the packet for their caller: the caller is the drop site. */
    private static final Pattern FREE_HELPER = Pattern.compile(
            "(?:sk_skb_reason_drop|kfree_skb\\w*|__kfree_skb\\w*|__traceiter_kfree_skb|trace_kfree_skb\\w*"
                    + "|tcp_drop\\w*|__dev_kfree_skb\\w*|dev_kfree_skb\\w*|skb_release\\w*)");

    /**
     * Parses a location token; null when it is neither a symbol with an offset nor an address (a line cut in
     * the middle of the symbol loses its offset, so it is caught here).
     */
    static Location parse(String token) {
        Matcher m = SYMBOL.matcher(token);
        if (m.matches()) {
            return new Location(m.group(1), m.group(2));
        }
        m = ADDRESS.matcher(token);
        if (m.matches()) {
            return new Location("0x" + m.group(1).toLowerCase(Locale.ROOT), null);
        }
        return null;
    }

    /** A symbol without offset, as a stack frame may print it ({@code bpf_clone_redirect}). */
    static Location symbolOnly(String symbol) {
        return new Location(symbol, null);
    }

    /** True for kfree_skb and its helpers: a stack's first frame that is the freeing itself, not the drop site. */
    static boolean isFreeHelper(String symbol) {
        return FREE_HELPER.matcher(symbol).matches();
    }
}
