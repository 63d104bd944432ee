package dev.drophound.parse.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.OvsRecord;
import dev.drophound.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class OvsVsctlGetParserTest {

    private static final String F06 = "fixtures/06-ovs-dpdk-memory/";
    private static final String CAP = "captured/ovs/";
    /** The commands as the commands.log files record them. */
    private static final String VSCTL06 = "timeout 30 ovs-vsctl --db=unix:/srv/lab/06-ovs-dpdk-memory/_scratch/run/db.sock --timeout=20 ";
    private static final String VSCTL = "timeout 30 ovs-vsctl --db=unix:/tmp/drophound-ovs-capture/run/db.sock --timeout=20 ";
    private final OvsVsctlGetParser parser = new OvsVsctlGetParser();

    @Test
    void otherConfigMapAloneIsTheOpenVswitchRow() {
        // run.sh wrote `ovs-vsctl --no-wait get Open_vSwitch . other_config` into other_config.b.txt: no command known
        OvsRecord r = TestData.parseClean(parser, TestData.block(F06 + "other_config.b.txt")).one(OvsRecord.class);
        assertThat(r.table()).isEqualTo("Open_vSwitch");
        assertThat(r.columns()).containsOnlyKeys("other_config");
        assertThat(r.map("other_config")).containsEntry("dpdk-socket-mem", "2048").containsEntry("dpdk-init", "true")
                .containsEntry("dpdk-extra", "--no-pci --file-prefix=lab06").containsEntry("pmd-cpu-mask", "0x2");
        assertThat(r.record()).isNull();
        assertThat(r.span().where()).isEqualTo("other_config.b.txt line 1");

        OvsRecord legacy = TestData.parseClean(parser, TestData.block(F06 + "other_config.a2.txt")).one(OvsRecord.class);
        assertThat(legacy.map("other_config")).containsEntry("dpdk-extra", "--no-pci --file-prefix=lab06 --legacy-mem")
                .doesNotContainKey("dpdk-socket-mem");
    }

    @Test
    void severalColumnsOfOneInterface() {
        OvsRecord r = TestData.parseClean(parser, TestData.blockWithCommand(F06 + "ovs-vsctl-get-mtu.c.mtu9000.txt",
                VSCTL06 + "get Interface dpdk0 mtu mtu_request error link_state")).one(OvsRecord.class);
        assertThat(r.table()).isEqualTo("Interface");
        assertThat(r.record()).isEqualTo("dpdk0");
        assertThat(r.name()).contains("dpdk0");
        assertThat(r.columns()).containsExactly(java.util.Map.entry("mtu", "1500"), java.util.Map.entry("mtu_request", "9000"),
                java.util.Map.entry("error", "[]"), java.util.Map.entry("link_state", "down"));
        assertThat(r.scalar("error")).isEmpty();
        assertThat(r.span().firstLine()).isEqualTo(1);
        assertThat(r.span().lastLine()).isEqualTo(4);

        OvsRecord fixed = TestData.parseClean(parser, TestData.blockWithCommand(F06 + "ovs-vsctl-get-mtu.c2.mtu9000.txt",
                VSCTL06 + "get Interface dpdk0 mtu mtu_request error link_state")).one(OvsRecord.class);
        assertThat(fixed.scalar("mtu")).contains("9000");
        assertThat(fixed.scalar("link_state")).contains("up");
    }

    @Test
    void aFileNameNamingOneColumnGivesThatColumnAndReportsTheOtherValues() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block(F06 + "ovs-vsctl-get-mtu.c.mtu9000.txt"));
        OvsRecord r = parsed.one(OvsRecord.class);
        assertThat(r.table()).isEqualTo("Interface");
        assertThat(r.columns()).containsOnlyKeys("mtu");
        assertThat(r.scalar("mtu")).contains("1500");
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("more values than the 1 column(s)");
        });
    }

    @Test
    void scalarsOfTheOpenVswitchRow() {
        OvsRecord init = TestData.parseClean(parser, TestData.blockWithCommand(F06 + "ovs-vsctl-get-dpdk_initialized.a1.txt",
                VSCTL06 + "get Open_vSwitch . dpdk_initialized")).one(OvsRecord.class);
        assertThat(init.table()).isEqualTo("Open_vSwitch");
        assertThat(init.record()).isEqualTo(".");
        assertThat(init.name()).isEmpty();
        assertThat(init.scalar("dpdk_initialized")).contains("true");
        // the file name alone says the column, and the column the table
        OvsRecord byName = TestData.parseClean(parser, TestData.block(F06 + "ovs-vsctl-get-dpdk_initialized.a1.txt"))
                .one(OvsRecord.class);
        assertThat(byName.table()).isEqualTo("Open_vSwitch");
        assertThat(byName.scalar("dpdk_initialized")).contains("true");

        OvsRecord version = TestData.parseClean(parser, TestData.blockWithCommand(CAP + "ovs-vsctl-get-dpdk_version.txt",
                VSCTL + "get Open_vSwitch . dpdk_version")).one(OvsRecord.class);
        assertThat(version.columns()).containsEntry("dpdk_version", "\"DPDK 22.11.11\"");
        assertThat(version.scalar("dpdk_version")).contains("DPDK 22.11.11");
    }

    @Test
    void aMapKeyIsKeptUnderColumnColonKey() {
        OvsRecord r = TestData.parseClean(parser, TestData.blockWithCommand(CAP + "ovs-vsctl-get-other_config-pmd-cpu-mask.txt",
                VSCTL + "get Open_vSwitch . other_config:pmd-cpu-mask")).one(OvsRecord.class);
        assertThat(r.table()).isEqualTo("Open_vSwitch");
        assertThat(r.columns()).containsExactly(java.util.Map.entry("other_config:pmd-cpu-mask", "\"0x2\""));
        assertThat(r.scalar("other_config:pmd-cpu-mask")).contains("0x2");
    }

    @Test
    void interfaceErrorAndStatusByCommandAndByFileName() {
        OvsRecord error = TestData.parseClean(parser, TestData.blockWithCommand(CAP + "ovs-vsctl-get-interface-dpdk1-error.txt",
                VSCTL + "get Interface dpdk1 error")).one(OvsRecord.class);
        assertThat(error.name()).contains("dpdk1");
        assertThat(error.scalar("error"))
                .contains("'dpdk1' is missing 'options:dpdk-devargs'. The old 'dpdk<port_id>' names are not supported");
        OvsRecord status = TestData.parseClean(parser, TestData.block(CAP + "ovs-vsctl-get-interface-dpdk0-status.txt"))
                .one(OvsRecord.class);
        assertThat(status.table()).isEqualTo("Interface");
        assertThat(status.record()).isEqualTo("dpdk0");
        assertThat(status.map("status")).containsEntry("numa_id", "0").containsEntry("max_rx_pktlen", "1518");
        OvsRecord mtu = TestData.parseClean(parser, TestData.block(CAP + "ovs-vsctl-get-interface-dpdk0-mtu.txt"))
                .one(OvsRecord.class);
        assertThat(mtu.name()).contains("dpdk0");
        assertThat(mtu.scalar("mtu")).contains("1500");
        OvsRecord sos = TestData.parseClean(parser, Block.ofText("sos_commands/openvswitch/ovs-vsctl_-t_5_get_Open_vSwitch_._other_config",
                TestData.text(F06 + "other_config.a1.txt"))).one(OvsRecord.class);
        assertThat(sos.record()).isEqualTo(".");
        assertThat(sos.table()).isEqualTo("Open_vSwitch");
    }

    @Test
    void aPlainValueWithoutCommandIsNotClaimedNorGuessed() {
        Block bare = Block.ofText("x.txt", TestData.text(CAP + "ovs-vsctl-get-interface-dpdk0-mtu.txt"));
        assertThat(parser.contentScore(bare)).isZero();
        TestData.Parsed parsed = TestData.parse(parser, bare);
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("column is not known");
        });
        assertThat(parser.contentScore(Block.ofText("y.txt", TestData.text(F06 + "ovs-vsctl-get-dpdk_initialized.a1.txt"))))
                .isZero();
        // a map of another column: recognised as OVSDB, but not enough to claim it without a name
        assertThat(parser.contentScore(Block.ofText("z.txt", TestData.text(CAP + "ovs-vsctl-get-interface-dpdk0-status.txt"))))
                .isEqualTo(30);
    }

    @Test
    void noRowAndNoKeyAreToolMessages() {
        TestData.Parsed noRow = TestData.parse(parser, TestData.blockWithCommand(CAP + "ovs-vsctl-get-interface-dpdk9-mtu.txt",
                VSCTL + "get Interface dpdk9 mtu"));
        assertThat(noRow.facts()).isEmpty();
        assertThat(noRow.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.message()).isEqualTo("ovs-vsctl-get: ovs-vsctl: no row \"dpdk9\" in table Interface");
        });
        TestData.Parsed noKey = TestData.parse(parser, TestData.blockWithCommand(CAP + "ovs-vsctl-get-other_config-no-key.txt",
                VSCTL + "get Open_vSwitch . other_config:dpdk-lcore-mask"));
        assertThat(noKey.facts()).isEmpty();
        assertThat(noKey.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .contains("no key \"dpdk-lcore-mask\" in Open_vSwitch record \".\" column other_config"));
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofCommand("x.txt", "ovs-vsctl get Open_vSwitch . other_config", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void aValueCutShortIsMalformedAndTheOtherColumnsKept() {
        Block real = TestData.blockWithCommand(F06 + "ovs-vsctl-get-mtu.c.mtu9000.txt",
                VSCTL06 + "get Interface dpdk0 mtu mtu_request error link_state");
        TestData.Parsed parsed = TestData.parse(parser, TestData.withLine(real, 2, "["));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("value without its closing ]").contains("column error left out");
        });
        assertThat(parsed.one(OvsRecord.class).columns()).containsOnlyKeys("mtu", "mtu_request", "link_state");

        Block map = TestData.block(F06 + "other_config.b.txt");
        String line = map.line(0);
        TestData.Parsed cut = TestData.parse(parser, TestData.withLine(map, 0, line.substring(0, line.length() - 10)));
        assertThat(cut.facts()).isEmpty();
        assertThat(cut.warnings()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(1));
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ovs-vsctl get Open_vSwitch . other_config")).isEqualTo(95);
        assertThat(parser.nameScore(VSCTL06 + "get Open_vSwitch . dpdk_initialized")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-vsctl --if-exists get Interface dpdk0 mtu")).isEqualTo(95);
        assertThat(parser.nameScore("ovs-vsctl-get-mtu.c.mtu9000.txt")).isEqualTo(85);
        assertThat(parser.nameScore("sos_commands/openvswitch/ovs-vsctl_-t_5_get_Open_vSwitch_._other_config")).isEqualTo(85);
        assertThat(parser.nameScore("ovs-vsctl list Open_vSwitch")).isZero();
        assertThat(parser.nameScore("ovs-vsctl set Interface dpdk0 mtu_request=9000")).isZero();
        assertThat(parser.nameScore("ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt")).isZero();
        assertThat(parser.nameScore("other_config.b.txt")).isZero();

        assertThat(parser.contentScore(TestData.block(F06 + "other_config.a1.txt"))).isEqualTo(70);
        for (String other : List.of(F06 + "ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt", F06 + "ovs-vsctl-show.d.guest.txt",
                F06 + "sysctl-vm-nr_hugepages.after.txt", F06 + "ovs-appctl-memory-show.c.mtu1500.txt",
                "fixtures/07-dpdk-testpmd-memory/dpdk-version.txt", "fixtures/08-healthy-baseline/nproc.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
    }
}
