package dev.zena.realtime.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zena.realtime.soak.ProcessGauge.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlopesTest {

    @Test
    void aFigureGrowingByTenEveryMinuteHasASlopeOfTenWhateverTheNoise() {
        List<Sample> samples = List.of(
                new Sample(0, 100, 0, 0, 0, 0, 0),
                new Sample(60, 112, 0, 0, 0, 0, 0),
                new Sample(120, 118, 0, 0, 0, 0, 0),
                new Sample(180, 132, 0, 0, 0, 0, 0));
        // least squares over (0,100) (1,112) (2,118) (3,132): 10.2 per minute
        assertThat(Slopes.perMinute(samples, Sample::rssKb)).isCloseTo(10.2, within(1e-9));
        assertThat(Slopes.perMinute(samples, Sample::fds)).isZero();
    }

    @Test
    void fewerThanTwoSamplesHaveNoSlope() {
        assertThat(Slopes.perMinute(List.of(new Sample(5, 1, 1, 1, 1, 1, 1)), Sample::rssKb))
                .isZero();
    }
}
