package dev.drophound.checks;

import dev.drophound.facts.ProcessName;
import dev.drophound.facts.SocketEntry;
import dev.drophound.facts.SocketOwner;
import dev.drophound.facts.Span;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which process holds a socket, when ss -p did not say: the {@code /proc/PID/fd} links to {@code socket:[INODE]}
 * and {@code /proc/PID/comm} names (captured by {@code find}/{@code ls}/{@code grep}, or by a live run), by inode.
 */
public record SocketOwners(Map<Long, List<SocketOwner>> byInode, Map<Integer, ProcessName> names) {

    public static SocketOwners of(Case c) {
        Map<Long, List<SocketOwner>> byInode = new LinkedHashMap<>();
        for (Observed<SocketOwner> o : c.all(SocketOwner.class)) {
            List<SocketOwner> l = byInode.computeIfAbsent(o.fact().inode(), k -> new ArrayList<>());
            if (l.stream().noneMatch(x -> x.pid() == o.fact().pid() && x.fd() == o.fact().fd())) {
                l.add(o.fact());
            }
        }
        Map<Integer, ProcessName> names = new LinkedHashMap<>();
        c.all(ProcessName.class).forEach(o -> names.put(o.fact().pid(), o.fact()));
        return new SocketOwners(byInode, names);
    }

    /** The processes holding the socket with this inode, named by their comm when known. */
    public List<SocketEntry.Owner> of(long inode) {
        return byInode.getOrDefault(inode, List.of()).stream().map(o -> new SocketEntry.Owner(
                names.containsKey(o.pid()) ? names.get(o.pid()).command() : "pid " + o.pid(), o.pid(), o.fd()))
                .distinct().toList();
    }

    /** The lines that tie the socket to its owners, for a finding's evidence. */
    public List<Span> spans(long inode) {
        List<Span> out = new ArrayList<>();
        for (SocketOwner o : byInode.getOrDefault(inode, List.of())) {
            out.add(o.span());
            if (names.containsKey(o.pid())) {
                out.add(names.get(o.pid()).span());
            }
        }
        return out;
    }
}
