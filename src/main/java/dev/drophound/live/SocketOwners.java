package dev.drophound.live;

import dev.drophound.evidence.Diagnostic;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which process holds which socket: every {@code /proc/PID/fd/N} link to {@code socket:[INODE]}, written in the
 * shape {@code find /proc/[0-9]*}{@code /fd -lname 'socket:*' -printf '%p -> %l\n'} prints, and the command names of
 * those processes in the shape of {@code grep -H . /proc/PID/comm}. The inode ties them to /proc/net/udp and the
 * like. Processes of other users (without root) and some protected ones cannot be read: counted and said.
 */
public final class SocketOwners {

    private final Path proc;

    public SocketOwners(Path proc) {
        this.proc = proc;
    }

    public void scan(int sample, String label, Captured out) {
        Instant at = Instant.now();
        StringBuilder links = new StringBuilder();
        Map<Integer, String> comms = new TreeMap<>();
        int denied = 0;
        int processes = 0;
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            ds.forEach(p -> pids.add(Integer.parseInt(p.getFileName().toString())));
        } catch (IOException e) {
            out.diagnostic(Diagnostic.warning(proc.toString(), 0, "cannot list processes: " + e.getMessage()));
            return;
        }
        pids.sort(null);
        for (int pid : pids) {
            Path fdDir = proc.resolve(Integer.toString(pid)).resolve("fd");
            boolean any = false;
            List<Path> fds = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
                ds.forEach(fds::add);
            } catch (java.nio.file.AccessDeniedException e) {
                denied++;
                continue;
            } catch (IOException e) {
                continue; // exited meanwhile
            }
            processes++;
            fds.sort((a, b) -> Integer.compare(fdNumber(a), fdNumber(b)));
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        links.append(proc.resolve(Integer.toString(pid)).resolve("fd").resolve(fd.getFileName()))
                                .append(" -> ").append(target).append('\n');
                        any = true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not permitted for this descriptor
                }
            }
            if (any) {
                try {
                    comms.put(pid, HostReader.read(proc.resolve(Integer.toString(pid)).resolve("comm")).strip());
                } catch (IOException e) {
                    // exited meanwhile: the socket line stays, named by pid only
                }
            }
        }
        StringBuilder names = new StringBuilder();
        comms.forEach((pid, comm) -> names.append(proc.resolve(Integer.toString(pid)).resolve("comm")).append(':')
                .append(comm).append('\n'));
        out.add(new Captured.Item("proc-pid-fd-sockets", proc + "/*/fd", links.toString(), sample, label, at));
        out.add(new Captured.Item("proc-pid-comm", proc + "/*/comm", names.toString(), sample, label, at));
        if (denied > 0 && sample == 0) {
            out.diagnostic(Diagnostic.info(proc + "/*/fd", 0, "the descriptors of " + denied + " of "
                    + (denied + processes) + " processes could not be read (permission denied"
                    + (HostReader.effectiveUid() == 0 ? ", protected processes" : "; run as root to see all owners")
                    + "): their sockets are shown without an owner"));
        }
    }

    private static int fdNumber(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
