package dev.drophound.parse.sysctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.SysctlSetting;
import dev.drophound.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SysctlParserTest {

    private static final String SEED = "001_64cba6ed93d5da2f.txt";
    private final SysctlParser parser = new SysctlParser();

    private List<SysctlSetting> settings(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.all(SysctlSetting.class);
    }

    private static Map<String, SysctlSetting> byName(List<SysctlSetting> settings) {
        return settings.stream().collect(Collectors.toMap(SysctlSetting::name, s -> s));
    }

    @Test
    void sysctlAGrepNet() {
        Block block = TestData.block("fixtures/08-healthy-baseline/sysctl-a-net.txt");
        List<SysctlSetting> all = settings(block);
        assertThat(all).hasSize(block.size());
        Map<String, SysctlSetting> s = byName(all);
        assertThat(s.get("net.core.rmem_max").asLong()).hasValue(4_194_304L);
        assertThat(s.get("net.core.rmem_max").span().firstLine()).isEqualTo(35);
        assertThat(s.get("net.core.netdev_max_backlog").value()).isEqualTo("1000");
        assertThat(s.get("net.ipv4.tcp_rmem").value()).isEqualTo("4096 131072 33554432");
        assertThat(s.get("net.ipv4.tcp_rmem").asLongs()).containsExactly(4096L, 131072L, 33554432L);
        assertThat(s.get("net.ipv4.ip_local_reserved_ports").value()).isEmpty();
        assertThat(s.get("net.bridge.bridge-nf-call-iptables")).isNotNull();
    }

    @Test
    void netCoreAndMemoryExtracts() {
        Map<String, SysctlSetting> core = byName(settings(TestData.block("fixtures/08-healthy-baseline/sysctl-a-net-core.txt")));
        assertThat(core.get("net.core.default_qdisc").value()).isEqualTo("pfifo_fast");
        assertThat(core.get("net.core.netdev_max_backlog").span().firstLine()).isEqualTo(23);

        Map<String, SysctlSetting> mem = byName(settings(TestData.block("fixtures/08-healthy-baseline/sysctl-a-mem.txt")));
        assertThat(mem.get("net.ipv4.udp_mem").asLongs()).containsExactly(575_799L, 767_734L, 1_151_598L);
        assertThat(mem.get("vm.min_free_kbytes").asLong()).hasValue(67_584L);
    }

    @Test
    void sysctlWithNames() {
        List<SysctlSetting> rmem = settings(TestData.block("fixtures/01-udp-rcvbuf-overflow/sysctl-rmem.txt"));
        assertThat(rmem).extracting(SysctlSetting::name).containsExactly(
                "net.core.rmem_max", "net.core.rmem_default", "net.ipv4.udp_mem", "net.ipv4.udp_rmem_min");
        assertThat(settings(TestData.block("fixtures/01-udp-rcvbuf-overflow/sysctl-rmem.after.txt")).get(0).value())
                .isEqualTo("4194304");

        List<SysctlSetting> drops = settings(TestData.block("fixtures/05-softnet-backlog-drops/sysctl-net-core.2.txt"));
        assertThat(drops.get(0).name()).isEqualTo("net.core.netdev_max_backlog");
        assertThat(drops.get(0).asLong()).hasValue(3);
        assertThat(byName(settings(TestData.block("fixtures/05-softnet-backlog-drops/sysctl-net-core.before.txt")))
                .get("net.core.netdev_budget").value()).isEqualTo("300");
    }

    @Test
    void seedBeforeAndAfterRaisingRmemMax() {
        Block before = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "sysctl -a | grep rmem", 1);
        assertThat(before.command()).isEqualTo("sysctl -a | grep rmem");
        Map<String, SysctlSetting> b = byName(settings(before));
        assertThat(b.get("net.core.rmem_max").asLong()).hasValue(212_992L);
        assertThat(b.get("net.core.rmem_max").span().firstLine()).isEqualTo(250);
        assertThat(b.get("net.ipv4.tcp_rmem").value()).isEqualTo("4096 87380 6291456");

        Map<String, SysctlSetting> after = byName(settings(TestData.section("seeds/001_64cba6ed93d5da2f.txt", "sysctl -a | grep rmem", 2)));
        assertThat(after.get("net.core.rmem_max").asLong()).hasValue(26_214_400L);
        assertThat(after.get("net.core.rmem_max").span().firstLine()).isEqualTo(265);
    }

    @Test
    void seedSysctlNameAndSysctlW() {
        Block section = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "sysctl net.core.netdev_max_backlog", 1);
        // the section runs on into the article's prose up to the next prompt: no warning for that
        assertThat(TestData.parse(parser, section).warnings()).isEmpty();
        SysctlSetting backlog = settings(section).get(0);
        assertThat(backlog.name()).isEqualTo("net.core.netdev_max_backlog");
        assertThat(backlog.asLong()).hasValue(1000);

        Block w = TestData.section("seeds/001_64cba6ed93d5da2f.txt", "sysctl -w net.core.netdev_max_backlog=2000", 1);
        assertThat(w.command()).isEqualTo("sysctl -w net.core.netdev_max_backlog=2000");
        SysctlSetting raised = settings(w).get(0);
        assertThat(raised.asLong()).hasValue(2000);
        assertThat(raised.span().firstLine()).isEqualTo(192);

        assertThat(settings(TestData.section("seeds/001_64cba6ed93d5da2f.txt", "sysctl -w net.core.rmem_max=26214400", 1)).get(0).asLong()).hasValue(26_214_400L);
    }

    @Test
    void bareValuesOfSysctlN() {
        Block block = TestData.blockWithCommand("captured/sysctl/sysctl-n.txt",
                "sysctl -n net.core.rmem_max net.ipv4.tcp_rmem");
        List<SysctlSetting> s = settings(block);
        assertThat(s).extracting(SysctlSetting::name).containsExactly("net.core.rmem_max", "net.ipv4.tcp_rmem");
        assertThat(s.get(0).asLong()).hasValue(4_194_304L);
        assertThat(s.get(1).value()).isEqualTo("4096 131072 33554432");
        assertThat(s.get(1).span().firstLine()).isEqualTo(2);
    }

    @Test
    void procSysFileLiveAndInASosreport() {
        Block live = TestData.blockWithCommand("captured/sysctl/proc-sys-net-ipv4-tcp_rmem.txt",
                "cat /proc/sys/net/ipv4/tcp_rmem");
        SysctlSetting s = settings(live).get(0);
        assertThat(s.name()).isEqualTo("net.ipv4.tcp_rmem");
        assertThat(s.asLongs()).containsExactly(4096L, 131072L, 33554432L);

        Block sos = Block.ofText("sosreport-vm/proc/sys/net/ipv4/tcp_rmem",
                TestData.text("captured/sysctl/proc-sys-net-ipv4-tcp_rmem.txt"));
        assertThat(settings(sos).get(0).name()).isEqualTo("net.ipv4.tcp_rmem");
        assertThat(parser.nameScore("sosreport-vm/proc/sys/net/ipv4/tcp_rmem")).isGreaterThanOrEqualTo(80);

        // captured as a file named after the path, the way the fixtures name /proc files
        Block file = TestData.block("captured/sysctl/proc-sys-net-ipv4-tcp_rmem.txt");
        assertThat(parser.nameScore(file.name())).isGreaterThanOrEqualTo(80);
        assertThat(settings(file).get(0).name()).isEqualTo("net.ipv4.tcp_rmem");
        assertThat(parser.nameScore("/proc/sys/net/core/rmem_max")).isGreaterThanOrEqualTo(80);
        assertThat(SysctlParser.dotted("net/ipv4/conf/eth0.100/rp_filter")).isEqualTo("net.ipv4.conf.eth0/100.rp_filter");
    }

    @Test
    void grepDotOverProcSys() {
        List<SysctlSetting> s = settings(TestData.block("captured/sysctl/grep-proc-sys.txt"));
        assertThat(s).extracting(SysctlSetting::name)
                .containsExactly("net.core.rmem_max", "net.core.netdev_max_backlog", "net.ipv4.tcp_rmem");
        assertThat(s.get(2).value()).isEqualTo("4096 131072 33554432");
    }

    @Test
    void cannotStatIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/sysctl/sysctl.nosuchkey.txt"));
        assertThat(parsed.all(SysctlSetting.class)).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualTo("net.core.rmem_max"));
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("cannot stat /proc/sys/net/core/nosuchkey");
        });
    }

    @Test
    void permissionDeniedLinesAmongSettings() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/sysctl/sysctl-a.nobody.txt"));
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.diagnostics()).hasSize(16).allSatisfy(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("permission denied on key");
        });
        assertThat(parsed.diagnostics().get(0).line()).isEqualTo(70);
        assertThat(parsed.all(SysctlSetting.class)).hasSize(1311 - 16);

        TestData.Parsed w = TestData.parse(parser, TestData.blockWithCommand("captured/sysctl/sysctl-w.nobody.txt",
                "sysctl -w net.core.rmem_max=212992"));
        assertThat(w.facts()).isEmpty();
        assertThat(w.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("sysctl: sysctl: permission denied on key \"net.core.rmem_max\""));
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("sysctl-a.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
        TestData.Parsed n = TestData.parse(parser, Block.ofCommand("x", "sysctl -n net.core.rmem_max", ""));
        assertThat(n.facts()).isEmpty();
    }

    @Test
    void malformedLineIsReportedAndTheRestKept() {
        String text = TestData.text("fixtures/05-softnet-backlog-drops/sysctl-net-core.before.txt")
                .replace("net.core.dev_weight = 64", "net.core.dev_weight 64");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("sysctl-net-core.txt", text));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("expected 'name = value'");
        });
        assertThat(parsed.all(SysctlSetting.class)).hasSize(5);
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("sysctl -a")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sysctl -a | grep rmem")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sysctl -w net.core.netdev_max_backlog=2000")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("sos_commands/kernel/sysctl_-a")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sysctl-a-net-core.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sysctl-rmem.after.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /proc/sys/net/core/rmem_max")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("systemctl status")).isZero();
        assertThat(parser.nameScore("/etc/sysctl.conf")).isZero();
        // systemd units in a full sosreport (sos report --batch on Debian 12)
        assertThat(parser.nameScore("usr/lib/systemd/system/systemd-sysctl.service")).isZero();
        assertThat(parser.nameScore("usr/lib/systemd/system/proc-sys-fs-binfmt_misc.automount")).isZero();
        assertThat(parser.nameScore("usr/lib/systemd/system/proc-sys-fs-binfmt_misc.mount")).isZero();
        assertThat(parser.nameScore("cat /proc/net/snmp")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/sysctl-a-net-core.txt"))).isGreaterThanOrEqualTo(90);
        for (String other : new String[] {
                "fixtures/08-healthy-baseline/os-release.txt",
                "fixtures/08-healthy-baseline/ethtool-i.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-k.eth0.txt",
                "fixtures/08-healthy-baseline/proc-meminfo.txt",
                "fixtures/08-healthy-baseline/sys-kernel-mm-hugepages.txt",
                "fixtures/08-healthy-baseline/lscpu.txt",
                "fixtures/08-healthy-baseline/tc-s-qdisc.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
    }
}
