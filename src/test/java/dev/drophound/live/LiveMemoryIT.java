package dev.drophound.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drophound.analysis.Analysis;
import dev.drophound.analysis.Analyzer;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * doctor watches memory every second: kernel memory made to grow on this real kernel while it runs (network
 * namespaces with a veth pair, created and never deleted during the run, as a leaking daemon would) must show as
 * growing slab caches with a rate. Every namespace made here is deleted, also when the test fails.
 */
class LiveMemoryIT {

    static final String PREFIX = "dh-it-leak-";

    @BeforeAll
    static void root() {
        assumeTrue(HostReader.effectiveUid() == 0, "live tests need root (slabinfo, namespaces)");
    }

    static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void namespacesLeakedDuringTheRunShowAsSlabGrowth() throws Exception {
        List<String> made = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread leaker = Thread.ofPlatform().start(() -> {
            int n = 0;
            while (!stop.get() && n < 60) {
                String ns = PREFIX + ProcessHandle.current().pid() + "-" + n++;
                try {
                    if (run("ip", "netns", "add", ns) == 0) {
                        synchronized (made) {
                            made.add(ns);
                        }
                        run("ip", "-n", ns, "link", "add", "va", "type", "veth", "peer", "name", "vb");
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        Analysis a;
        try {
            LiveRun.Result r = LiveRun.system().run(new LiveRun.Options(Duration.ofMillis(3500), false, null));
            stop.set(true);
            leaker.join(30_000);
            assertThat(r.captured().items()).filteredOn(i -> i.name().equals("proc/slabinfo")).hasSizeGreaterThanOrEqualTo(4);
            a = Analyzer.standard().analyze(r.captured().evidence(), r.captured().diagnostics(), r.captured().items().size());
        } finally {
            stop.set(true);
            leaker.join(30_000);
            synchronized (made) {
                for (String ns : made) {
                    run("ip", "netns", "del", ns);
                }
            }
        }
        assertThat(made).hasSizeGreaterThanOrEqualTo(8);
        Finding growth = a.findings().stream().filter(f -> f.id().equals("mem.leak-trend")
                && f.severity().atLeast(Severity.WARNING)).findFirst().orElseThrow(() -> new AssertionError(
                "no growth found after " + made.size() + " namespaces: " + a.findings()));
        assertThat(growth.stage()).isEqualTo(Stage.MEMORY);
        assertThat(growth.summary()).contains("slab cache").containsPattern("/h");
        assertThat(growth.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo("/proc/slabinfo"));
        // and the observer's own heap is not a finding
        assertThat(a.findings()).noneMatch(f -> f.title().contains("AnonPages"));
    }
}
