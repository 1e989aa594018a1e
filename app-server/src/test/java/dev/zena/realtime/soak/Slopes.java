package dev.zena.realtime.soak;

import dev.zena.realtime.soak.ProcessGauge.Sample;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Least-squares slopes of a series of samples: how fast a figure grows, per minute of soak. */
final class Slopes {

    private Slopes() {}

    /** The slope of {@code figure} over {@code samples} (x = minutes), or 0 with fewer than two samples. */
    static double perMinute(List<Sample> samples, ToDoubleFunction<Sample> figure) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX =
                samples.stream().mapToDouble(s -> s.seconds() / 60).average().orElseThrow();
        double meanY = samples.stream().mapToDouble(figure).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (Sample sample : samples) {
            double dx = sample.seconds() / 60 - meanX;
            covariance += dx * (figure.applyAsDouble(sample) - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? 0 : covariance / variance;
    }
}
