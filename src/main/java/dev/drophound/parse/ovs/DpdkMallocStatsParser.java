package dev.drophound.parse.ovs;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DpdkHeap;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovs-appctl dpdk/get-malloc-stats}: DPDK's {@code rte_malloc_dump_stats} for every malloc heap
 * slot (RTE_MAX_HEAPS of them, 32 in Debian's DPDK 22.11; unused ones print an empty name and zero sizes), a
 * {@code Heap id:N} line then tab-indented fields with a trailing comma:
 *
 * <pre>
 * Heap id:0
 * 	Heap name:socket_0
 * 	Heap_size:102760448,
 * 	Free_size:2112576,
 * 	Alloc_size:100647872,
 * 	Greatest_free_size:2066944,
 * 	Alloc_count:97,
 * 	Free_count:2,
 * </pre>
 *
 * One {@link DpdkHeap} per heap in use: a {@code Heap id:} block with a name or a non-zero field (an unused slot, empty
 * name and all zero, is understood and gives no fact); sizes in bytes as printed, socket from a {@code socket_N} name. A field that is not a number is malformed (null in the
 * fact, the rest kept); unknown {@code Name:value} fields are understood and not kept. A broken {@code Heap id} line is
 * malformed and the fields below it are not taken for the previous heap's. ovs-appctl's errors are tool messages. Verified on OVS 3.1.0 / DPDK 22.11.
 */
public final class DpdkMallocStatsParser implements Parser {

    private static final Pattern HEAP = Pattern.compile("^\\s*Heap id:\\s*(\\S*)\\s*$");
    private static final Pattern FIELD = Pattern.compile("^\\s+([A-Za-z_ ]+):\\s*(\\S*?),?\\s*$");
    private static final Pattern SOCKET = Pattern.compile("^socket_(\\d+)$");
    private static final Pattern FILE = Pattern.compile("(?i)(?:^|[-_.])get[-_]malloc[-_]stats(?:[-_.]|$)");

    @Override
    public String id() {
        return "dpdk-malloc-stats";
    }

    @Override
    public String description() {
        return "ovs-appctl dpdk/get-malloc-stats: DPDK malloc heaps (size, free, greatest free block) per socket";
    }

    @Override
    public List<String> examples() {
        return List.of("ovs-appctl dpdk/get-malloc-stats");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return OvsText.appctlNameScore(nameOrCommand, v -> v.equals("dpdk/get-malloc-stats"), FILE);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        if (HEAP.matcher(block.line(first)).matches()) {
            return first + 1 < block.size() && block.line(first + 1).strip().startsWith("Heap name:") ? 95 : 60;
        }
        return OvsText.startsWithToolMessage(block, "ovs-appctl") ? 45 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return HEAP.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<Integer> messages = OvsText.reportAppctlErrors(block, sink);
        int last = -1;
        for (int i = block.size() - 1; i >= 0 && last < 0; i--) {
            if (HEAP.matcher(block.line(i)).matches() || FIELD.matcher(block.line(i)).matches()) {
                last = i;
            }
        }
        Heap heap = null;
        boolean orphans = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank() || messages.contains(i)) {
                continue;
            }
            Matcher h = HEAP.matcher(line);
            if (h.matches()) {
                if (heap != null) {
                    heap.emit(block, sink);
                }
                sink.used(i);
                Long id = Numbers.decimal(h.group(1));
                if (id == null) {
                    sink.malformed(i, "heap id is not a number");
                }
                heap = new Heap(id == null ? null : id.intValue(), i);
                orphans = false;
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (heap != null && f.matches()) {
                sink.used(i);
                heap.last = i;
                heap.field(sink, i, f.group(1).strip(), f.group(2));
            } else if (f.matches() && orphans) {
                sink.used(i); // a field of the heap whose header line was broken (reported)
            } else if (i < last) {
                sink.malformed(i, "expected 'Heap id:N' or a tab-indented 'Name:value,' field");
                if (heap != null && !Character.isWhitespace(line.charAt(0))) {
                    // a broken header: the fields below belong to another heap, not to this one
                    heap.emit(block, sink);
                    heap = null;
                    orphans = true;
                }
            }
        }
        if (heap != null) {
            heap.emit(block, sink);
        }
    }

    /** One heap while it is read. */
    private static final class Heap {
        final Integer id;
        final int first;
        int last;
        String name;
        Long heapSize;
        Long freeSize;
        Long allocSize;
        Long greatestFree;
        Long allocCount;
        Long freeCount;

        Heap(Integer id, int first) {
            this.id = id;
            this.first = first;
            this.last = first;
        }

        void field(ParseSink sink, int i, String key, String value) {
            if (key.equals("Heap name")) {
                name = value.isEmpty() ? null : value;
                return;
            }
            Long v = Numbers.decimal(value);
            boolean known = switch (key) {
                case "Heap_size", "Free_size", "Alloc_size", "Greatest_free_size", "Alloc_count", "Free_count" -> true;
                default -> false;
            };
            if (known && v == null) {
                sink.malformed(i, key + " is not a number");
                return;
            }
            switch (key) {
                case "Heap_size" -> heapSize = v;
                case "Free_size" -> freeSize = v;
                case "Alloc_size" -> allocSize = v;
                case "Greatest_free_size" -> greatestFree = v;
                case "Alloc_count" -> allocCount = v;
                case "Free_count" -> freeCount = v;
                default -> {
                    // a field a later DPDK adds: understood, not kept
                }
            }
        }

        void emit(Block block, ParseSink sink) {
            if (name == null && java.util.stream.Stream.of(heapSize, freeSize, allocSize, greatestFree, allocCount,
                    freeCount).allMatch(v -> v == null || v == 0)) {
                return; // an unused slot of the heap table
            }
            Integer socket = null;
            if (name != null) {
                Matcher s = SOCKET.matcher(name);
                socket = s.matches() ? Integer.valueOf(s.group(1)) : null;
            }
            sink.fact(new DpdkHeap(id, name, socket, heapSize, freeSize, allocSize, greatestFree, allocCount, freeCount,
                    block.spanRange(first, last)));
        }
    }
}
