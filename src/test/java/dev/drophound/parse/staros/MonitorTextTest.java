package dev.drophound.parse.staros;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.facts.LogTime;
import dev.drophound.testing.TestData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The date line under seed 000's banners (line 337) and zones substituted into it. */
class MonitorTextTest {

    private static final List<String> SEED = Block.splitLines(TestData.text(CloudMonitorDiNetworkParserTest.SEED));

    @Test
    void dateLineWithItsZone() {
        String line = SEED.get(336); // "Tuesday October 24 11:22:06 EDT 2023 "
        assertThat(MonitorText.date(line)).isEqualTo(new LogTime(null, Instant.parse("2023-10-24T15:22:06Z"),
                "Tuesday October 24 11:22:06 EDT 2023"));
        assertThat(MonitorText.date(line.replace("EDT", "EST")).wallClock()).isEqualTo(Instant.parse("2023-10-24T16:22:06Z"));
        assertThat(MonitorText.date(line.replace("EDT", "UTC")).wallClock()).isEqualTo(Instant.parse("2023-10-24T11:22:06Z"));
        // a zone not known: what was printed is kept, no instant guessed
        LogTime jst = MonitorText.date(line.replace("EDT", "JST"));
        assertThat(jst.wallClock()).isNull();
        assertThat(jst.asPrinted()).isEqualTo("Tuesday October 24 11:22:06 JST 2023");
    }

    @Test
    void otherLinesAreNotDates() {
        assertThat(MonitorText.date(SEED.get(335))).isNull(); // the banner
        assertThat(MonitorText.date(SEED.get(72))).isNull(); // a syslog line
        assertThat(MonitorText.banner(SEED.get(335))).isTrue();
        assertThat(MonitorText.elided(SEED.get(337))).isTrue();
        assertThat(MonitorText.elided(SEED.get(338))).isFalse();
    }
}
