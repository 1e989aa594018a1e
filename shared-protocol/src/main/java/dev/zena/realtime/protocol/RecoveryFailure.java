package dev.zena.realtime.protocol;

import java.util.Optional;

/**
 * Why a channel named in {@code subscribe.since} was not recovered (SPEC §9); the client then re-reads the REST twin
 * or the history endpoint. The wire form is {@link #wireName()}.
 */
public enum RecoveryFailure {
    /** The channel's history was lost since the client's position (a fresh broker, a flushed store, a restart). */
    EPOCH_CHANGED("epoch_changed"),
    /** Events after the client's offset are no longer kept (history size or TTL). */
    OFFSET_EXPIRED("offset_expired"),
    /** More events were missed than {@code history.recover_max} allows to replay. */
    TOO_MANY("too_many"),
    /** The history could not be read (e.g. the broker is unreachable). */
    HISTORY_UNAVAILABLE("history_unavailable");

    private final String wireName;

    RecoveryFailure(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code reason} text written on the wire, e.g. {@code "offset_expired"}. */
    public String wireName() {
        return wireName;
    }

    /** Finds the constant for a received {@code reason}; used by clients decoding a {@code subscription}. */
    public static Optional<RecoveryFailure> fromWireName(String wireName) {
        for (RecoveryFailure candidate : values()) {
            if (candidate.wireName.equals(wireName)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
