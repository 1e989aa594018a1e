package dev.zena.realtime.limits;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** Drives bucket4j from the injected {@link Clock}, so that tests can move time instead of waiting for it. */
final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
