package dev.drophound.facts;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Memory levels at one moment: values that go up and down (unlike a {@link Counter}), lined up across samples by
 * {@code kind} and {@code entity} for the trend checks. Kinds and units:
 * <ul>
 * <li>{@code meminfo}, entity "" (or {@code node0} for /sys/devices/system/node/node0/meminfo): the /proc/meminfo
 *     field names ({@code MemTotal}, {@code MemAvailable}, {@code SUnreclaim}, {@code HugePages_Total}, ...), in
 *     BYTES for the kB fields and as printed for the counts ({@code HugePages_*}). {@code free} maps to these names
 *     ({@code total} -> MemTotal, {@code free} -> MemFree, {@code shared} -> Shmem, {@code buff/cache} -> BuffCache,
 *     {@code available} -> MemAvailable, {@code buffers} -> Buffers, {@code cached} -> Cached, Swap: SwapTotal /
 *     SwapFree), and {@code used} -> Used;</li>
 * <li>{@code vmstat}: /proc/vmstat names as printed (pages or events);</li>
 * <li>{@code slab}, entity = the cache name: {@code active_objs}, {@code num_objs}, {@code objsize} (bytes),
 *     {@code objperslab}, {@code pagesperslab}, {@code active_slabs}, {@code num_slabs}, and {@code bytes} (the cache's
 *     memory: num_slabs x pagesperslab x page size when known, else num_objs x objsize; slabtop's CACHE SIZE);</li>
 * <li>{@code zone}, entity {@code node0/Normal}: /proc/zoneinfo {@code free}, {@code min}, {@code low}, {@code high},
 *     {@code managed}, {@code present} (pages);</li>
 * <li>{@code buddy}, entity {@code node0/Normal} (or {@code node0/Normal/Movable} for pagetypeinfo): free blocks per
 *     order, names {@code order0} .. {@code order10}.</li>
 * </ul>
 *
 * @param format id of the parser that read it ({@code proc-meminfo}, {@code free}, {@code slabinfo}, {@code slabtop}, ...)
 * @param approximate true when the format rounds (free -h, slabtop's K sizes): small changes are not meaningful
 */
public record MemoryGauges(String kind, String entity, String format, Map<String, Long> values, boolean approximate,
        Span span) implements Fact {

    public MemoryGauges {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(format, "format");
        values = Map.copyOf(values);
        Objects.requireNonNull(span, "span");
    }

    public Optional<Long> value(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
