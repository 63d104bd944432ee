package dev.drophound.model;

import dev.drophound.evidence.InputFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, for every input file, what it is a sample of (its subject) and when (its sample), from names:
 *
 * <ul>
 *   <li>two or more directory arguments ({@code analyze before/ after/}): each directory is one sample, in
 *       argument order unless their names say before/after; files pair up by their path below the directory;</li>
 *   <li>otherwise tags in file or directory names: {@code before}, {@code pre}, {@code start} ... first;
 *       {@code mid}, {@code plateau} ... in between; {@code after}, {@code post}, {@code end} ... last, with an
 *       optional interval ({@code after-10s}); a file without a tag next to tagged ones of the same name is the
 *       first sample when the others are "after", the last when they are "before";</li>
 *   <li>numbered series ({@code slabinfo.0001.txt ... slabinfo.0042.txt}) when several files differ only by
 *       the number.</li>
 * </ul>
 * Anything else is a single sample of its own subject. Modification times give absolute times; they are only
 * trusted for intervals of a second or more (copies made in one go have nearly equal times).
 */
public final class SamplePlanner {

    /** Where a file stands in time, before block-level refinement. */
    public record Slot(String subject, long order, String label, Duration offset, Instant modified, String timeBasis) {

        /** A slot timed by file modification time (or not timed, when {@code modified} is null). */
        public Slot(String subject, long order, String label, Duration offset, Instant modified) {
            this(subject, order, label, offset, modified, Sample.MODIFICATION_TIME);
        }
    }

    /** Orders are rank * RANK + position, so "before" files sort before numbered ones before "after" ones. */
    static final long RANK = 10_000_000_000L;

    private static final Pattern EXTENSION = Pattern.compile("\\.(txt|log|out|text|cap)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile(
            "(before|pre|start|begin|baseline|t0|first|mid|middle|during|plateau|after|post|end|final|last|t1)"
                    + "(?:[-_]?(\\d+(?:\\.\\d+)?)(ms|s|sec|secs|m|min|mins|h))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    public Map<InputFile, Slot> plan(List<InputFile> files) {
        Map<InputFile, Slot> out = new LinkedHashMap<>();
        if (isMultiRoot(files)) {
            List<String> roots = rootNames(files);
            boolean tagged = roots.stream().allMatch(r -> rankOf(r) >= 0);
            for (InputFile f : files) {
                long order = tagged ? rankOf(f.rootName()) * RANK + f.rootIndex() : f.rootIndex();
                out.put(f, new Slot(stripExtension(f.relativeName()), order, f.rootName(),
                        offsetOf(f.rootName()), f.modified()));
            }
            return out;
        }
        Map<InputFile, Tagged> tagged = new LinkedHashMap<>();
        for (InputFile f : files) {
            tagged.put(f, tag(f.isStdin() ? "stdin" : f.relativeName()));
        }
        Map<String, List<Tagged>> bySubject = new HashMap<>();
        tagged.values().forEach(t -> bySubject.computeIfAbsent(t.subject, k -> new ArrayList<>()).add(t));
        numberedSeries(tagged, bySubject);
        for (Map.Entry<InputFile, Tagged> e : tagged.entrySet()) {
            Tagged t = e.getValue();
            int rank = t.rank;
            String label = t.label;
            if (rank < 0) {
                List<Tagged> siblings = bySubject.getOrDefault(t.subject, List.of());
                int min = siblings.stream().filter(s -> s.rank >= 0).mapToInt(s -> s.rank).min().orElse(-1);
                int max = siblings.stream().filter(s -> s.rank >= 0).mapToInt(s -> s.rank).max().orElse(-1);
                if (min >= 1) {
                    rank = 0;
                    label = "first";
                } else if (max == 0) {
                    rank = 2;
                    label = "last";
                } else {
                    rank = 0;
                    label = "only";
                }
            }
            long order = rank * RANK + (t.number != null && t.rank == 1 && t.label.startsWith("#") ? t.number : 0);
            out.put(e.getKey(), new Slot(t.subject, order, label, t.offset, e.getKey().modified()));
        }
        return out;
    }

    private static boolean isMultiRoot(List<InputFile> files) {
        List<String> roots = rootNames(files);
        return roots.size() >= 2 && files.stream().allMatch(InputFile::rootIsDirectory);
    }

    private static List<String> rootNames(List<InputFile> files) {
        Map<Integer, String> roots = new LinkedHashMap<>();
        files.forEach(f -> roots.putIfAbsent(f.rootIndex(), f.rootName()));
        return new ArrayList<>(roots.values());
    }

    /** A file name taken apart: subject without the tag, rank (0 first .. 2 last, -1 none), offset. */
    private static final class Tagged {
        String subject;
        int rank = -1;
        String label;
        Duration offset;
        Integer number;
        String numberStem;
    }

    static Tagged tag(String relativeName) {
        Tagged t = new Tagged();
        String name = stripExtension(relativeName);
        String[] parts = name.split("/");
        // a tag may be a whole directory component (evidence/before/snmp.txt) or a dot-separated token of
        // the file name (proc-net-snmp.1.after.txt), or a -/_ suffix of the file name (snmp_before.txt)
        for (int p = 0; p < parts.length; p++) {
            boolean last = p == parts.length - 1;
            String[] tokens = last ? parts[p].split("\\.") : new String[] {parts[p]};
            for (int k = tokens.length - 1; k >= 0; k--) {
                String token = tokens[k];
                String suffix = last ? suffixTag(token) : null;
                String candidate = rankOf(token) >= 0 ? token : suffix;
                if (candidate != null && t.rank < 0) {
                    t.rank = rankOf(candidate);
                    t.offset = offsetOf(candidate);
                    t.label = candidate.toLowerCase(Locale.ROOT);
                    String replaced = candidate.equals(token) ? "" : token.substring(0, token.length() - candidate.length() - 1);
                    tokens[k] = replaced;
                    parts[p] = String.join(".", tokens).replaceAll("\\.{2,}", ".").replaceAll("^\\.|\\.$", "");
                }
            }
        }
        StringBuilder subject = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (subject.length() > 0) {
                subject.append('/');
            }
            subject.append(part);
        }
        t.subject = subject.toString();
        if (t.rank < 0) {
            String[] tokens = t.subject.split("\\.");
            for (int k = tokens.length - 1; k >= 0; k--) {
                if (NUMBER.matcher(tokens[k]).matches()) {
                    t.number = Integer.parseInt(tokens[k]);
                    tokens[k] = "#";
                    t.numberStem = String.join(".", tokens);
                    break;
                }
            }
        }
        return t;
    }

    /** {@code snmp_before} -> {@code before}; {@code ss-after-10s} -> {@code after-10s}. */
    private static String suffixTag(String token) {
        Matcher m = Pattern.compile("[-_](" + TAG.pattern() + ")$", Pattern.CASE_INSENSITIVE).matcher(token);
        return m.find() ? m.group(1) : null;
    }

    private static void numberedSeries(Map<InputFile, Tagged> tagged, Map<String, List<Tagged>> bySubject) {
        Map<String, List<Tagged>> byStem = new HashMap<>();
        tagged.values().stream().filter(t -> t.numberStem != null)
                .forEach(t -> byStem.computeIfAbsent(t.numberStem, k -> new ArrayList<>()).add(t));
        for (List<Tagged> group : byStem.values()) {
            if (group.size() < 2) {
                continue;
            }
            for (Tagged t : group) {
                bySubject.getOrDefault(t.subject, new ArrayList<>()).remove(t);
                t.subject = t.numberStem;
                t.rank = 1;
                t.label = "#" + t.number;
                bySubject.computeIfAbsent(t.subject, k -> new ArrayList<>()).add(t);
            }
        }
    }

    /** Rank of a tag: 0 first, 1 between, 2 last; -1 if not a tag. */
    static int rankOf(String token) {
        Matcher m = TAG.matcher(token);
        if (!m.matches()) {
            return -1;
        }
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "before", "pre", "start", "begin", "baseline", "t0", "first" -> 0;
            case "mid", "middle", "during", "plateau" -> 1;
            default -> 2;
        };
    }

    static Duration offsetOf(String token) {
        Matcher m = TAG.matcher(token);
        if (!m.matches() || m.group(2) == null) {
            return null;
        }
        double v = Double.parseDouble(m.group(2));
        double seconds = switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "ms" -> v / 1000;
            case "m", "min", "mins" -> v * 60;
            case "h" -> v * 3600;
            default -> v;
        };
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static String stripExtension(String name) {
        return EXTENSION.matcher(name).replaceFirst("");
    }
}
