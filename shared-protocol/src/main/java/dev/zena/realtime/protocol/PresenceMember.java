package dev.zena.realtime.protocol;

import java.util.Objects;

/**
 * One user present in a channel, in {@link Presence#users()}: JSON {@code {"user_id","user_name","connections"}}.
 * Presence is per user: {@code connections} counts that user's connections holding the channel, cluster-wide.
 */
public record PresenceMember(String userId, String userName, int connections) {

    /** Rejects missing fields and a negative count. */
    public PresenceMember {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        if (connections < 0) {
            throw new IllegalArgumentException("connections must not be negative");
        }
    }
}
