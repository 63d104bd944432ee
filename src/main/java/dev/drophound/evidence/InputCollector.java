package dev.drophound.evidence;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the command-line arguments into the files to read: files as given, directories walked recursively
 * (symbolic links followed, loops detected, entries sorted so runs are repeatable), {@code -} for stdin, and
 * archives ({@code .tar.gz}, {@code .tar.xz}, {@code .zip} ..., known by their first bytes, given as arguments or
 * found in a directory) read in memory by {@link ArchiveReader}, their members listed like the files of a
 * directory. A file reached by several paths in one directory (symbolic links, as sosreports have) is listed
 * once, under the name {@link LinkNames} prefers. Sosreports are found by their layout ({@link SosreportLayout}).
 * Whatever cannot be listed becomes a diagnostic; nothing is skipped without one.
 */
public final class InputCollector {

    /** A directory holding more files than this is almost certainly not an evidence folder. */
    public static final int MAX_FILES = 50_000;

    private final ArchiveReader archives;

    public InputCollector() {
        this(new TextLoader(TextLoader.DEFAULT_MAX_BYTES), ArchiveReader.Limits.STANDARD);
    }

    /** {@code loader} reads archive members (the same limits as for files). */
    public InputCollector(TextLoader loader, ArchiveReader.Limits limits) {
        this.archives = new ArchiveReader(loader, limits);
    }

    public record Collected(List<InputFile> files, List<Diagnostic> diagnostics) {
    }

    public Collected collect(List<String> arguments) {
        List<InputFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (arg.equals("-")) {
                files.add(new InputFile(null, "stdin", "stdin", i, "stdin", false, null, -1));
                continue;
            }
            Path root = Path.of(arg);
            if (!Files.exists(root)) {
                diagnostics.add(Diagnostic.error(arg, 0, "no such file or directory"));
                continue;
            }
            if (!Files.isReadable(root)) {
                diagnostics.add(Diagnostic.error(arg, 0, "permission denied"));
                continue;
            }
            String rootName = root.getFileName() == null ? arg : root.getFileName().toString();
            if (Files.isDirectory(root)) {
                walk(root, arg, i, rootName, files, diagnostics);
            } else {
                ArchiveFormat format = sniff(root);
                if (format != null) {
                    addArchive(new Place(root, arg, i, null, ""), format, null, files, diagnostics);
                } else {
                    files.add(describe(root, arg, root.getFileName().toString(), i, rootName, false, null, diagnostics));
                }
            }
            if (files.size() > MAX_FILES) {
                diagnostics.add(Diagnostic.error(arg, 0, "more than " + MAX_FILES
                        + " files: stopped listing here; point drophound at the evidence folder itself"));
                break;
            }
        }
        files.removeIf(f -> f == null);
        return new Collected(files, diagnostics);
    }

    /** A regular file found by the walk, with what tells copies apart from links. */
    private record Found(Path path, String relative, Object key, boolean isLink) {
    }

    private void walk(Path root, String arg, int index, String rootName, List<InputFile> out,
            List<Diagnostic> diagnostics) {
        List<Found> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile()) {
                                // with links followed, the attributes (and the key: device and inode) are the target's
                                Object key = attrs.fileKey() != null ? attrs.fileKey() : file;
                                found.add(new Found(file, relative(root, file), key, Files.isSymbolicLink(file)));
                            } else if (!attrs.isDirectory()) {
                                diagnostics.add(Diagnostic.info(display(arg, root, file), 0,
                                        "not a regular file (device, socket or fifo); skipped"));
                            }
                            return found.size() > MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            String why = e instanceof FileSystemLoopException ? "symbolic link loop; not followed"
                                    : e instanceof AccessDeniedException ? "permission denied"
                                    : e instanceof NoSuchFileException ? "dangling symbolic link"
                                    : e.getClass().getSimpleName() + ": " + e.getMessage();
                            diagnostics.add(Diagnostic.error(display(arg, root, file), 0, why));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(arg, 0, "cannot list directory: " + e.getMessage()));
        }
        List<Found> files = oncePerFile(found, arg, diagnostics);
        SosreportLayout sos = SosreportLayout.of(files.stream().map(Found::relative).toList());
        for (Found f : files) {
            String top = sos.topOf(f.relative());
            String sosreport = top == null ? null : top.isEmpty() ? stripSlash(arg) : display(arg, root, root.resolve(top));
            ArchiveFormat format = sniff(f.path());
            if (format != null) {
                int slash = f.relative().lastIndexOf('/');
                Place place = new Place(f.path(), display(arg, root, f.path()), index, rootName,
                        slash < 0 ? "" : f.relative().substring(0, slash + 1));
                addArchive(place, format, sosreport, out, diagnostics);
            } else {
                out.add(describe(f.path(), display(arg, root, f.path()), f.relative(), index, rootName, true, sosreport,
                        diagnostics));
            }
        }
    }

    /**
     * One name per file: a file reached through symbolic links as well as directly (sosreports link
     * {@code proc/net} to {@code proc/self/net} to {@code proc/PID/net}, and {@code uname} to
     * {@code sos_commands/kernel/uname_-a}) would otherwise be read, and counted, several times.
     */
    private static List<Found> oncePerFile(List<Found> found, String arg, List<Diagnostic> diagnostics) {
        Map<Object, List<Found>> byFile = new LinkedHashMap<>();
        for (Found f : found) {
            byFile.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
        }
        List<Found> out = new ArrayList<>();
        int dropped = 0;
        String example = null;
        for (List<Found> names : byFile.values()) {
            List<Found> candidates = names.stream().filter(f -> !f.isLink()).toList();
            Found kept = (candidates.isEmpty() ? names : candidates).stream()
                    .min(Comparator.comparing(Found::relative, LinkNames.PREFERRED)).orElseThrow();
            out.add(kept);
            if (names.size() > 1) {
                dropped += names.size() - 1;
                if (example == null) {
                    Found other = names.stream().filter(f -> f != kept).findFirst().orElseThrow();
                    example = kept.relative() + ", not also as " + other.relative();
                }
            }
        }
        if (dropped > 0) {
            diagnostics.add(Diagnostic.info(stripSlash(arg), 0, dropped + " path" + (dropped == 1 ? "" : "s")
                    + " reached a file already listed through symbolic links: each file is read once (e.g. "
                    + example + ")"));
        }
        out.sort(Comparator.comparing(Found::relative));
        return out;
    }

    /**
     * Where an archive stands: given as an argument ({@code rootName} null), or found by a directory walk
     * ({@code prefix} is the directory below the argument it lies in, e.g. {@code hosts/}).
     */
    private record Place(Path file, String display, int index, String rootName, String prefix) {
        boolean inWalk() {
            return rootName != null;
        }
    }

    private void addArchive(Place place, ArchiveFormat format, String enclosingSosreport, List<InputFile> out,
            List<Diagnostic> diagnostics) {
        ArchiveReader.Result r = archives.read(place.file(), place.display(), format);
        diagnostics.addAll(r.diagnostics());
        if (r.single()) {
            // one compressed text (snmp.txt.gz): the file itself, decompressed
            Instant modified = modified(place.file());
            for (ArchiveReader.Member m : r.members()) {
                String name = place.inWalk() ? place.prefix() + m.name() : m.name();
                out.add(new InputFile(place.file(), place.display(), name, place.index(),
                        place.inWalk() ? place.rootName() : m.name(), place.inWalk(), modified, m.size(),
                        new InputFile.Preloaded(m.loaded()), enclosingSosreport));
            }
            return;
        }
        List<String> names = new ArrayList<>();
        r.members().forEach(m -> names.add(m.name()));
        names.addAll(r.directories());
        names.addAll(r.symlinks().keySet());
        String top = MemberNames.commonTop(names);
        String base = top != null ? top : MemberNames.stem(place.file().getFileName().toString());
        Set<String> directories = new HashSet<>(r.directories());
        directories.addAll(LinkNames.parents(names));
        Map<String, List<String>> links = LinkNames.byTarget(LinkNames.directoryLinks(r.symlinks(), directories));
        SosreportLayout sos = SosreportLayout.of(names);
        List<InputFile> members = new ArrayList<>();
        for (ArchiveReader.Member m : r.members()) {
            String below = MemberNames.below(top, LinkNames.preferred(m.name(), links));
            if (below.isEmpty()) {
                below = m.name();
            }
            String sosTop = sos.topOf(m.name());
            String sosreport = sosTop == null ? enclosingSosreport
                    : sosTop.isEmpty() ? place.display() : place.display() + "!" + sosTop;
            members.add(new InputFile(place.file(), place.display() + "!" + m.name(),
                    place.inWalk() ? place.prefix() + base + "/" + below : below, place.index(),
                    place.inWalk() ? place.rootName() : base, true, m.modified(), m.size(),
                    new InputFile.Preloaded(m.loaded()), sosreport));
        }
        // like a directory walk: sorted, so runs are repeatable whatever order the archive was written in
        members.sort(Comparator.comparing(InputFile::relativeName));
        out.addAll(members);
    }

    /** The archive format of a file, or null for anything else (read as text later, which reports problems). */
    private static ArchiveFormat sniff(Path file) {
        try {
            return ArchiveFormat.sniff(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String display(String arg, Path root, Path file) {
        String relative = relative(root, file);
        return arg.endsWith("/") ? arg + relative : arg + "/" + relative;
    }

    private static String stripSlash(String arg) {
        return arg.length() > 1 && arg.endsWith("/") ? arg.substring(0, arg.length() - 1) : arg;
    }

    private static InputFile describe(Path p, String display, String relative, int index, String rootName,
            boolean rootIsDirectory, String sosreport, List<Diagnostic> diagnostics) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new InputFile(p, display, relative, index, rootName, rootIsDirectory,
                    a.lastModifiedTime().toInstant(), a.size(), null, sosreport);
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(display, 0, "cannot read attributes: " + e.getMessage()));
            return null;
        }
    }
}
