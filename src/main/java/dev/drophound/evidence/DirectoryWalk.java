package dev.drophound.evidence;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regular files below a directory argument: walked recursively with symbolic links followed (loops
 * detected), each file listed once under the name {@link LinkNames} prefers, sorted so runs are repeatable, and
 * the sosreports among them found by their layout ({@link SosreportLayout}).
 *
 * <p>Inside a sosreport, links are sos's copies of the host's links: one that leads nowhere or in a loop is
 * normal there and only counted, and one that leads out of the sosreport is not followed, since it would read
 * the files of the machine drophound runs on as if they were evidence.
 */
final class DirectoryWalk {

    /** A file to read, with the sosreport it belongs to (as the report names it), or null. */
    record Found(Path path, String relative, String display, String sosreport) {
    }

    private record Visited(Path path, String relative, Object key, boolean isLink) {
    }

    private record Failed(Path path, String relative, String why, boolean isLink) {
    }

    private DirectoryWalk() {
    }

    static List<Found> walk(Path root, String arg, int maxFiles, List<Diagnostic> diagnostics) {
        List<Visited> visited = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        // sosreports met so far: top (relative) -> its real path, and per top the links left alone
        Map<String, Path> tops = new LinkedHashMap<>();
        Map<String, int[]> notFollowed = new LinkedHashMap<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                            String rel = relative(root, dir);
                            String top = topOf(tops, rel);
                            if (top != null && leaves(tops.get(top), dir)) {
                                // a link out of the sosreport (to / at worst): the host's files are not evidence
                                notFollowed.computeIfAbsent(top, t -> new int[2])[1]++;
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (isSosreport(dir)) {
                                tops.put(rel, dir.toRealPath());
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            String rel = relative(root, file);
                            if (attrs.isRegularFile()) {
                                String top = topOf(tops, rel);
                                if (top != null && Files.isSymbolicLink(file) && leaves(tops.get(top), file)) {
                                    notFollowed.computeIfAbsent(top, t -> new int[2])[1]++;
                                } else {
                                    // links followed: the attributes (and the key: device and inode) are the target's
                                    Object key = attrs.fileKey() != null ? attrs.fileKey() : file;
                                    visited.add(new Visited(file, rel, key, Files.isSymbolicLink(file)));
                                }
                            } else if (attrs.isSymbolicLink()) {
                                // what the walk gives for a link it could not follow
                                failed.add(new Failed(file, rel, "dangling symbolic link", true));
                            } else if (!attrs.isDirectory()) {
                                diagnostics.add(Diagnostic.info(display(arg, root, file), 0,
                                        "not a regular file (device, socket or fifo); skipped"));
                            }
                            return visited.size() > maxFiles ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            boolean link = Files.isSymbolicLink(file);
                            boolean loop = e instanceof FileSystemLoopException
                                    || link && String.valueOf(e.getMessage()).contains("Too many levels");
                            String why = loop ? "symbolic link loop; not followed"
                                    : e instanceof AccessDeniedException ? "permission denied"
                                    : e instanceof NoSuchFileException ? "dangling symbolic link"
                                    : e.getClass().getSimpleName() + ": " + e.getMessage();
                            failed.add(new Failed(file, relative(root, file), why, link));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(arg, 0, "cannot list directory: " + e.getMessage()));
        }
        for (Failed f : failed) {
            String top = topOf(tops, f.relative());
            if (top != null && f.isLink()) {
                notFollowed.computeIfAbsent(top, t -> new int[2])[0]++;
            } else {
                diagnostics.add(Diagnostic.error(display(arg, root, f.path()), 0, f.why()));
            }
        }
        List<Found> out = new ArrayList<>();
        for (Visited v : oncePerFile(visited, arg, diagnostics)) {
            String top = topOf(tops, v.relative());
            out.add(new Found(v.path(), v.relative(), display(arg, root, v.path()),
                    top == null ? null : name(arg, root, top)));
        }
        notFollowed.forEach((top, n) -> {
            List<String> parts = new ArrayList<>();
            if (n[0] > 0) {
                parts.add(n[0] + " lead nowhere or in a loop");
            }
            if (n[1] > 0) {
                parts.add(n[1] + " lead out of the sosreport, to this machine's own files");
            }
            diagnostics.add(Diagnostic.info(name(arg, root, top), 0, "symbolic links not followed: "
                    + String.join(", ", parts)));
        });
        return out;
    }

    /** sos_commands/ with sos_logs/ or sos_reports/: the layout {@link SosreportLayout} looks for in archives. */
    private static boolean isSosreport(Path dir) {
        return Files.isDirectory(dir.resolve("sos_commands"))
                && (Files.isDirectory(dir.resolve("sos_logs")) || Files.isDirectory(dir.resolve("sos_reports")));
    }

    /** The innermost sosreport holding this path, or null. */
    private static String topOf(Map<String, Path> tops, String relative) {
        String best = null;
        for (String t : tops.keySet()) {
            if ((t.isEmpty() || relative.startsWith(t + "/")) && (best == null || t.length() > best.length())) {
                best = t;
            }
        }
        return best;
    }

    private static String name(String arg, Path root, String top) {
        return top.isEmpty() ? stripSlash(arg) : display(arg, root, root.resolve(top));
    }

    /** True when the path, links followed, is not inside the sosreport's real directory. */
    private static boolean leaves(Path realTop, Path path) {
        try {
            return !path.toRealPath().startsWith(realTop);
        } catch (IOException e) {
            return false; // reading it will say what is wrong
        }
    }

    /**
     * One name per file: a file reached through symbolic links as well as directly (sosreports link
     * {@code proc/net} to {@code proc/self/net} to {@code proc/PID/net}, and {@code uname} to
     * {@code sos_commands/kernel/uname_-a}) would otherwise be read, and counted, several times.
     */
    private static List<Visited> oncePerFile(List<Visited> visited, String arg, List<Diagnostic> diagnostics) {
        Map<Object, List<Visited>> byFile = new LinkedHashMap<>();
        for (Visited v : visited) {
            byFile.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v);
        }
        List<Visited> out = new ArrayList<>();
        int dropped = 0;
        String example = null;
        for (List<Visited> names : byFile.values()) {
            List<Visited> candidates = names.stream().filter(v -> !v.isLink()).toList();
            Visited kept = (candidates.isEmpty() ? names : candidates).stream()
                    .min(Comparator.comparing(Visited::relative, LinkNames.PREFERRED)).orElseThrow();
            out.add(kept);
            if (names.size() > 1) {
                dropped += names.size() - 1;
                if (example == null) {
                    Visited other = names.stream().filter(v -> v != kept).findFirst().orElseThrow();
                    example = kept.relative() + ", not also as " + other.relative();
                }
            }
        }
        if (dropped > 0) {
            diagnostics.add(Diagnostic.info(stripSlash(arg), 0, dropped + " path" + (dropped == 1 ? "" : "s")
                    + " reached a file already listed through symbolic links: each file is read once (e.g. "
                    + example + ")"));
        }
        out.sort(Comparator.comparing(Visited::relative));
        return out;
    }

    static String relative(Path root, Path file) {
        String relative = root.relativize(file).toString();
        // on Linux a backslash is part of a name (systemd's system-systemd\x2dcryptsetup.slice), not a separator
        return File.separatorChar == '/' ? relative : relative.replace(File.separatorChar, '/');
    }

    static String display(String arg, Path root, Path file) {
        String relative = relative(root, file);
        return arg.endsWith("/") ? arg + relative : arg + "/" + relative;
    }

    static String stripSlash(String arg) {
        return arg.length() > 1 && arg.endsWith("/") ? arg.substring(0, arg.length() - 1) : arg;
    }
}
