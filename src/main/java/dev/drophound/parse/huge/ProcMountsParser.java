package dev.drophound.parse.huge;

import dev.drophound.parse.NameHints;
import dev.drophound.evidence.Block;
import dev.drophound.facts.MountEntry;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mounted filesystems, one {@link MountEntry} per mount, from any of the listings a host gives:
 * <ul>
 * <li>{@code /proc/mounts}, {@code /proc/self/mounts} (and greps of them):
 *     {@code nodev /dev/hugepages hugetlbfs rw,relatime,pagesize=2M 0 0};</li>
 * <li>{@code /proc/self/mountinfo}: {@code 44 43 0:40 / /mnt/huge rw,relatime - hugetlbfs nodev rw,pagesize=2M}
 *     (the per-mount options, then the superblock options after the {@code -}: both are kept, per-mount first,
 *     since pagesize= is only among the latter);</li>
 * <li>{@code mount} (util-linux, busybox): {@code nodev on /mnt/huge type hugetlbfs (rw,relatime,pagesize=2M)};</li>
 * <li>{@code findmnt}, as a tree or with {@code -l}: a {@code TARGET SOURCE FSTYPE OPTIONS} header (any column
 *     order; TARGET and FSTYPE needed), tree marks ({@code ├─}, {@code │}, {@code └─}, or ASCII with {@code -a})
 *     stripped from the target; {@code findmnt -n} (no header) is read as the default four columns.</li>
 * </ul>
 * Options are split at commas ({@code pagesize=2M} -> pagesize: 2M, {@code rw} -> rw: ""); the kernel's octal
 * escapes ({@code \040}) are undone. A capture that printed {@code (no hugetlbfs mounted)} instead of an empty grep
 * (fixture 06: {@code grep hugetlbfs /proc/mounts || echo '(no hugetlbfs mounted)'}) is recorded as a message;
 * empty output means nothing matched and gives no fact. A line of a known shape with too few fields is malformed.
 */
public final class ProcMountsParser implements Parser {

    public static final String ID = "proc-mounts";

    private static final Pattern PROC_MOUNTS = Pattern.compile("^(\\S+) (\\S+) (\\S+) (\\S+) (\\d+) (\\d+)$");
    private static final Pattern MOUNTINFO = Pattern.compile(
            "^\\d+ \\d+ \\d+:\\d+ \\S+ (\\S+) (\\S+)(?: \\S+)* - (\\S+) (\\S+) (\\S+)$");
    private static final Pattern MOUNT = Pattern.compile("^(\\S+) on (.+?) type (\\S+) \\(([^)]*)\\)(?: \\[[^]]*])?$");
    private static final Pattern FINDMNT_HEADER = Pattern.compile("^TARGET(?:\\s+[A-Z][A-Z-]*)+\\s*$");
    private static final Pattern FINDMNT_BARE = Pattern.compile("^(/\\S*)\\s+(\\S+)\\s+(\\S+)\\s+(r[wo](?:,\\S*)?)$");
    private static final Pattern TREE = Pattern.compile("^[\\s│├└─|`-]+(?=/)");
    private static final Pattern NOTHING = Pattern.compile("^\\(no \\S+ mounted\\)$");
    private static final Pattern TOOL = Pattern.compile("^(?:findmnt|mount|grep|cat): \\S.*$");
    private static final Pattern COMMAND = Pattern.compile(
            "/proc/(?:self|\\d+|thread-self)/(?:mounts|mountinfo)\\b|/proc/mounts\\b|(?:^|[\\s;|&(])(?:findmnt|mount)(?:\\s|$)");
    private static final Pattern FILE = Pattern.compile(
            "^(?:proc[-_])?(?:self[-_])?(?:mounts|mountinfo|mount|findmnt)(?:[-_.]|$)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Mounted filesystems (/proc/mounts, mountinfo, mount, findmnt): mount point, type, options";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /proc/mounts", "grep hugetlbfs /proc/mounts", "cat /proc/self/mountinfo", "mount",
                "findmnt", "findmnt -l -t hugetlbfs");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NameHints.isCommand(nameOrCommand)) {
            return COMMAND.matcher(nameOrCommand).find() ? 95 : 0;
        }
        String base = NameHints.baseName(nameOrCommand);
        return nameOrCommand.matches("(?:.*/)?proc/(?:self/|\\d+/)?(?:mounts|mountinfo)") || FILE.matcher(base).find()
                ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first).strip();
        if (MOUNTINFO.matcher(line).matches() || MOUNT.matcher(line).matches() || isFindmntHeader(line)) {
            return 95;
        }
        Matcher m = PROC_MOUNTS.matcher(line);
        if (m.matches() && m.group(2).startsWith("/") && m.group(4).matches("r[wo](?:,.*)?")) {
            return 90;
        }
        return FINDMNT_BARE.matcher(line).matches() ? 70 : NOTHING.matcher(line).matches() ? 40 : 0;
    }

    /** The header line only this format prints; compiled once: it is tried on every line of every input. */
    private static final Pattern HEADER_LINE = Pattern.compile("^TARGET\\s+SOURCE\\s+FSTYPE\\s+OPTIONS\\s*$");

    @Override
    public boolean startsOutput(String line) {
        return HEADER_LINE.matcher(line).matches();
    }

    private static boolean isFindmntHeader(String line) {
        return FINDMNT_HEADER.matcher(line).matches() && line.matches(".*\\bFSTYPE\\b.*");
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<String> columns = null; // findmnt's header, once seen
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = MOUNTINFO.matcher(line)).matches()) {
                Map<String, String> options = options(m.group(2));
                options(m.group(5)).forEach(options::putIfAbsent);
                add(block, sink, i, m.group(4), m.group(1), m.group(3), options, true);
            } else if ((m = MOUNT.matcher(line)).matches()) {
                add(block, sink, i, m.group(1), m.group(2), m.group(3), options(m.group(4)), false);
            } else if ((m = PROC_MOUNTS.matcher(line)).matches()) {
                add(block, sink, i, m.group(1), m.group(2), m.group(3), options(m.group(4)), true);
            } else if (isFindmntHeader(line)) {
                columns = List.of(line.split("\\s+"));
                sink.used(i);
            } else if (columns != null) {
                findmntRow(block, sink, i, line, columns);
            } else if ((m = FINDMNT_BARE.matcher(line)).matches()) {
                add(block, sink, i, m.group(2), m.group(1), m.group(3), options(m.group(4)), false);
            } else if (NOTHING.matcher(line).matches() || TOOL.matcher(line).matches()) {
                sink.toolMessage(i, line);
            }
        }
    }

    private static void findmntRow(Block block, ParseSink sink, int i, String line, List<String> columns) {
        String[] f = TREE.matcher(line).replaceFirst("").split("\\s+");
        if (f.length != columns.size()) {
            sink.malformed(i, "expected " + columns.size() + " columns (" + String.join(" ", columns) + "), got "
                    + f.length);
            return;
        }
        int target = columns.indexOf("TARGET");
        int source = columns.indexOf("SOURCE");
        int options = columns.indexOf("OPTIONS");
        add(block, sink, i, source < 0 ? null : f[source], f[target], f[columns.indexOf("FSTYPE")],
                options < 0 ? Map.of() : options(f[options]), false);
    }

    private static void add(Block block, ParseSink sink, int i, String device, String mountPoint, String fsType,
            Map<String, String> options, boolean octal) {
        String point = octal ? HugeText.unescapeOctal(mountPoint) : mountPoint;
        String dev = device != null && octal ? HugeText.unescapeOctal(device) : device;
        sink.fact(new MountEntry(dev, point, fsType, options, block.span(i)));
        sink.used(i);
    }

    /** {@code rw,relatime,pagesize=2M} -> rw: "", relatime: "", pagesize: 2M, in order. */
    static Map<String, String> options(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : text.split(",")) {
            if (o.isEmpty()) {
                continue;
            }
            int eq = o.indexOf('=');
            out.putIfAbsent(eq < 0 ? o : o.substring(0, eq), eq < 0 ? "" : o.substring(eq + 1));
        }
        return out;
    }
}
