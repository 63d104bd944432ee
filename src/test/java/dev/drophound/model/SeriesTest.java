package dev.drophound.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.facts.SeriesKey;
import dev.drophound.facts.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counter arithmetic: plain growth, 32-bit wrap, reset, rate. */
class SeriesTest {

    private static final SeriesKey KEY = new SeriesKey("softnet", "cpu1", "dropped");
    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private static Series series(int bits, long... values) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Sample s = new Sample(i, "#" + i, T0.plusSeconds(10L * i), null, Sample.CAPTURE_TIME);
            points.add(new Point(s, values[i], Span.of("f", i + 1, Long.toString(values[i]))));
        }
        return new Series(KEY, "s", bits, points);
    }

    @Test
    void growthAndRateBetweenTwoSamples() {
        Change c = series(64, 198_215, 201_364).change();
        assertThat(c.kind()).isEqualTo(Change.Kind.DELTA);
        assertThat(c.increase()).isEqualTo(3149);
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.perSecond()).isEqualTo(314.9);
    }

    @Test
    void oneSampleIsCumulative() {
        Change c = series(64, 710_184).change();
        assertThat(c.kind()).isEqualTo(Change.Kind.CUMULATIVE);
        assertThat(c.increase()).isEqualTo(710_184);
        assertThat(c.perSecond()).isNull();
    }

    @Test
    void a32BitCounterThatGoesRoundIsCountedThroughTheWrap() {
        Change c = series(32, 0xFFFF_FF00L, 0x0000_0100L).change();
        assertThat(c.kind()).isEqualTo(Change.Kind.WRAPPED);
        assertThat(c.increase()).isEqualTo(0x200);
    }

    @Test
    void aSigned32BitValueIsReadAsUnsigned() {
        // StarOS prints total=-130952296: a 32-bit counter shown signed
        Change c = series(32, -130_952_396L, -130_952_296L).change();
        assertThat(c.kind()).isEqualTo(Change.Kind.DELTA);
        assertThat(c.increase()).isEqualTo(100);
    }

    @Test
    void aCounterThatGoesDownWasResetAndGrowthCountsFromTheReset() {
        Change c = series(64, 5000, 6000, 40).change();
        assertThat(c.kind()).isEqualTo(Change.Kind.RESET);
        assertThat(c.increase()).isEqualTo(1000 + 40);
    }
}
