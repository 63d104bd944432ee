package dev.drophound.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the few read-only tools whose information no file gives ({@code ethtool -S/-g/-i}, {@code tc -s qdisc}),
 * with the C locale, standard error merged into the output the way a terminal shows it, and a time limit.
 * Tools are looked up in PATH and in the sbin directories (where Debian puts ethtool, outside a user's PATH).
 */
public final class Commands {

    /** A tool that hangs (a wedged driver answering ethtool) must not hang the run. */
    static final long TIMEOUT_SECONDS = 10;
    /** Output beyond this is cut: ethtool -S of a 128-queue NIC is ~300 KiB. */
    static final int MAX_OUTPUT = 16 * 1024 * 1024;

    public record Result(String command, String output, int exitCode, boolean timedOut) {
    }

    private final Map<String, Optional<Path>> found = new LinkedHashMap<>();

    /** The tool's path, if installed. */
    public synchronized Optional<Path> which(String tool) {
        return found.computeIfAbsent(tool, t -> {
            List<String> dirs = new ArrayList<>();
            String path = System.getenv("PATH");
            if (path != null) {
                dirs.addAll(List.of(path.split(":")));
            }
            dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
            for (String d : dirs) {
                if (d.isEmpty()) {
                    continue;
                }
                Path p = Path.of(d, t);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        });
    }

    /** Runs {@code tool args...}; empty if the tool is not installed. */
    public Optional<Result> run(String tool, String... args) {
        Optional<Path> exe = which(tool);
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>();
        argv.add(exe.get().toString());
        argv.addAll(List.of(args));
        String shown = tool + (args.length == 0 ? "" : " " + String.join(" ", args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
            boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(2));
            String text;
            synchronized (out) {
                text = out.toString(StandardCharsets.UTF_8);
            }
            return Optional.of(new Result(shown, text, done ? p.exitValue() : -1, !done));
        } catch (IOException e) {
            return Optional.of(new Result(shown, "", -1, false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Result(shown, "", -1, true));
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    if (out.size() + n > MAX_OUTPUT) {
                        continue; // drain, so the tool is not blocked on a full pipe
                    }
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended or was killed; what was read is kept
        }
    }
}
