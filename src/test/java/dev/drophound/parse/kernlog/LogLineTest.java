package dev.drophound.parse.kernlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.testing.TestData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The prefixes of real log lines (captured dmesg variants, syslog, vmware.log, seed 003) and what stays. */
class LogLineTest {

    private static LogLine first(String file) {
        return LogLine.read(0, TestData.block(file).line(0));
    }

    @Test
    void dmesgVariantsCapturedHere() {
        LogLine t = first("captured/dmesg/dmesg-T.txt");
        assertThat(t.text()).isEqualTo("br-dh: port 1(dh-b.20) entered blocking state");
        assertThat(t.time().wallClock()).isEqualTo(Instant.parse("2026-11-22T02:49:05Z"));
        assertThat(t.time().uptimeSeconds()).isNull();

        LogLine iso = first("captured/dmesg/dmesg-time-format-iso.txt");
        assertThat(iso.text()).isEqualTo("br-dh: port 1(dh-b.20) entered blocking state");
        assertThat(iso.time().wallClock()).isEqualTo(Instant.parse("2026-11-22T02:49:05.689643Z"));
        assertThat(iso.time().asPrinted()).isEqualTo("2026-11-22T02:49:05,689643+00:00");

        for (String f : new String[] {"captured/dmesg/dmesg-x.txt", "captured/dmesg/dmesg-r.txt"}) {
            LogLine l = first(f);
            assertThat(l.text()).as(f).isEqualTo("br-dh: port 1(dh-b.20) entered blocking state");
            assertThat(l.time().uptimeSeconds()).as(f).isEqualTo(685.689643);
            assertThat(l.prefixed()).isTrue();
        }
        // text that only looks like a tag is the kernel's own: "Lockdown: sos: ..." keeps both words
        LogLine lockdown = LogLine.read(15, TestData.block("captured/dmesg/dmesg-time-format-iso.txt").line(15));
        assertThat(lockdown.text()).startsWith("Lockdown: sos: direct PCI access");
    }

    @Test
    void syslogVmwareAndAPastedLine() {
        LogLine syslog = first("fixtures/public/oom/centos6.5-2.6.32-431-global-ruby-syslog.txt");
        assertThat(syslog.text()).startsWith("Out of memory (oom_kill_allocating_task): Kill process 6608");
        assertThat(syslog.time().asPrinted()).isEqualTo("Mar  8 11:35:04");

        LogLine vmware = first("fixtures/public/oom/FRAGMENT-photon3-memcg-in-vmware.log.txt");
        assertThat(vmware.text()).startsWith("Memory cgroup stats for /kubepods/burstable/");

        // seed 003: one line was pasted without its opening bracket
        String seed = TestData.text("seeds/003_7648ab4276b3063d.txt").lines().skip(98).findFirst().orElseThrow();
        LogLine pasted = LogLine.read(0, seed);
        assertThat(pasted.text()).startsWith("TRACE kmalloc-8192 alloc 0xffff88001a0da000");
        assertThat(pasted.time().uptimeSeconds()).isEqualTo(90560.232045);

        LogLine plain = first("fixtures/public/oom/ubuntu2110-5.13-sysrq-kworker.txt");
        assertThat(plain.prefixed()).isFalse();
        assertThat(plain.time()).isNull();
    }
}
