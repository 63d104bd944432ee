package dev.drophound.parse.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.OvsRecord;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class OvsVsctlShowParserTest {

    private static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    private static final String CAP = "captured/ovs/";
    private final OvsVsctlShowParser parser = new OvsVsctlShowParser();

    @Test
    void vhostUserPortWithAGuest() {
        List<OvsRecord> ifaces = TestData.parseClean(parser, TestData.block(F06 + "ovs-vsctl-show.d.guest.txt"))
                .all(OvsRecord.class);
        assertThat(ifaces).hasSize(2);
        OvsRecord vhu0 = ifaces.get(0);
        assertThat(vhu0.table()).isEqualTo("Interface");
        assertThat(vhu0.name()).contains("vhu0");
        assertThat(vhu0.columns()).containsOnlyKeys("name", "type");
        assertThat(vhu0.scalar("type")).contains("dpdkvhostuser");
        assertThat(vhu0.span().firstLine()).isEqualTo(5);
        assertThat(vhu0.span().lastLine()).isEqualTo(6);
        assertThat(vhu0.span().lines().get(0).text()).isEqualTo("            Interface vhu0");
        assertThat(ifaces.get(1).name()).contains("br0");
        assertThat(ifaces.get(1).scalar("type")).contains("internal");
    }

    @Test
    void interfacesWithOptionsAndErrors() {
        List<OvsRecord> ifaces = TestData.parseClean(parser, TestData.blockWithCommand(CAP + "ovs-vsctl-show.txt",
                "timeout 30 ovs-vsctl --db=unix:/tmp/drophound-ovs-capture/run/db.sock --timeout=20 show")).all(OvsRecord.class);
        assertThat(ifaces).extracting(r -> r.name().orElseThrow()).containsExactly("dpdk1", "dpdk3", "dpdk0", "dpdk2", "dhbr0");
        assertThat(ifaces.get(0).scalar("error"))
                .contains("'dpdk1' is missing 'options:dpdk-devargs'. The old 'dpdk<port_id>' names are not supported");
        assertThat(ifaces.get(0).columns()).doesNotContainKey("options");
        OvsRecord dpdk3 = ifaces.get(1);
        assertThat(dpdk3.columns()).containsOnlyKeys("name", "type", "options", "error");
        assertThat(dpdk3.map("options")).containsEntry("dpdk-devargs", "net_null1,no-rx=1");
        assertThat(dpdk3.scalar("error")).contains("could not add network device dpdk3 to ofproto (Invalid argument)");
        assertThat(dpdk3.span().firstLine()).isEqualTo(9);
        assertThat(dpdk3.span().lastLine()).isEqualTo(12);
        assertThat(ifaces.get(2).map("options")).containsEntry("n_rxq", "2");
        assertThat(ifaces.get(2).scalar("error")).isEmpty();
        assertThat(ifaces.get(3).map("options")).containsEntry("dpdk-devargs", "net_nosuchdriver0");
    }

    @Test
    void theToolsFailureIsAToolMessage() {
        // ovs-vsctl prints the same line for every command when the database is not there; this one was taken with list
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("ovs-vsctl-show.txt", "ovs-vsctl show",
                TestData.text(CAP + "ovs-vsctl-list-open_vswitch.no-db.txt")));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).contains("database connection failed");
        });
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("x.txt", "ovs-vsctl show", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void anErrorCutShortIsLeftOutAndAStrangeLineReported() {
        Block real = TestData.block(CAP + "ovs-vsctl-show.txt");
        String error = real.line(11);
        assertThat(error).startsWith("                error: \"could not add");
        TestData.Parsed cut = TestData.parse(parser, TestData.withLine(real, 11, error.substring(0, error.length() - 12)));
        assertThat(cut.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(12);
            assertThat(d.message()).contains("string value without its closing quote");
        });
        assertThat(cut.all(OvsRecord.class)).hasSize(5);
        assertThat(cut.all(OvsRecord.class).get(1).columns()).containsOnlyKeys("name", "type", "options");

        TestData.Parsed odd = TestData.parse(parser, TestData.withLine(real, 9, "                type dpdk"));
        assertThat(odd.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(10);
            assertThat(d.message()).contains("expected a Bridge/Port/Interface line");
        });
        assertThat(odd.all(OvsRecord.class)).hasSize(5);
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ovs-vsctl show")).isEqualTo(95);
        assertThat(parser.nameScore("sudo ovs-vsctl -t 5 show | head")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-vsctl-show.d.guest.txt")).isEqualTo(85);
        assertThat(parser.nameScore("sos_commands/openvswitch/ovs-vsctl_-t_5_show")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-vsctl list Interface")).isZero();
        assertThat(parser.nameScore("ovs-appctl dpctl/show")).isZero();
        assertThat(parser.nameScore("ovs-appctl-dpctl-show.c.mtu9000.txt")).isZero();

        assertThat(parser.contentScore(TestData.block(F06 + "ovs-vsctl-show.d.guest.txt"))).isEqualTo(95);
        for (String other : List.of(F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt", F06 + "ovs-appctl-dpctl-show.c.mtu9000.txt",
                F06 + "other_config.a1.txt", F06 + "ovs-appctl-dpdk-get-malloc-stats.c.mtu1500.txt",
                "fixtures/08-healthy-baseline/ip-addr.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
    }
}
