package dev.zena.realtime.protocol;

import java.util.Optional;

/** Why a connection closed with {@link CloseCode#ACCESS_REVOKED} (4003); its {@link #reason()} is the close reason text. */
public enum AccessRevocation {
    TOKEN_EXPIRED("token_expired"),
    TOKEN_REVOKED("token_revoked"),
    USER_DISABLED("user_disabled");

    private final String reason;

    AccessRevocation(String reason) {
        this.reason = reason;
    }

    /** The close reason text sent with code 4003. */
    public String reason() {
        return reason;
    }

    /** Finds the constant for a received 4003 close reason; used by clients reading a close frame. */
    public static Optional<AccessRevocation> fromReason(String reason) {
        for (AccessRevocation candidate : values()) {
            if (candidate.reason.equals(reason)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
