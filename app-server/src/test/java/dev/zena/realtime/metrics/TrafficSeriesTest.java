package dev.zena.realtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSeriesTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T23:59:50.500Z"));
    private final TrafficSeries series = new TrafficSeries(clock);

    @Test
    void perSecondIsTheMeanOverTheLastTenSecondsThisOneIncluded() {
        series.add("acme", TrafficKind.MESSAGES_IN, 30);
        clock.advance(Duration.ofSeconds(5));
        series.add("acme", TrafficKind.MESSAGES_IN, 20);
        assertThat(series.perSecond("acme", TrafficKind.MESSAGES_IN)).isEqualTo(5.0);
        clock.advance(Duration.ofSeconds(4));
        assertThat(series.perSecond("acme", TrafficKind.MESSAGES_IN)).isEqualTo(5.0);
        clock.advance(Duration.ofSeconds(1));
        assertThat(series.perSecond("acme", TrafficKind.MESSAGES_IN))
                .as("the first second left the window")
                .isEqualTo(2.0);
        clock.advance(Duration.ofSeconds(5));
        assertThat(series.perSecond("acme", TrafficKind.MESSAGES_IN)).isZero();
    }

    @Test
    void aTenantsTrafficCountsInTheWholeServerButNotInOtherTenants() {
        series.add("acme", TrafficKind.ERRORS, 2);
        series.add("globex", TrafficKind.ERRORS, 3);
        series.add(null, TrafficKind.ERRORS, 4);
        assertThat(series.today("acme", TrafficKind.ERRORS)).isEqualTo(2);
        assertThat(series.today("globex", TrafficKind.ERRORS)).isEqualTo(3);
        assertThat(series.today(null, TrafficKind.ERRORS)).isEqualTo(9);
        assertThat(series.today("initech", TrafficKind.ERRORS)).isZero();
    }

    @Test
    void todaysTotalsRestartAtMidnightUtc() {
        clock.advance(Duration.ofSeconds(5));
        series.add("acme", TrafficKind.DROPPED, 7);
        clock.advance(Duration.ofSeconds(4));
        assertThat(series.today("acme", TrafficKind.DROPPED)).isEqualTo(7);
        clock.advance(Duration.ofMillis(500));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(series.today("acme", TrafficKind.DROPPED)).isZero();
        assertThat(series.today(null, TrafficKind.DROPPED)).isZero();
        assertThat(series.perSecond("acme", TrafficKind.DROPPED))
                .as("the window crosses midnight")
                .isEqualTo(0.7);
        series.add("acme", TrafficKind.DROPPED, 1);
        assertThat(series.today("acme", TrafficKind.DROPPED)).isEqualTo(1);
    }

    @Test
    void pointsListEverySecondOldestFirstWithConnectionsCarriedForward() {
        series.sampleConnections(3, Map.of("acme", 2L));
        series.add("acme", TrafficKind.MESSAGES_IN, 4);
        series.add("acme", TrafficKind.MESSAGES_OUT, 5);
        clock.advance(Duration.ofSeconds(2));
        series.add("acme", TrafficKind.ERRORS, 1);
        List<TrafficPoint> points = series.points("acme", 3);
        long start = clock.instant().getEpochSecond() - 2;
        assertThat(points)
                .containsExactly(
                        new TrafficPoint(start, 4, 5, 0, 0, 2),
                        new TrafficPoint(start + 1, 0, 0, 0, 0, 2),
                        new TrafficPoint(start + 2, 0, 0, 1, 0, 2));
        assertThat(series.points(null, 1000)).hasSize(TrafficSeries.SECONDS);
    }

    @Test
    void aSlotIsReusedWhenItsSecondComesRoundAgain() {
        series.add("acme", TrafficKind.MESSAGES_IN, 9);
        clock.advance(Duration.ofSeconds(TrafficSeries.SECONDS));
        series.add("acme", TrafficKind.MESSAGES_IN, 1);
        assertThat(series.perSecond("acme", TrafficKind.MESSAGES_IN)).isEqualTo(0.1);
    }

    @Test
    void forgetsTenantsOnlyOnceIdleForAWholeRingAndFromAnEarlierDay() {
        series.add("acme", TrafficKind.MESSAGES_IN, 1);
        clock.advance(Duration.ofSeconds(TrafficSeries.SECONDS));
        series.evictIdle();
        assertThat(series.today("acme", TrafficKind.MESSAGES_IN))
                .as("next day but counted yesterday: gone")
                .isZero();
        clock.set(Instant.parse("2026-03-05T10:00:00Z"));
        series.add("globex", TrafficKind.MESSAGES_IN, 1);
        clock.advance(Duration.ofSeconds(TrafficSeries.SECONDS));
        series.evictIdle();
        assertThat(series.today("globex", TrafficKind.MESSAGES_IN))
                .as("same day: kept")
                .isEqualTo(1);
    }
}
