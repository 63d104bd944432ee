package dev.drophound.parse.huge;

import dev.drophound.parse.NameHints;
import dev.drophound.evidence.Block;
import dev.drophound.facts.HugetlbfsFile;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Listings of a hugetlbfs mount: every regular file in it holds hugepages for as long as it exists, also after the
 * process that made it is gone (DPDK's {@code rtemap_N}, {@code <file-prefix>map_N}). One {@link HugetlbfsFile} per
 * regular file, from
 * <ul>
 * <li>{@code ls -l /dev/hugepages} ({@code -rw------- 1 root root 2097152 Nov 22 05:52 dhhugemap_0}), {@code -la}
 *     ({@code .}, {@code ..} and other directories are skipped), {@code -lR} (the {@code /mnt/huge:} headers give the
 *     directory), {@code -i}/{@code -s} columns before the mode, long-iso/full-iso times, {@code -h} sizes;</li>
 * <li>{@code find /dev/hugepages -ls} (inode, KiB blocks, then an {@code ls -l} line with the full path);</li>
 * <li>{@code du -a /dev/hugepages}: size in du's unit (KiB, or bytes with {@code -b}, MiB with {@code -m}, as the
 *     command or a file name like {@code du-ab-...} says; {@code -h} suffixes); the directories' own totals, which
 *     du prints as well, are the entries other paths are under and are skipped.</li>
 * </ul>
 * The directory is the {@code -lR} header, else the listed path of the command, else the path's parent; null when
 * none says it. Only listings whose command, file name, headers or file names say hugetlbfs or DPDK are claimed
 * ({@code rtemap_*}, {@code *map_N}, {@code /dev/hugepages}, {@code /mnt/huge*}, {@code hugepages}, {@code hugetlbfs}):
 * a listing of /var/run/dpdk/PREFIX (DPDK's runtime files, {@code fbarray_memseg-*}, {@code hugepage_info}) is not
 * one. {@code ls: cannot access '/dev/hugepages': No such file or directory} is the tool's message.
 */
public final class HugetlbfsListingParser implements Parser {

    public static final String ID = "hugetlbfs-listing";

    private static final String DATE = "(?:\\S+\\s+\\d{1,2}\\s+(?:\\d{1,2}:\\d{2}|\\d{4})"
            + "|\\d{4}-\\d{2}-\\d{2}\\s+\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s+[+-]\\d{4})?"
            + "|\\d{2}-\\d{2}\\s+\\d{2}:\\d{2})";
    /** ls -l / find -ls: [inode] [blocks] mode links owner group size date name. */
    private static final Pattern LONG = Pattern.compile("^(?:\\d+\\s+){0,2}([-dlcbpsD])[-rwxsStT]{9}[.+@]?\\s+\\d+\\s+"
            + "\\S+\\s+\\S+\\s+(\\d+(?:[.,]\\d+)?[KMGT]?)\\s+" + DATE + "\\s(.+)$");
    private static final Pattern DU = Pattern.compile("^(\\d+(?:[.,]\\d+)?[KMGT]?)\\t(.+)$");
    /** A du line whatever its size column holds, so that a broken size is reported rather than skipped. */
    private static final Pattern DU_ANY = Pattern.compile("^(\\S+)\\t(\\S.*)$");
    private static final Pattern TOTAL = Pattern.compile("^total\\s+\\d+(?:[.,]\\d+)?[KMGT]?$");
    private static final Pattern DIR_HEADER = Pattern.compile("^(\\S.*):$");
    private static final Pattern DPDK_FILE = Pattern.compile("(?:^|/)[\\w.-]*map_\\d+$");
    private static final Pattern HUGE_PATH = Pattern.compile("/dev/hugepages|/mnt/huge|hugepages|hugetlbfs");
    private static final Pattern NOT_HUGETLBFS = Pattern.compile("(?:^|\\s)/(?:sys|proc)/|/run/dpdk\\b");
    private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s;|&(])(ls|du|find)\\s+(.*)$");
    private static final Pattern FILE = Pattern.compile("^(?:ls|du|find)[-_].*(?:huge|rtemap)");
    private static final Pattern MESSAGE = Pattern.compile("^(?:ls|du|find): .*$");
    private static final Pattern DU_OPTIONS = Pattern.compile("\\bdu((?:\\s+-[a-zA-Z]+)*)");
    private static final Pattern DU_FILE_OPTIONS = Pattern.compile("^du-([a-zA-Z]+)[-_.]");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Files in a hugetlbfs mount (ls -l, ls -lR, find -ls, du -a): hugepages held by (stale) files";
    }

    @Override
    public List<String> examples() {
        return List.of("ls -l /dev/hugepages", "ls -lR /mnt/huge", "find /dev/hugepages -ls", "du -a /dev/hugepages");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (NameHints.isCommand(nameOrCommand)) {
            Matcher m = COMMAND.matcher(nameOrCommand);
            return m.find() && HUGE_PATH.matcher(m.group(2)).find() && !NOT_HUGETLBFS.matcher(m.group(2)).find()
                    ? 95 : 0;
        }
        return FILE.matcher(NameHints.baseName(nameOrCommand)).find() ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        boolean huge = false;
        int seen = 0;
        for (int i = 0; i < block.size() && seen < 12; i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            seen++;
            Matcher l = LONG.matcher(line);
            Matcher d = DU.matcher(line);
            Matcher h = DIR_HEADER.matcher(line);
            String name = l.matches() ? l.group(3) : d.matches() ? d.group(2) : h.matches() ? h.group(1) : null;
            if (name == null && !TOTAL.matcher(line).matches()) {
                return 0;
            }
            if (name != null && NOT_HUGETLBFS.matcher(name).find()) {
                return 0;
            }
            huge |= name != null && (DPDK_FILE.matcher(name).find() || HUGE_PATH.matcher(name).find());
        }
        return huge ? 90 : 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String directory = listedPath(block);
        long duUnit = duUnit(block);
        List<Entry> du = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher l = LONG.matcher(line);
            Matcher d = DU_ANY.matcher(line);
            Matcher h = DIR_HEADER.matcher(line);
            if (l.matches()) {
                Long bytes = bytes(l.group(2), 1);
                if (bytes == null) {
                    sink.malformed(i, "size is not a number: '" + l.group(2) + "'");
                    continue;
                }
                sink.used(i);
                if (l.group(1).equals("-")) { // a directory, link or socket holds no pages itself
                    file(block, sink, i, directory, l.group(3), bytes);
                }
            } else if (d.matches()) {
                Long bytes = bytes(d.group(1), duUnit);
                if (bytes == null) {
                    sink.malformed(i, "size is not a number: '" + d.group(1) + "'");
                    continue;
                }
                du.add(new Entry(i, d.group(2), bytes));
                sink.used(i);
            } else if (TOTAL.matcher(line).matches()) {
                sink.used(i);
            } else if (h.matches() && !MESSAGE.matcher(line).matches()) {
                directory = h.group(1);
                sink.used(i);
            } else if (MESSAGE.matcher(line).matches()) {
                sink.toolMessage(i, line);
            }
        }
        for (Entry e : du) {
            if (du.stream().noneMatch(o -> o.path.startsWith(e.path + "/"))) {
                file(block, sink, e.index, null, e.path, e.bytes);
            }
        }
    }

    private record Entry(int index, String path, long bytes) {
    }

    private static void file(Block block, ParseSink sink, int i, String directory, String name, long bytes) {
        int slash = name.lastIndexOf('/');
        String dir = slash < 0 ? directory : slash == 0 ? "/" : name.substring(0, slash);
        sink.fact(new HugetlbfsFile(dir, name.substring(slash + 1), bytes, block.span(i)));
    }

    /** {@code 2097152}, {@code 2048} (x unit), {@code 2.0M}, {@code 34M}: bytes; null if not a size. */
    private static Long bytes(String token, long unit) {
        char last = token.charAt(token.length() - 1);
        if (Character.isDigit(last) && token.chars().allMatch(Character::isDigit)) {
            Long v = Numbers.decimal(token);
            return v == null ? null : v * unit;
        }
        int exp = "KMGT".indexOf(last) + 1;
        if (exp == 0) {
            return null;
        }
        try {
            double v = Double.parseDouble(token.substring(0, token.length() - 1).replace(',', '.'));
            return Math.round(v * Math.pow(1024, exp));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The one path an {@code ls} command lists (its last argument that is not an option), else null. */
    private static String listedPath(Block block) {
        if (block.command() == null) {
            return null;
        }
        Matcher m = COMMAND.matcher(block.command());
        if (!m.find() || !m.group(1).equals("ls")) {
            return null;
        }
        List<String> paths = new ArrayList<>();
        for (String arg : m.group(2).split("[|;&]")[0].trim().split("\\s+")) {
            if (!arg.isEmpty() && !arg.startsWith("-")) {
                paths.add(arg.replaceAll("/+$", ""));
            }
        }
        return paths.size() == 1 ? (paths.get(0).isEmpty() ? "/" : paths.get(0)) : null;
    }

    /** du's unit: bytes with -b, MiB with -m, else KiB; from the command or a file name such as du-ab-... */
    private static long duUnit(Block block) {
        String opts = "";
        if (block.command() != null) {
            Matcher m = DU_OPTIONS.matcher(block.command());
            opts = m.find() ? m.group(1).replaceAll("[\\s-]", "") : "";
        } else {
            Matcher m = DU_FILE_OPTIONS.matcher(NameHints.baseName(block.name()));
            opts = m.find() ? m.group(1) : "";
        }
        return opts.contains("b") ? 1 : opts.contains("m") ? 1024 * 1024 : 1024;
    }
}
