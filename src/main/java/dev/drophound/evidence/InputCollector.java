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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns the command-line arguments into the files to read: files as given, directories walked recursively
 * (symbolic links followed, loops detected, entries sorted so runs are repeatable), {@code -} for stdin.
 * Whatever cannot be listed becomes a diagnostic; nothing is skipped without one.
 */
public final class InputCollector {

    /** A directory holding more files than this is almost certainly not an evidence folder. */
    public static final int MAX_FILES = 50_000;

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
                files.add(describe(root, arg, root.getFileName().toString(), i, rootName, false, diagnostics));
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
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile()) {
                                found.add(file);
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
        found.sort(null);
        for (Path p : found) {
            String relative = root.relativize(p).toString().replace('\\', '/');
            out.add(describe(p, display(arg, root, p), relative, index, rootName, true, diagnostics));
        }
    }

    private static String display(String arg, Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        return arg.endsWith("/") ? arg + relative : arg + "/" + relative;
    }

    private static InputFile describe(Path p, String display, String relative, int index, String rootName,
            boolean rootIsDirectory, List<Diagnostic> diagnostics) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new InputFile(p, display, relative, index, rootName, rootIsDirectory,
                    a.lastModifiedTime().toInstant(), a.size());
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(display, 0, "cannot read attributes: " + e.getMessage()));
            return null;
        }
    }
}
