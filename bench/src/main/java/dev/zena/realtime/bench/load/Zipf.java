package dev.zena.realtime.bench.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Zipf-distributed ranks 1..n: rank k is drawn with probability proportional to 1/k^s (s = 0: uniform). Inverse
 * transform over a precomputed cumulative table (binary search), seeded so that runs pick the same sequence. Pure;
 * not thread-safe (one per publishing thread).
 */
public final class Zipf {

    private final double[] cumulative;
    private final SplittableRandom random;

    public Zipf(int n, double exponent, long seed) {
        if (n < 1 || exponent < 0) {
            throw new IllegalArgumentException("n >= 1 and exponent >= 0 required");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        cumulative[n - 1] = 1.0;
        random = new SplittableRandom(seed);
    }

    /** The probability of rank {@code k} (1-based). */
    public double probability(int k) {
        return cumulative[k - 1] - (k == 1 ? 0 : cumulative[k - 2]);
    }

    /** The rank for a uniform {@code u} in [0, 1). */
    public int rankFor(double u) {
        int i = Arrays.binarySearch(cumulative, u);
        int index = i >= 0 ? i + 1 : -i - 1; // first cumulative strictly above u
        return Math.min(index, cumulative.length - 1) + 1;
    }

    /** Draws the next rank, 1..n. */
    public int next() {
        return rankFor(random.nextDouble());
    }

    public int size() {
        return cumulative.length;
    }
}
