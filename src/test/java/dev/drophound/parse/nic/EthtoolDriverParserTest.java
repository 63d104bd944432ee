package dev.drophound.parse.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.facts.DriverInfo;
import dev.drophound.testing.TestData;
import org.junit.jupiter.api.Test;

class EthtoolDriverParserTest {

    private final EthtoolDriverParser parser = new EthtoolDriverParser();

    private DriverInfo info(Block block) {
        TestData.Parsed parsed = TestData.parse(parser, block);
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.one(DriverInfo.class);
    }

    @Test
    void virtioNet() {
        DriverInfo d = info(TestData.block("fixtures/08-healthy-baseline/ethtool-i.eth0.txt"));
        assertThat(d.iface()).isEqualTo("eth0");
        assertThat(d.driver()).isEqualTo("virtio_net");
        assertThat(d.version()).isEqualTo("1.0.0");
        assertThat(d.firmware()).isNull();
        assertThat(d.busInfo()).isEqualTo("0000:00:03.0");
        assertThat(d.span().firstLine()).isEqualTo(1);
        assertThat(d.span().lastLine()).isEqualTo(10);
        assertThat(d.span().lines().get(0).text()).isEqualTo("driver: virtio_net");
    }

    @Test
    void vethWithoutBusAndIfbWithKernelVersion() {
        DriverInfo veth = info(TestData.block("fixtures/04-qdisc-drops-veth/ethtool-i.v04a.txt"));
        assertThat(veth.iface()).isEqualTo("v04a");
        assertThat(veth.driver()).isEqualTo("veth");
        assertThat(veth.version()).isEqualTo("1.0");
        assertThat(veth.busInfo()).isNull();

        DriverInfo ifb = info(TestData.blockWithCommand("captured/ethtool/ethtool-i.ifb0.txt", "ethtool -i ifb0"));
        assertThat(ifb.iface()).isEqualTo("ifb0");
        assertThat(ifb.driver()).isEqualTo("ifb");
        assertThat(ifb.version()).isEqualTo("6.18.44-fc-v657");
    }

    @Test
    void noSuchDeviceIsAToolMessage() {
        TestData.Parsed parsed = TestData.parse(parser, TestData.block("captured/ethtool/ethtool-i.nosuchdev.txt"));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).isEqualTo("ethtool-i: Cannot get driver information: No such device");
        });
    }

    @Test
    void emptyInput() {
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ethtool-i.eth0.txt", ""));
        assertThat(parsed.facts()).isEmpty();
        assertThat(parsed.diagnostics()).isEmpty();
    }

    @Test
    void malformedLineIsReportedAndTheRestKept() {
        String text = TestData.text("fixtures/08-healthy-baseline/ethtool-i.eth0.txt")
                .replace("version: 1.0.0", "version 1.0.0");
        TestData.Parsed parsed = TestData.parse(parser, Block.ofText("ethtool-i.eth0.txt", text));
        assertThat(parsed.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("expected 'key: value'");
        });
        DriverInfo d = parsed.one(DriverInfo.class);
        assertThat(d.driver()).isEqualTo("virtio_net");
        assertThat(d.version()).isNull();
        assertThat(d.busInfo()).isEqualTo("0000:00:03.0");
    }

    @Test
    void scores() {
        assertThat(parser.nameScore("ethtool -i eth0")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ethtool --driver eth0")).isGreaterThanOrEqualTo(90);
        assertThat(parser.nameScore("ethtool-i.v04a.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sos_commands/networking/ethtool_-i_eth0")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ethtool -S eth0")).isZero();
        assertThat(parser.nameScore("ethtool-S.eth0.txt")).isZero();

        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/ethtool-i.eth0.txt"))).isGreaterThanOrEqualTo(90);
        assertThat(parser.startsOutput("driver: virtio_net")).isTrue();
        for (String other : new String[] {
                "fixtures/08-healthy-baseline/ethtool-S.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-g.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool-k.eth0.txt",
                "fixtures/08-healthy-baseline/ethtool.eth0.txt",
                "fixtures/08-healthy-baseline/lscpu.txt",
                "fixtures/08-healthy-baseline/os-release.txt"}) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isLessThan(30);
        }
    }
}
