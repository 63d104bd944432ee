package dev.drophound.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Diagnostic;
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
 * An unpacked sosreport names its files after the command ({@code sos_commands/networking/ethtool_-S_eth0}) or
 * the path ({@code proc/net/snmp}). Real outputs from the fixtures, placed under those names, must be read by
 * the right parsers, with the interface taken from the name.
 */
class SosreportLayoutTest {

    @Test
    void sosreportNamesAreRecognised(@TempDir Path root) throws IOException {
        Path sos = root.resolve("sosreport-vm-2026-11-22-abcdef");
        Map<String, String> layout = new LinkedHashMap<>();
        String base = "fixtures/08-healthy-baseline/";
        layout.put("sos_commands/networking/ethtool_-S_eth0", base + "ethtool-S.eth0.txt");
        layout.put("sos_commands/networking/ethtool_-g_eth0", base + "ethtool-g.eth0.txt");
        layout.put("sos_commands/networking/ethtool_-i_eth0", base + "ethtool-i.eth0.txt");
        layout.put("sos_commands/networking/ip_-s_-d_link", base + "ip-s-s-link.txt");
        layout.put("sos_commands/networking/netstat_-s", base + "netstat-s.txt");
        layout.put("sos_commands/networking/nstat_-zas", base + "nstat-asz.txt");
        layout.put("sos_commands/networking/tc_-s_qdisc_show", base + "tc-s-qdisc.txt");
        layout.put("sos_commands/networking/ss_-peaonmi", base + "ss-tuanmp.txt");
        layout.put("sos_commands/kernel/sysctl_-a", base + "sysctl-a-net-core.txt");
        layout.put("sos_commands/kernel/uname_-a", base + "uname-a.txt");
        layout.put("proc/net/dev", base + "proc-net-dev.txt");
        layout.put("proc/net/snmp", base + "proc-net-snmp.txt");
        layout.put("proc/net/snmp6", base + "proc-net-snmp6.txt");
        layout.put("proc/net/netstat", base + "proc-net-netstat.txt");
        layout.put("proc/net/softnet_stat", base + "proc-net-softnet_stat.txt");
        layout.put("proc/net/sockstat", base + "proc-net-sockstat.txt");
        layout.put("proc/net/udp", base + "proc-net-udp.txt");
        layout.put("proc/net/udp6", base + "proc-net-udp6.txt");
        layout.put("proc/net/raw6", base + "proc-net-raw6.txt");
        layout.put("proc/sys/net/core/rmem_max", "captured/sysctl/proc-sys-net-ipv4-tcp_rmem.txt");
        for (Map.Entry<String, String> e : layout.entrySet()) {
            Path target = sos.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(TestData.path(e.getValue()), target);
        }

        Analysis a = Analyzer.standard().analyzePaths(List.of(sos.toString()), new ByteArrayInputStream(new byte[0]));

        assertThat(a.formats()).containsKeys("ethtool-S", "ethtool-g", "ethtool-i", "ip-link", "netstat-s", "nstat",
                "tc-qdisc", "ss", "sysctl", "uname", "proc-net-dev", "proc-net-snmp", "proc-net-snmp6",
                "proc-net-netstat", "softnet-stat", "proc-net-sockstat", "proc-net-sockets");
        assertThat(a.diagnostics()).noneMatch(d -> d.level() != Diagnostic.Level.INFO);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.summary()).contains("eth0"));
        // one snapshot of a host whose counters hold older drops (earlier lab runs): judged, but with low confidence
        assertThat(a.verdict().confidence()).isEqualTo(dev.drophound.findings.Confidence.LOW);
        assertThat(a.verdict().summary()).contains("one sample only");
    }
}
