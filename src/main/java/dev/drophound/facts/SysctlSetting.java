package dev.drophound.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A kernel tunable: {@code sysctl} output ({@code net.core.rmem_max = 212992}) or a {@code /proc/sys} file.
 *
 * @param name  dotted name, {@code net.core.rmem_max}
 * @param value as printed, whitespace between vector elements folded to one space
 */
public record SysctlSetting(String name, String value, Span span) implements Fact {

    public SysctlSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The value as a number when it is a single integer. */
    public OptionalLong asLong() {
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The value as integers ({@code net.ipv4.udp_mem = 575799 767734 1151598}); empty if any is not. */
    public List<Long> asLongs() {
        List<Long> out = new ArrayList<>();
        for (String part : value.trim().split("\\s+")) {
            try {
                out.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }
}
