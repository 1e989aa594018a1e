package dev.zena.realtime.auth;

import dev.zena.realtime.protocol.AccessRevocation;

/**
 * Why a token was refused; read by metrics and, through {@link #revocation()}, by the live re-checks to pick a
 * 4003 close reason. Never sent to a client as such: every failure has the same public message (SPEC §3,
 * {@code AUTH_INVALID}).
 */
public enum AuthFailure {
    /** Not a JWT at all, a payload that is not a JSON object, or a claim of the wrong type. */
    MALFORMED,
    /** The signature does not match the configured key. */
    BAD_SIGNATURE,
    /** The header names another algorithm than the configured one (including {@code none}) or none at all. */
    WRONG_ALGORITHM,
    /** {@code exp} is past, beyond the leeway. */
    EXPIRED,
    /** {@code nbf} is in the future, beyond the leeway. */
    NOT_YET_VALID,
    /** {@code iss} is missing or differs from the configured issuer. */
    WRONG_ISSUER,
    /** {@code aud} is missing or does not contain the configured audience. */
    WRONG_AUDIENCE,
    /** A required claim ({@code exp}, {@code sub}, {@code tenant_id}) is absent. */
    MISSING_CLAIM,
    /** No user has the token's {@code sub}. */
    UNKNOWN_USER,
    /** The user exists but is not active. */
    USER_DISABLED,
    /** The token's {@code tenant_id} is not the user's tenant. */
    TENANT_MISMATCH,
    /** The token's {@code jti} is revoked. */
    REVOKED,
    /** The user has {@code tokens_valid_after} and the token's {@code iat} is earlier or absent. */
    ISSUED_BEFORE_VALID_AFTER;

    /**
     * Called when a live {@code /ws} connection or admin feed is closed because its token failed this check: the
     * 4003 reason it closes with (SPEC §3), the one mapping from a failure to the reason text. A token accepted once
     * can only later fail {@link TokenValidator#failureOf} or reach its {@code exp}; the other failures are mapped
     * too, to {@code token_revoked}, so that the switch stays exhaustive.
     */
    public AccessRevocation revocation() {
        return switch (this) {
            case EXPIRED -> AccessRevocation.TOKEN_EXPIRED;
            case UNKNOWN_USER, TENANT_MISMATCH, USER_DISABLED -> AccessRevocation.USER_DISABLED;
            case REVOKED,
                    ISSUED_BEFORE_VALID_AFTER,
                    MALFORMED,
                    BAD_SIGNATURE,
                    WRONG_ALGORITHM,
                    NOT_YET_VALID,
                    WRONG_ISSUER,
                    WRONG_AUDIENCE,
                    MISSING_CLAIM -> AccessRevocation.TOKEN_REVOKED;
        };
    }
}
