package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZipfTest {

    @Test
    void probabilitiesFollowOneOverKAndSumToOne() {
        Zipf zipf = new Zipf(4, 1.0, 1);
        double h = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0;
        assertThat(zipf.probability(1)).isCloseTo(1 / h, within(1e-12));
        assertThat(zipf.probability(4)).isCloseTo(0.25 / h, within(1e-12));
        double sum = 0;
        for (int k = 1; k <= 4; k++) {
            sum += zipf.probability(k);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void exponentZeroIsUniform() {
        Zipf zipf = new Zipf(5, 0, 1);
        for (int k = 1; k <= 5; k++) {
            assertThat(zipf.probability(k)).isCloseTo(0.2, within(1e-12));
        }
    }

    @Test
    void rankForMapsUniformIntervalsToRanks() {
        Zipf zipf = new Zipf(2, 0, 1); // cumulative 0.5, 1.0
        assertThat(zipf.rankFor(0.0)).isEqualTo(1);
        assertThat(zipf.rankFor(0.49)).isEqualTo(1);
        assertThat(zipf.rankFor(0.5)).isEqualTo(2);
        assertThat(zipf.rankFor(0.999999)).isEqualTo(2);
    }

    @Test
    void samplesStayInRangeAndMatchTheDistribution() {
        int n = 1000;
        Zipf zipf = new Zipf(n, 1.0, 42);
        int[] hits = new int[n + 1];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            int k = zipf.next();
            assertThat(k).isBetween(1, n);
            hits[k]++;
        }
        assertThat(hits[1] / (double) draws).isCloseTo(zipf.probability(1), within(0.01));
        assertThat(hits[1]).isGreaterThan(hits[2]).isGreaterThan(hits[10]);
    }

    @Test
    void sameSeedSameSequence() {
        Zipf a = new Zipf(100, 1.2, 9);
        Zipf b = new Zipf(100, 1.2, 9);
        for (int i = 0; i < 100; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new Zipf(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Zipf(3, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
