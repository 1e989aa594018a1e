package dev.zena.realtime.bench.load;

/**
 * Checks one channel's offsets as one connection receives them. An offset above the highest seen is new (the
 * offsets skipped on the way are gaps until they arrive); one at or below it is either a late arrival filling a
 * gap (reordered) or one already seen (a duplicate), told apart by a 64-offset window. Not thread-safe.
 */
public final class OffsetTrack {

    /** What one received offset was. */
    public enum Outcome {
        NEW,
        REORDERED,
        DUPLICATE
    }

    private long highest = -1;
    private long seen; // bit k set: offset (highest - k) was received
    private long distinct;
    private long openGaps;
    private long duplicates;
    private long reordered;

    /** Records one received offset. */
    public Outcome accept(long offset) {
        if (offset > highest) {
            long shift = highest < 0 ? 64 : offset - highest;
            if (highest >= 0) {
                openGaps += shift - 1;
            }
            seen = shift >= 64 ? 1 : (seen << shift) | 1;
            highest = offset;
            distinct++;
            return Outcome.NEW;
        }
        long k = highest - offset;
        if (k < 64 && (seen & (1L << k)) != 0) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        if (k < 64) {
            seen |= 1L << k;
        }
        openGaps = Math.max(0, openGaps - 1);
        distinct++;
        reordered++;
        return Outcome.REORDERED;
    }

    /** Offsets received once or more. */
    public long distinct() {
        return distinct;
    }

    /** Offsets received again. */
    public long duplicates() {
        return duplicates;
    }

    /** Offsets received after a higher one. */
    public long reordered() {
        return reordered;
    }

    /** Offsets skipped and not (yet) received. */
    public long openGaps() {
        return openGaps;
    }
}
