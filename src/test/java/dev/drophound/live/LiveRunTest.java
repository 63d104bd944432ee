package dev.drophound.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveRunTest {

    @Test
    void memoryIsSampledEverySecondUntilTheSampleCapThenSpread() {
        assertThat(LiveRun.memoryInterval(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(LiveRun.memoryInterval(Duration.ofMinutes(15))).isEqualTo(Duration.ofSeconds(1));
        // six hours: 900 samples, 24 s apart, so a long watch does not hold 21,600 slabinfo copies
        assertThat(LiveRun.memoryInterval(Duration.ofHours(6))).isEqualTo(Duration.ofSeconds(24));
    }
}
