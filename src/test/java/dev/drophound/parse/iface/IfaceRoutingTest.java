package dev.drophound.parse.iface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The interface formats overlap ({@code netstat -ie} is ifconfig-shaped, {@code ip -s addr} is ip-link-shaped,
 * {@code ip -j} is not {@code ip}): every real file must go to the right one of them, and no other fixture to
 * any of them.
 */
class IfaceRoutingTest {

    private final ParserRegistry registry = new ParserRegistry(List.of(new ProcNetDevParser(), new IpLinkParser(),
            new IpLinkJsonParser(), new IfconfigParser(), new NetstatInterfacesParser(), new SysfsNetStatisticsParser()));

    static String expected(String file) {
        if (file.startsWith("proc-net-dev_snmp6") || file.startsWith("ip-o-addr")) {
            return null; // per-interface IPv6 counters; ip -o addr has one line per address and no link line
        }
        if (file.startsWith("proc-net-dev")) {
            return ProcNetDevParser.ID;
        }
        if (file.startsWith("ip-j-") || file.startsWith("ip-s-j-")) {
            return IpLinkJsonParser.ID;
        }
        if (file.matches("ip-(s-|o-)*(d-)?(link|addr)[-.].*") || file.equals("netdevs-in-one-ns.txt")) { // ip -n X -d link
            return IpLinkParser.ID;
        }
        if (file.startsWith("ifconfig") || file.startsWith("netstat-ie")) {
            return IfconfigParser.ID;
        }
        if (file.matches("netstat-i(a|-c)?\\..*")) {
            return NetstatInterfacesParser.ID;
        }
        if (file.contains("sys-class-net-") && file.contains("-statistics")) {
            return SysfsNetStatisticsParser.ID;
        }
        return null;
    }

    @Test
    void everyRealFileGoesToItsParserAndParsesCleanlyAndNoOtherFileGoesToAnyOfThem() throws IOException {
        List<String> wrong = new ArrayList<>();
        int ours = 0;
        for (String dir : List.of("fixtures", "captured", "seeds")) {
            try (Stream<Path> files = Files.walk(TestData.root().resolve(dir))) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = p.getFileName().toString();
                    Block block = Block.ofText(name, read(p));
                    String got = registry.route(block).map(c -> c.parser().id()).orElse(null);
                    String want = expected(name);
                    if (want != null) {
                        ours++;
                        TestData.Parsed parsed = TestData.parse(registry.byId(want).orElseThrow(), block);
                        parsed.warnings().forEach(d -> wrong.add(TestData.root().relativize(p) + ": " + d.oneLine()));
                    }
                    if (want == null ? got != null : !want.equals(got)) {
                        wrong.add(TestData.root().relativize(p) + ": expected " + want + ", routed to " + got);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ours).isGreaterThan(80);
    }

    @Test
    void commandsOfTheSeedGoToTheirParsers() {
        for (String[] c : new String[][] {{"ifconfig ens33", IfconfigParser.ID},
                {"netstat --interfaces=ens33", NetstatInterfacesParser.ID}, {"cat /proc/net/dev", ProcNetDevParser.ID},
                {"ip -s addr show dev ens33", IpLinkParser.ID}, {"ip -s link show dev ens33", IpLinkParser.ID}}) {
            Block block = TestData.sectionWithAnnotations("seeds/001_64cba6ed93d5da2f.txt", c[0], 1);
            assertThat(registry.route(block).map(x -> x.parser().id())).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void startsOutputIsClaimedOnlyOnce() {
        for (String line : List.of("Inter-|   Receive                                                |  Transmit",
                "Kernel Interface table")) {
            assertThat(registry.startsAnyOutput(line)).isTrue();
        }
        // ip's later links, ifconfig's later blocks must not split a listing
        for (String f : List.of("fixtures/08-healthy-baseline/ip-s-link.txt", "fixtures/08-healthy-baseline/ifconfig-a.txt",
                "captured/busybox/ifconfig-a.txt", "fixtures/08-healthy-baseline/netstat-i.txt")) {
            List<String> lines = Block.splitLines(TestData.text(f));
            long starts = lines.stream().filter(registry::startsAnyOutput).count();
            assertThat(starts).as(f).isLessThanOrEqualTo(1);
        }
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
