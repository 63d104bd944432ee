package dev.drophound.parse.mem;

import dev.drophound.evidence.Block;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Small pieces the memory snapshot parsers share: where the output starts, and a reader's error instead of data. */
final class SnapshotText {
    private SnapshotText() {
    }

    /**
     * {@code cat: /proc/pagetypeinfo: Permission denied} (root only since 5.x), {@code cat:
     * /sys/devices/system/node/node1/meminfo: No such file or directory}: the reading tool's message, printed
     * instead of the file.
     */
    private static final Pattern READ_ERROR = Pattern.compile(
            "^(?:cat|grep|head|tail|less|more|awk): \\S.*: (?:Permission denied|No such file or directory"
                    + "|Operation not permitted|Input/output error|Invalid argument)\\s*$");

    static boolean isReadError(String line) {
        return READ_ERROR.matcher(line).matches();
    }

    /**
     * How a grep of a name/value file starts (a few of its lines, no header): the number of leading non-blank lines,
     * up to {@code max}, that {@code known} accepts, and whether every line looked at was accepted.
     */
    record Leading(int known, boolean allKnown) {
    }

    static Leading leading(Block block, int first, int max, Predicate<String> known) {
        int n = 0;
        for (int i = first; i < block.size() && n < max; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (!known.test(line)) {
                return new Leading(n, false);
            }
            n++;
        }
        return new Leading(n, true);
    }

    /** {@code node0/Normal}, the entity of a zone in the zone and buddy kinds. */
    static String zone(String node, String zone) {
        return "node" + node + "/" + zone;
    }
}
