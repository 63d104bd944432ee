package dev.drophound.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the command-line arguments into the files to read: files as given, directories walked recursively
 * ({@link DirectoryWalk}: links followed, each file once, sorted so runs are repeatable, sosreports found),
 * {@code -} for stdin, and archives ({@code .tar.gz}, {@code .tar.xz}, {@code .zip} ..., known by their first
 * bytes, given as arguments or found in a directory) read in memory by {@link ArchiveReader}, their members listed
 * like the files of a directory. Whatever cannot be listed becomes a diagnostic; nothing is skipped without one.
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

    private void walk(Path root, String arg, int index, String rootName, List<InputFile> out,
            List<Diagnostic> diagnostics) {
        for (DirectoryWalk.Found f : DirectoryWalk.walk(root, arg, MAX_FILES, diagnostics)) {
            ArchiveFormat format = sniff(f.path());
            if (format != null) {
                int slash = f.relative().lastIndexOf('/');
                Place place = new Place(f.path(), f.display(), index, rootName,
                        slash < 0 ? "" : f.relative().substring(0, slash + 1));
                addArchive(place, format, f.sosreport(), out, diagnostics);
            } else {
                out.add(describe(f.path(), f.display(), f.relative(), index, rootName, true, f.sosreport(), diagnostics));
            }
        }
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
