package dev.drophound.parse.iface;

import java.util.List;
import java.util.Set;

/**
 * What an {@code ip} command line or a file named after one asks for, as far as the link parsers care:
 * {@code ip [-s] [-s] [-d] [-j] [-n NS] link|address [show|list [dev IF]]}. Objects may be abbreviated as
 * iproute2 allows ({@code ip l}, {@code ip a}, {@code ip addr}).
 */
record IpCommand(boolean json, boolean stats, boolean brief) {

    private static final Set<String> SHOW = Set.of("show", "sh", "list", "lst", "ls", "l");
    private static final Set<String> CHANGE = Set.of("set", "add", "delete", "del", "change", "replace", "flush",
            "help", "monitor");
    private static final Set<String> WITH_ARGUMENT = Set.of("n", "netns", "b", "batch", "rc", "rcvbuf", "f", "family");

    /** The link or address listings the name or command asks for (none if it is another ip command). */
    static List<IpCommand> of(String nameOrCommand) {
        return Invocation.of(nameOrCommand, "ip").stream().map(IpCommand::of).filter(c -> c != null).toList();
    }

    private static IpCommand of(Invocation inv) {
        List<String> w = inv.words();
        boolean json = false;
        boolean stats = false;
        boolean brief = false;
        boolean oneline = false;
        int i = 0;
        for (; i < w.size(); i++) {
            String t = w.get(i);
            if (inv.fromCommand() ? !inv.isOption(t) : isObject(t)) {
                break;
            }
            String o = Invocation.bare(t);
            if (inv.fromCommand() && WITH_ARGUMENT.contains(o)) {
                i++;
            } else if (o.startsWith("j") && "json".startsWith(o)) {
                json = true;
            } else if (o.startsWith("s") && "statistics".startsWith(o)) {
                stats = true;
            } else if (o.equals("br") || o.equals("brief")) {
                brief = true;
            } else if (o.startsWith("o") && "oneline".startsWith(o)) {
                oneline = true;
            }
        }
        if (i >= w.size() || !isObject(w.get(i))) {
            return null;
        }
        if (oneline && !"link".startsWith(w.get(i))) {
            // ip -o address prints one line per address and no link line: nothing a link parser reads
            // (a sosreport has sos_commands/networking/ip_-o_addr)
            return null;
        }
        String verb = i + 1 < w.size() ? w.get(i + 1) : null;
        if (verb != null) {
            boolean listing = inv.fromCommand() ? SHOW.contains(verb) || verb.startsWith("-") : !CHANGE.contains(verb);
            if (!listing) {
                return null;
            }
        }
        return new IpCommand(json, stats, brief);
    }

    private static boolean isObject(String word) {
        return !word.isEmpty() && ("link".startsWith(word) || "address".startsWith(word));
    }
}
