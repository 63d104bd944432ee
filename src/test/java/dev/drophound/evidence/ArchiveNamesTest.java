package dev.drophound.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Member names, link names and sosreport layouts, with the names a real sosreport has. */
class ArchiveNamesTest {

    @Test
    void unsafeNames() {
        for (String ok : List.of("sosreport-vm/proc/net/snmp", "./proc/net/snmp", "a..b/c", "..hidden", "x/.../y")) {
            assertThat(MemberNames.unsafe(ok)).as(ok).isNull();
        }
        assertThat(MemberNames.unsafe("../x")).contains("'..'");
        assertThat(MemberNames.unsafe("a/../../x")).contains("'..'");
        assertThat(MemberNames.unsafe("a\\..\\..\\x")).contains("'..'");
        assertThat(MemberNames.unsafe("/etc/passwd")).contains("absolute");
        assertThat(MemberNames.unsafe("C:\\Windows\\x")).contains("absolute");
        assertThat(MemberNames.unsafe("a\u0000b")).contains("NUL");
        assertThat(MemberNames.unsafe("a\nb")).contains("control");
        assertThat(MemberNames.quoted("a\nb\"c")).isEqualTo("\"a\\x0ab\\\"c\"");
    }

    @Test
    void normalFormAndTopDirectory() {
        assertThat(MemberNames.normalise("./sos//proc/./net/")).isEqualTo("sos/proc/net");
        assertThat(MemberNames.commonTop(List.of("sos", "sos/proc/net/snmp", "sos/uname"))).isEqualTo("sos");
        assertThat(MemberNames.commonTop(List.of("sos/uname", "other/x"))).isNull();
        assertThat(MemberNames.commonTop(List.of("snmp.txt"))).isNull();
        assertThat(MemberNames.below("sos", "sos/proc/net/snmp")).isEqualTo("proc/net/snmp");
        assertThat(MemberNames.stem("sosreport-vm-2026-11-22-abc.tar.xz")).isEqualTo("sosreport-vm-2026-11-22-abc");
        assertThat(MemberNames.stem("proc-net-snmp.after.txt.gz")).isEqualTo("proc-net-snmp.after.txt");
        assertThat(MemberNames.stem("bundle.tgz")).isEqualTo("bundle");
    }

    @Test
    void filesAreNamedThroughTheSosreportsDirectoryLinks() {
        // as sos 4.0 wrote them on this machine
        Map<String, String> links = Map.of(
                "s/proc/net", "self/net",
                "s/proc/self", "29503",
                "s/sys/class/net/eth0", "../../devices/pci0000:00/0000:00:03.0/virtio2/net/eth0",
                "s/uname", "sos_commands/kernel/uname_-a",
                "s/etc/sysctl.d/99-sysctl.conf", "../sysctl.conf",
                "s/escape", "../../../etc",
                "s/loop", "loop/x");
        List<String> members = List.of("s/proc/29503/net/snmp", "s/proc/29503/net/dev_snmp6/lo",
                "s/sys/devices/pci0000:00/0000:00:03.0/virtio2/net/eth0/statistics/rx_dropped",
                "s/sos_commands/kernel/uname_-a", "s/etc/sysctl.conf");
        Set<String> dirs = LinkNames.parents(members);

        Map<String, String> directoryLinks = LinkNames.directoryLinks(links, dirs);

        assertThat(directoryLinks).containsOnly(Map.entry("s/proc/net", "s/proc/29503/net"),
                Map.entry("s/proc/self", "s/proc/29503"),
                Map.entry("s/sys/class/net/eth0", "s/sys/devices/pci0000:00/0000:00:03.0/virtio2/net/eth0"));
        Map<String, List<String>> byTarget = LinkNames.byTarget(directoryLinks);
        assertThat(members.stream().map(m -> LinkNames.preferred(m, byTarget)).toList()).containsExactly(
                "s/proc/net/snmp", "s/proc/net/dev_snmp6/lo", "s/sys/class/net/eth0/statistics/rx_dropped",
                "s/sos_commands/kernel/uname_-a", "s/etc/sysctl.conf");
        assertThat(LinkNames.resolve("s/escape", "../../../etc")).isNull();
        assertThat(LinkNames.resolve("s/abs", "/proc/net")).isEqualTo("proc/net");
    }

    @Test
    void aSosreportIsKnownByItsLayout() {
        SosreportLayout packed = SosreportLayout.of(List.of("renamed/sos_commands/networking/netstat_-s",
                "renamed/sos_logs/sos.log", "renamed/proc/net/snmp", "notes.txt"));
        assertThat(packed.tops()).containsExactly("renamed");
        assertThat(packed.topOf("renamed/proc/net/snmp")).isEqualTo("renamed");
        assertThat(packed.topOf("notes.txt")).isNull();

        SosreportLayout root = SosreportLayout.of(List.of("sos_commands/kernel/uname_-a", "sos_reports/sos.json"));
        assertThat(root.topOf("proc/net/snmp")).isEmpty();

        // sos_commands alone (a hand-made layout, as in SosreportLayoutTest) is not a sosreport
        assertThat(SosreportLayout.of(List.of("x/sos_commands/networking/netstat_-s", "x/proc/net/snmp")).isEmpty()).isTrue();
    }
}
