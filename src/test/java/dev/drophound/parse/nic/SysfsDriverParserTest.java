package dev.drophound.parse.nic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DriverInfo;
import dev.drophound.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SysfsDriverParserTest {

    private final SysfsDriverParser parser = new SysfsDriverParser();

    @ParameterizedTest
    @ValueSource(strings = {"captured/sysfs/ls-l-sys-class-net-device-driver.txt",
            "captured/sysfs/find-sys-class-net-device-driver.txt"})
    void driverIsTheLastElementOfTheLink(String file) {
        Block block = TestData.block(file);
        DriverInfo d = TestData.parseClean(parser, block).one(DriverInfo.class);
        assertThat(d.iface()).isEqualTo("eth0");
        assertThat(d.driver()).isEqualTo("virtio_net");
        assertThat(d.span().firstLine()).isEqualTo(1);
        assertThat(parser.contentScore(block)).isGreaterThanOrEqualTo(90);
    }

    @Test
    void virtualInterfaceHasNoDeviceAndLsSaysSo() {
        TestData.Parsed p = TestData.parse(parser, TestData.block("captured/sysfs/ls-l-sys-class-net-lo-device-driver.txt"));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("No such file"));
    }

    @Test
    void brokenLinkLineIsNamed() {
        Block real = TestData.block("captured/sysfs/find-sys-class-net-device-driver.txt");
        TestData.Parsed p = TestData.parse(parser, TestData.withLine(real, 0, real.line(0).replace(" -> ", " => ")));
        assertThat(p.facts()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(1));
    }

    @Test
    void emptyAndOtherFormats() {
        assertThat(TestData.parse(parser, Block.ofText("x", "")).facts()).isEmpty();
        assertThat(parser.nameScore("ls -l /sys/class/net/*/device/driver")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("sys-class-net-device-driver")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("ethtool -i eth0")).isZero();
        assertThat(parser.contentScore(TestData.block("fixtures/08-healthy-baseline/ethtool-i.eth0.txt"))).isZero();
        assertThat(parser.contentScore(TestData.block("captured/proc-fd/find-proc-fd-sockets.txt"))).isZero();
    }
}
