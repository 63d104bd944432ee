package dev.drophound.parse.ovs;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DpdkMempool;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovs-appctl netdev-dpdk/get-mempool-info [port]}: DPDK's {@code rte_mempool_dump} of the port's mempool (or of
 * every mempool without a port), to which OVS adds {@code count: avail (N), in use (M)} for a port:
 *
 * <pre>
 * mempool &lt;ovsc5a50bce00021580032768&gt;@0x1180291dc0
 *   flags=10
 *   socket_id=0
 *   ...
 *   size=32768
 *   populated_size=32768
 *   header_size=64
 *   elt_size=2880
 *   trailer_size=64
 *   ...
 *   internal cache infos:
 *     cache_size=512
 *     cache_count[0]=0
 *   ...
 *   no statistics available
 *     count: avail (32768), in use (0)
 * </pre>
 *
 * One {@link DpdkMempool} per {@code mempool <name>@0x...} header; the port comes from the command, else the file name
 * ({@code ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.txt}), and is null for the all-pools form. Values not printed
 * are null (seed 002 quotes only the header line of OVS 2.9's output). Other {@code key=value} and {@code key: value}
 * lines of the dump (pool address, cache counts, statistics) are understood and not kept; a kept value that is not a
 * number is malformed, and so is a broken header, whose pool's lines are then not taken for the previous pool's. Empty output is valid: no mempool (OVS 3.1 without a port, when no port has one). ovs-appctl's
 * errors ({@code transaction error (End of file)} when ovs-vswitchd crashed, {@code Not a DPDK Interface} before
 * {@code server returned an error}) are tool messages. Verified on OVS 3.1.0 / DPDK 22.11.
 */
public final class DpdkMempoolDumpParser implements Parser {

    private static final Pattern HEADER = Pattern.compile("^\\s*mempool <([^>]*)>@(?:0x)?[0-9a-fA-F]+\\s*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^\\s+([^=:]+?)=(\\S*)\\s*$");
    private static final Pattern OVS_COUNT = Pattern.compile("^\\s*count: avail \\((\\S*)\\), in use \\((\\S*)\\)\\s*$");
    /** {@code ops_name: <ring_mp_mc>}, {@code internal cache infos:}, {@code no statistics available}, {@code stats:}. */
    private static final Pattern OTHER = Pattern.compile("^\\s+(?:[a-z_ /]+:.*|no statistics available)\\s*$");
    private static final Pattern COMMAND = Pattern.compile("netdev-dpdk/get-mempool-info");
    private static final Pattern FILE = Pattern.compile("(?i)get[-_]mempool[-_]info(?:[-_]([^./]+))?(?:\\.|$)");

    @Override
    public String id() {
        return "ovs-mempool-info";
    }

    @Override
    public String description() {
        return "ovs-appctl netdev-dpdk/get-mempool-info: DPDK mempool dump (size, element size, socket, free mbufs)";
    }

    @Override
    public List<String> examples() {
        return List.of("ovs-appctl netdev-dpdk/get-mempool-info dpdk0", "ovs-appctl netdev-dpdk/get-mempool-info");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return OvsText.appctlNameScore(nameOrCommand, v -> COMMAND.matcher(v).matches(), FILE);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        if (HEADER.matcher(block.line(first)).matches()) {
            return 95;
        }
        return OvsText.startsWithToolMessage(block, "ovs-appctl") ? 45 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return HEADER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<Integer> messages = OvsText.reportAppctlErrors(block, sink);
        String port = port(block);
        int last = -1;
        for (int i = block.size() - 1; i >= 0 && last < 0; i--) {
            String l = block.line(i);
            if (HEADER.matcher(l).matches() || KEY_VALUE.matcher(l).matches() || OVS_COUNT.matcher(l).matches()) {
                last = i;
            }
        }
        Dump dump = null;
        boolean orphans = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank() || messages.contains(i)) {
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                if (dump != null) {
                    dump.emit(block, sink, port);
                }
                dump = new Dump(h.group(1), i);
                orphans = false;
                sink.used(i);
                continue;
            }
            if (dump == null) {
                if (orphans && (KEY_VALUE.matcher(line).matches() || OTHER.matcher(line).matches()
                        || OVS_COUNT.matcher(line).matches())) {
                    sink.used(i); // a line of the dump whose header line was broken (reported)
                }
                continue; // before any dump: not this format, the sink reports it
            }
            Matcher count = OVS_COUNT.matcher(line);
            Matcher kv = KEY_VALUE.matcher(line);
            if (count.matches()) {
                dump.avail = number(sink, i, "avail", count.group(1));
                dump.inUse = number(sink, i, "in use", count.group(2));
                dump.lines.add(i);
                sink.used(i);
            } else if (kv.matches()) {
                sink.used(i);
                dump.value(sink, i, kv.group(1).strip(), kv.group(2));
            } else if (OTHER.matcher(line).matches()) {
                sink.used(i);
            } else if (i < last) {
                sink.malformed(i, "expected a mempool dump line such as 'size=32768'");
                if (line.strip().startsWith("mempool")) {
                    // a broken header: what follows is another pool's, not this one's
                    dump.emit(block, sink, port);
                    dump = null;
                    orphans = true;
                }
            }
        }
        if (dump != null) {
            dump.emit(block, sink, port);
        }
    }

    private static Long number(ParseSink sink, int i, String what, String token) {
        Long v = Numbers.decimal(token);
        if (v == null) {
            sink.malformed(i, what + " is not a number");
        }
        return v;
    }

    /** The port from the command ({@code get-mempool-info dpdk0}), else the file name; null when none is named. */
    private static String port(Block block) {
        OvsText.Invocation inv = OvsText.invocation(block.command(), "ovs-appctl");
        if (inv != null && COMMAND.matcher(inv.verb()).matches()) {
            return inv.args().isEmpty() ? null : inv.args().get(0);
        }
        Matcher f = FILE.matcher(block.name().substring(block.name().lastIndexOf('/') + 1));
        return f.find() ? f.group(1) : null;
    }

    /** One dump while it is read. */
    private static final class Dump {
        final String name;
        final List<Integer> lines = new ArrayList<>();
        Integer socket;
        Long size;
        Long populated;
        Long elt;
        Long header;
        Long trailer;
        Long avail;
        Long inUse;

        Dump(String name, int headerLine) {
            this.name = name;
            lines.add(headerLine);
        }

        void value(ParseSink sink, int i, String key, String token) {
            switch (key) {
                case "socket_id" -> {
                    Long v = Numbers.signedDecimal(token);
                    if (v == null) {
                        sink.malformed(i, "socket_id is not a number");
                    } else {
                        socket = v.intValue(); // SOCKET_ID_ANY prints as -1
                        lines.add(i);
                    }
                }
                case "size" -> size = kept(sink, i, key, token);
                case "populated_size" -> populated = kept(sink, i, key, token);
                case "elt_size" -> elt = kept(sink, i, key, token);
                case "header_size" -> header = kept(sink, i, key, token);
                case "trailer_size" -> trailer = kept(sink, i, key, token);
                default -> {
                    // flags, pool, iova, nb_mem_chunks, cache counts, statistics: understood, not kept
                }
            }
        }

        private Long kept(ParseSink sink, int i, String key, String token) {
            Long v = number(sink, i, key, token);
            if (v != null) {
                lines.add(i);
            }
            return v;
        }

        void emit(Block block, ParseSink sink, String port) {
            Long total = null;
            if (size != null && elt != null) {
                total = header != null && trailer != null ? size * (header + elt + trailer) : size * elt;
            }
            int[] idx = lines.stream().sorted().mapToInt(Integer::intValue).toArray();
            sink.fact(new DpdkMempool(name, port, socket, size, populated, elt, header, trailer, total, avail, inUse,
                    block.span(idx)));
        }
    }
}
