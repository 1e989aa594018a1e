package dev.zena.realtime.protocol;

import java.util.Objects;

/**
 * Where a channel's stream stands (SPEC §9): the {@code offset} of its last event (0 before any) and the {@code epoch}
 * of its history, an opaque text that changes only when that history is lost. JSON {@code {"offset":57,"epoch":"…"}}
 * in {@code subscribe.since} and {@code subscription.positions}.
 *
 * <p>The bounds are those a client may send back in {@code since}, so every position the server hands out can be
 * returned as it was: an offset a JavaScript number holds exactly, an epoch of at most 64 characters.
 */
public record StreamPosition(long offset, String epoch) {

    /** Highest offset on the wire, 2^53: above it a JavaScript client would round the number. */
    public static final long MAX_OFFSET = 1L << 53;

    /** Longest epoch, in Unicode code points (as for string ids). */
    public static final int MAX_EPOCH_LENGTH = 64;

    /** Checks the bounds so that a position built in code is always one a client may send back. */
    public StreamPosition {
        requireOffset(offset);
        requireEpoch(epoch);
    }

    /** True when {@code epoch} may be sent: 1 to {@value #MAX_EPOCH_LENGTH} code points; used by the decoders. */
    static boolean isValidEpoch(String epoch) {
        int length = epoch.length();
        if (length == 0) {
            return false;
        }
        // A code point takes at most two chars, so the exact count is only needed between the two bounds.
        return length <= MAX_EPOCH_LENGTH
                || length <= 2 * MAX_EPOCH_LENGTH && epoch.codePointCount(0, length) <= MAX_EPOCH_LENGTH;
    }

    /** Checks an offset carried outside a position (a resync's) against the same rule. */
    static long requireOffset(long offset) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be between 0 and 2^53");
        }
        return offset;
    }

    /** Checks an epoch carried outside a position (an event's, a resync's) against the same rule. */
    static String requireEpoch(String epoch) {
        Objects.requireNonNull(epoch, "epoch");
        if (!isValidEpoch(epoch)) {
            throw new IllegalArgumentException("epoch must be 1 to " + MAX_EPOCH_LENGTH + " characters");
        }
        return epoch;
    }
}
