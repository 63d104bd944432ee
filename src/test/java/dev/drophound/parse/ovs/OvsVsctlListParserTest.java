package dev.drophound.parse.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.OvsRecord;
import dev.drophound.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OvsVsctlListParserTest {

    private static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    private static final String CAP = "captured/ovs/";
    /** The commands as captured/ovs/commands.log records them. */
    private static final String VSCTL = "timeout 30 ovs-vsctl --db=unix:/tmp/drophound-ovs-capture/run/db.sock --timeout=20 ";
    private final OvsVsctlListParser parser = new OvsVsctlListParser();

    @Test
    void interfaceRowAfterTheFailedMtuChange() {
        OvsRecord r = TestData.parseClean(parser, TestData.block(F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu9000.txt"))
                .one(OvsRecord.class);
        assertThat(r.table()).isEqualTo("Interface");
        assertThat(r.record()).isNull();
        assertThat(r.name()).contains("dpdk0");
        assertThat(r.columns()).hasSize(36);
        assertThat(r.scalar("mtu")).contains("1500");
        assertThat(r.scalar("mtu_request")).contains("9000");
        assertThat(r.scalar("error")).isEmpty();
        assertThat(r.scalar("link_state")).contains("down");
        assertThat(r.scalar("type")).contains("dpdk");
        assertThat(r.columns().get("ingress_policing_burst")).isEqualTo("0");
        assertThat(r.map("options")).containsEntry("dpdk-devargs", "net_null0,no-rx=1");
        assertThat(r.map("statistics")).containsEntry("rx_mbuf_allocation_errors", "0").hasSize(22);
        assertThat(r.map("status")).containsEntry("numa_id", "0").containsEntry("if_descr", "DPDK 22.11.11 net_null");
        assertThat(r.span().firstLine()).isEqualTo(1);
        assertThat(r.span().lastLine()).isEqualTo(36);
        assertThat(r.span().lines().get(27).text()).isEqualTo("mtu_request         : 9000");
    }

    @Test
    void vhostUserRowWithAGuestConnected() {
        OvsRecord r = TestData.parseClean(parser, TestData.block(F06 + "ovs-vsctl-list-interface-vhu0.d.guest.txt"))
                .one(OvsRecord.class);
        assertThat(r.name()).contains("vhu0");
        assertThat(r.scalar("type")).contains("dpdkvhostuser");
        assertThat(r.scalar("mtu")).contains("0");
        assertThat(r.map("status")).containsEntry("status", "connected").containsEntry("numa", "0")
                .containsEntry("socket", "/srv/lab/06-ovs-dpdk-memory/_scratch/run/vhu0");
        OvsRecord before = TestData.parseClean(parser,
                TestData.block(F06 + "ovs-vsctl-list-interface-vhu0.d.noguest.txt")).one(OvsRecord.class);
        assertThat(before.map("status")).containsEntry("status", "disconnected").hasSize(2);
    }

    @Test
    void severalRowsWithTheErrorColumn() {
        List<OvsRecord> rows = TestData.parseClean(parser,
                TestData.blockWithCommand(CAP + "ovs-vsctl-list-interface.txt", VSCTL + "list Interface"))
                .all(OvsRecord.class);
        assertThat(rows).extracting(r -> r.name().orElseThrow()).containsExactly("dpdk1", "dpdk3", "dhbr0", "dpdk2", "dpdk0");
        assertThat(rows).allSatisfy(r -> assertThat(r.table()).isEqualTo("Interface"));
        assertThat(rows.get(0).scalar("error"))
                .contains("'dpdk1' is missing 'options:dpdk-devargs'. The old 'dpdk<port_id>' names are not supported");
        assertThat(rows.get(0).scalar("ofport")).contains("-1");
        OvsRecord dpdk3 = rows.get(1);
        assertThat(dpdk3.scalar("error")).contains("could not add network device dpdk3 to ofproto (Invalid argument)");
        assertThat(dpdk3.scalar("mtu_request")).contains("9000");
        assertThat(dpdk3.scalar("mtu")).isEmpty();
        assertThat(dpdk3.span().firstLine()).isEqualTo(38);
        assertThat(dpdk3.span().lastLine()).isEqualTo(73);
        assertThat(rows.get(3).scalar("error")).contains("Error attaching device 'net_nosuchdriver0' to DPDK");
        assertThat(rows.get(4).map("options")).containsEntry("n_rxq", "2");
        assertThat(rows.get(4).scalar("error")).isEmpty();
    }

    @Test
    void openVswitchRowIsToldFromItsColumnsWhenNothingNamesTheTable() {
        OvsRecord running = TestData.parseClean(parser, Block.ofText("paste.txt",
                TestData.text(CAP + "ovs-vsctl-list-open_vswitch.txt"))).one(OvsRecord.class);
        assertThat(running.table()).isEqualTo("Open_vSwitch");
        assertThat(running.scalar("dpdk_initialized")).contains("true");
        assertThat(running.scalar("dpdk_version")).contains("DPDK 22.11.11");
        assertThat(running.scalar("ovs_version")).isEmpty();
        assertThat(running.map("other_config")).containsEntry("dpdk-socket-mem", "256")
                .containsEntry("dpdk-extra", "--no-pci --file-prefix=dhovs").containsEntry("pmd-cpu-mask", "0x2");
        assertThat(running.name()).isEmpty();
        assertThat(running.span().lines().get(12).number()).isEqualTo(13);

        OvsRecord before = TestData.parseClean(parser, TestData.block(CAP + "ovs-vsctl-list-open_vswitch.before-start.txt"))
                .one(OvsRecord.class);
        assertThat(before.table()).isEqualTo("Open_vSwitch");
        assertThat(before.scalar("dpdk_initialized")).contains("false");

        assertThat(TestData.parseClean(parser, Block.ofText("a.txt", TestData.text(CAP + "ovs-vsctl-list-bridge.txt")))
                .one(OvsRecord.class).table()).isEqualTo("Bridge");
        assertThat(TestData.parseClean(parser, Block.ofText("b.txt", TestData.text(CAP + "ovs-vsctl-list-port.txt")))
                .all(OvsRecord.class)).hasSize(5).allSatisfy(r -> assertThat(r.table()).isEqualTo("Port"));
    }

    @Test
    void tableFromTheCommandInAnyCaseAndFromSosreportNames() {
        String text = TestData.text(F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt");
        assertThat(TestData.parse(parser, Block.ofCommand("x.txt", "ovs-vsctl -t 5 list interface dpdk0", text))
                .one(OvsRecord.class).table()).isEqualTo("Interface");
        assertThat(TestData.parse(parser, Block.ofText("sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch",
                TestData.text(CAP + "ovs-vsctl-list-open_vswitch.txt"))).one(OvsRecord.class).table())
                .isEqualTo("Open_vSwitch");
    }

    @Test
    void selectedColumns() {
        List<OvsRecord> rows = TestData.parseClean(parser, TestData.blockWithCommand(
                CAP + "ovs-vsctl-columns-list-interface.txt",
                VSCTL + "--columns=name,type,mtu,mtu_request,error,link_state list Interface")).all(OvsRecord.class);
        assertThat(rows).hasSize(5).allSatisfy(r -> assertThat(r.columns().keySet())
                .containsExactly("name", "type", "mtu", "mtu_request", "error", "link_state"));
        assertThat(rows.get(1).scalar("error")).contains("could not add network device dpdk3 to ofproto (Invalid argument)");
        assertThat(rows.get(1).span().firstLine()).isEqualTo(8);
        // the same without command or file name: mtu_request and link_state are Interface columns
        assertThat(TestData.parse(parser, Block.ofText("c.txt", TestData.text(CAP + "ovs-vsctl-columns-list-interface.txt")))
                .all(OvsRecord.class)).allSatisfy(r -> assertThat(r.table()).isEqualTo("Interface"));
    }

    @Test
    void rowsOfAPasteThatLostItsBlankLinesAreSplitAtTheRepeatedColumn() {
        List<String> lines = new ArrayList<>(Block.splitLines(TestData.text(CAP + "ovs-vsctl-list-interface.txt")));
        assertThat(lines.get(36)).isEmpty();
        lines.remove(36);
        List<OvsRecord> rows = TestData.parseClean(parser, Block.ofText("paste.txt", String.join("\n", lines)))
                .all(OvsRecord.class);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1).name()).contains("dpdk3");
        assertThat(rows.get(1).span().firstLine()).isEqualTo(37);
    }

    @Test
    void noRowAndNoDatabaseAreToolMessages() {
        TestData.Parsed noRow = TestData.parse(parser,
                TestData.blockWithCommand(CAP + "ovs-vsctl-list-interface-dpdk9.txt", VSCTL + "list Interface dpdk9"));
        assertThat(noRow.facts()).isEmpty();
        assertThat(noRow.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).isEqualTo("ovs-vsctl-list: ovs-vsctl: no row \"dpdk9\" in table Interface");
        });
        TestData.Parsed noDb = TestData.parse(parser, TestData.block(CAP + "ovs-vsctl-list-open_vswitch.no-db.txt"));
        assertThat(noDb.facts()).isEmpty();
        assertThat(noDb.warnings()).isEmpty();
        assertThat(noDb.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("database connection failed (No such file or directory)"));
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("x.txt", "ovs-vsctl list Open_vSwitch", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void aValueCutShortIsLeftOutAndTheRowKept() {
        Block real = TestData.block(F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt");
        String stats = real.line(33);
        assertThat(stats).startsWith("statistics          : {");
        Block cut = TestData.withLine(real, 33, stats.substring(0, stats.length() - 20));
        TestData.Parsed parsed = TestData.parse(parser, cut);
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(34);
            assertThat(d.message()).contains("value without its closing }").contains("statistics left out");
        });
        OvsRecord r = parsed.one(OvsRecord.class);
        assertThat(r.columns()).hasSize(35).doesNotContainKey("statistics");
        assertThat(r.scalar("mtu")).contains("1500");
        assertThat(r.map("status")).containsEntry("driver_name", "net_null");
    }

    @Test
    void aLineThatIsNoColumnIsMalformed() {
        Block real = TestData.block(F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt");
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 26, "mtu x1z 1500"));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(27);
            assertThat(d.message()).contains("expected 'column : value'");
        });
        OvsRecord r = parsed.one(OvsRecord.class);
        assertThat(r.columns()).hasSize(35).doesNotContainKey("mtu");
        assertThat(r.name()).contains("dpdk0");
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ovs-vsctl list Open_vSwitch")).isEqualTo(95);
        assertThat(parser.nameScore("sudo ovs-vsctl --columns=name,mtu list Interface | less")).isEqualTo(95);
        assertThat(parser.nameScore(VSCTL + "list Interface dpdk0")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-vsctl -t 5 list interface")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt")).isEqualTo(85);
        assertThat(parser.nameScore("sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-vsctl get Open_vSwitch . other_config")).isZero();
        assertThat(parser.nameScore("ovs-vsctl --bare --columns=name list Interface")).isZero();
        assertThat(parser.nameScore("ovs-vsctl --format=csv list Interface")).isZero();
        assertThat(parser.nameScore("ovs-vsctl list-br")).isZero();
        assertThat(parser.nameScore("sos_commands/openvswitch/ovs-vsctl_-t_5_list-br")).isZero();
        assertThat(parser.nameScore("ovs-vsctl-show.d.guest.txt")).isZero();
        assertThat(parser.nameScore("ovs-vsctl-get-mtu.c.mtu9000.txt")).isZero();

        assertThat(parser.contentScore(TestData.block(F06 + "ovs-vsctl-list-interface-vhu0.d.guest.txt"))).isEqualTo(95);
        assertThat(parser.contentScore(TestData.block(CAP + "ovs-vsctl-columns-list-interface.txt"))).isEqualTo(85);
        assertThat(parser.startsOutput("_uuid               : bd0d4806-8feb-4d4c-b9b0-744c725838f7")).isTrue();
        assertThat(parser.startsOutput("name                : dpdk0")).isFalse();
        for (String other : List.of(F06 + "ovs-vsctl-show.d.guest.txt", F06 + "ovs-appctl-dpif-netdev-pmd-rxq-show.c.mtu9000.txt",
                F06 + "meminfo-huge.c.mtu9000.txt", F06 + "other_config.b.txt",
                F06 + "ovs-appctl-netdev-dpdk-get-mempool-info-dpdk0.c.mtu1500.txt",
                "fixtures/08-healthy-baseline/ethtool-g.eth0.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
    }
}
