package dev.drophound.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Archives;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.report.JsonRenderer;
import dev.drophound.report.Renderer;
import dev.drophound.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive gives the same analysis as the directory it was made from, and a packed sosreport the same as the
 * unpacked one: the archive is only another way to hand over the same files.
 */
class ArchiveAnalysisTest {

    @TempDir
    Path tmp;

    private static Analysis analyze(Path... paths) {
        return Analyzer.standard().analyzePaths(java.util.Arrays.stream(paths).map(Path::toString).toList(),
                new ByteArrayInputStream(new byte[0]));
    }

    /** The JSON report with the place of the inputs taken out: {@code <dir>/x} and {@code <archive>!top/x} become {@code x}. */
    private static String json(Analysis a, String... prefixes) {
        String json = JsonRenderer.tree(a, new Renderer.Options(true, false, "test")).toPrettyString();
        for (String p : prefixes) {
            json = json.replace(p, "");
        }
        return json;
    }

    @Test
    void fixture01GivesTheSameReportPackedInEveryFormat() throws IOException {
        Path dir = Archives.copyWithFixedTimes(TestData.path("fixtures/01-udp-rcvbuf-overflow"), tmp.resolve("f01"));
        String expected = json(analyze(dir), dir + "/");
        assertThat(expected).contains("udp.rcvbuf-overflow").contains("python3 pid 24888");

        Archives archives = new Archives().tree("f01", dir);
        for (Path archive : List.of(archives.tarGz(tmp.resolve("f01.tar.gz")), archives.tarXz(tmp.resolve("f01.tar.xz")),
                archives.tarBz2(tmp.resolve("f01.tar.bz2")), archives.tar(tmp.resolve("f01.tar")),
                archives.zip(tmp.resolve("f01.zip")))) {
            assertThat(json(analyze(archive), archive + "!f01/")).as(archive.toString()).isEqualTo(expected);
        }
    }

    @Test
    void twoArchivesAreTwoSamplesLikeTwoDirectories() throws IOException {
        String f01 = "fixtures/01-udp-rcvbuf-overflow/";
        Path before = new Archives().file("host/proc/net/snmp", TestData.path(f01 + "proc-net-snmp.before.txt"))
                .tarGz(tmp.resolve("before.tar.gz"));
        Path after = new Archives().file("host/proc/net/snmp", TestData.path(f01 + "proc-net-snmp.after.txt"))
                .tarGz(tmp.resolve("after.tar.gz"));

        Analysis a = analyze(before, after);

        assertThat(a.samples()).isEqualTo(2);
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("udp.rcvbuf-overflow");
            assertThat(f.summary()).contains("+3,149");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo(after + "!host/proc/net/snmp"));
        });
    }

    /**
     * The layout of a real sosreport (see RealSosreportIT for one made by sos itself): proc/net is a link to
     * self/net and proc/self one to the pid sos ran as, sys/class/net/IF links into sys/devices, top-level
     * links such as uname point into sos_commands/. Contents are the healthy baseline's real outputs.
     */
    private static Map<String, String> sosreportFiles() {
        String base = "fixtures/08-healthy-baseline/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("sos_commands/networking/ethtool_-S_eth0", base + "ethtool-S.eth0.txt");
        files.put("sos_commands/networking/ethtool_-i_eth0", base + "ethtool-i.eth0.txt");
        files.put("sos_commands/networking/ip_-s_-d_link", base + "ip-s-s-link.txt");
        files.put("sos_commands/networking/netstat_-s", base + "netstat-s.txt");
        files.put("sos_commands/networking/ip_-o_addr", "captured/iproute2/ip-o-addr-show-dev-lo.txt");
        files.put("sos_commands/kernel/uname_-a", base + "uname-a.txt");
        files.put("proc/4242/net/snmp", base + "proc-net-snmp.txt");
        files.put("proc/4242/net/snmp6", base + "proc-net-snmp6.txt");
        files.put("proc/4242/net/dev_snmp6/lo", "captured/procfs/proc-net-dev_snmp6-lo.txt");
        files.put("proc/4242/net/softnet_stat", base + "proc-net-softnet_stat.txt");
        files.put("proc/4242/net/udp", base + "proc-net-udp.txt");
        // files no parser reads: sos's own report and notes, and a real script
        files.put("sos_logs/sos.log", "fixtures/08-healthy-baseline/NOTES.md");
        files.put("sos_reports/sos.txt", "fixtures/INDEX.md");
        files.put("etc/sysctl.d/run.sh", "fixtures/run-all.sh");
        return files;
    }

    private static final Map<String, String> SOS_LINKS = Map.of("proc/net", "self/net", "proc/self", "4242",
            "uname", "sos_commands/kernel/uname_-a",
            // links sos copied as they were: to nothing, in a loop, and out of the sosreport into the host's files
            "sys/class/net/gone", "../../devices/virtual/net/gone", "sys/loop", "..",
            "proc/sys/net", "/proc/sys/net", "etc/hostname", "/etc/hostname");

    private static Archives sosreportArchive(String top) {
        Archives a = new Archives();
        sosreportFiles().forEach((name, from) -> a.file(top + "/" + name, TestData.path(from)));
        SOS_LINKS.forEach((link, target) -> a.add(new Archives.Link(top + "/" + link, target)));
        a.add(new Archives.Bytes(top + "/proc/4242/net/rt_acct", new byte[64]));
        a.add(new Archives.Bytes(top + "/proc/4242/net/ip_tables_names", new byte[0]));
        return a;
    }

    @Test
    void aPackedSosreportIsReadLikeTheUnpackedOneAndSaysOnceWhatItLeftOut() throws IOException {
        String top = "sosreport-vm-2026-11-22-abcdef";
        Path packed = sosreportArchive(top).tarXz(tmp.resolve(top + ".tar.xz"));
        Path unpacked = tmp.resolve("unpacked").resolve(top);
        sosreportFiles().forEach((name, from) -> copy(TestData.path(from), unpacked.resolve(name)));
        for (Map.Entry<String, String> link : SOS_LINKS.entrySet()) {
            Files.createDirectories(unpacked.resolve(link.getKey()).getParent());
            Files.createSymbolicLink(unpacked.resolve(link.getKey()), Path.of(link.getValue()));
        }
        Files.write(unpacked.resolve("proc/4242/net/rt_acct"), new byte[64]);
        Files.write(unpacked.resolve("proc/4242/net/ip_tables_names"), new byte[0]);

        Analysis p = analyze(packed);
        Analysis u = analyze(unpacked);

        for (Analysis a : List.of(p, u)) {
            // each file once: proc/net/snmp is also proc/self/net/snmp and proc/4242/net/snmp
            assertThat(a.formats()).containsExactlyInAnyOrderEntriesOf(Map.of("ethtool-S", 1, "ethtool-i", 1,
                    "ip-link", 1, "netstat-s", 1, "uname", 1, "proc-net-snmp", 1, "proc-net-snmp6", 1,
                    "softnet-stat", 1, "proc-net-sockets", 1));
            assertThat(a.diagnostics()).noneMatch(d -> d.level() != Diagnostic.Level.INFO);
            assertThat(a.diagnostics()).filteredOn(d -> d.message().startsWith("sosreport:")).singleElement()
                    .satisfies(d -> assertThat(d.message()).isEqualTo("sosreport: 7 files not analysed: 5 not in a "
                            + "format drophound reads (e.g. etc/sysctl.d/run.sh, proc/net/dev_snmp6/lo, sos_commands/"
                            + "networking/ip_-o_addr, sos_logs/sos.log, ...); 1 empty; 1 binary (see `drophound formats`)"));
        }
        assertThat(p.diagnostics()).filteredOn(d -> d.message().startsWith("sosreport:")).singleElement()
                .satisfies(d -> assertThat(d.source()).isEqualTo(packed + "!" + top));
        assertThat(u.diagnostics()).filteredOn(d -> d.message().startsWith("sosreport:")).singleElement()
                .satisfies(d -> assertThat(d.source()).isEqualTo(unpacked.toString()));
        assertThat(p.diagnostics()).anySatisfy(d -> assertThat(d.message()).startsWith("7 symbolic links not read"));
        // unpacked, the host's /proc/sys/net and /etc/hostname are not read as if they were the sosreport's
        assertThat(u.diagnostics()).anySatisfy(d -> {
            assertThat(d.source()).isEqualTo(unpacked.toString());
            assertThat(d.message()).matches("symbolic links not followed: 2 lead nowhere or in a loop, \\d+ lead out of "
                    + "the sosreport, to this machine's own files");
        });
        assertThat(u.diagnostics()).anySatisfy(d -> assertThat(d.message()).matches("\\d+ paths reached a file "
                + "already listed through symbolic links: each file is read once \\(e\\.g\\. .*"));
        assertThat(p.findings()).extracting(f -> f.id() + " " + f.severity())
                .containsExactlyElementsOf(u.findings().stream().map(f -> f.id() + " " + f.severity()).toList());
        assertThat(p.verdict().summary().replace(packed + "!" + top + "/proc/4242/", ""))
                .isEqualTo(u.verdict().summary().replace(unpacked + "/proc/", ""));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
