package dev.zena.realtime.auth;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The claims the server reads from a token whose signature and times were verified; types are checked here so
 * that a well-signed but odd token is still refused with {@link AuthFailure#MALFORMED}, never an exception.
 */
record TokenClaims(String userId, String tenantId, Instant expiresAt, String jti, Instant issuedAt) {

    /** Ids of SPEC §1; a claim outside it cannot name a stored user or tenant, so the store is not asked. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Largest integer a double holds exactly; a float-typed id beyond it would not read back as written. */
    private static final BigDecimal MAX_EXACT_DOUBLE = BigDecimal.valueOf(1L << 53);

    /** Called by the validator after {@code JWTVerifier#verify} has accepted the token. */
    static TokenClaims from(DecodedJWT jwt) throws AuthException {
        Instant expiresAt = instant(jwt.getClaim("exp"));
        if (expiresAt == null) {
            throw new AuthException(AuthFailure.MISSING_CLAIM);
        }
        instant(jwt.getClaim("nbf"));
        return new TokenClaims(
                id(jwt.getClaim("sub")),
                id(jwt.getClaim("tenant_id")),
                expiresAt,
                string(jwt.getClaim("jti")),
                instant(jwt.getClaim("iat")));
    }

    /** A string id, or an integral number read as its decimal string (SPEC §2). */
    private static String id(Claim claim) throws AuthException {
        Object value = value(claim);
        if (value == null) {
            throw new AuthException(AuthFailure.MISSING_CLAIM);
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof BigDecimal) {
            BigDecimal number = new BigDecimal(value.toString());
            if (number.abs().compareTo(MAX_EXACT_DOUBLE) <= 0
                    && number.stripTrailingZeros().scale() <= 0) {
                return number.toBigIntegerExact().toString();
            }
        }
        throw new AuthException(AuthFailure.MALFORMED);
    }

    /** A NumericDate claim, or null when absent or JSON null. */
    private static Instant instant(Claim claim) throws AuthException {
        Object value = value(claim);
        if (value == null) {
            return null;
        }
        Instant instant = value instanceof Number ? claim.asInstant() : null;
        if (instant == null) {
            throw new AuthException(AuthFailure.MALFORMED);
        }
        return instant;
    }

    private static String string(Claim claim) throws AuthException {
        Object value = value(claim);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new AuthException(AuthFailure.MALFORMED);
    }

    private static Object value(Claim claim) throws AuthException {
        if (claim == null || claim.isMissing() || claim.isNull()) {
            return null;
        }
        try {
            return claim.as(Object.class);
        } catch (RuntimeException e) {
            throw new AuthException(AuthFailure.MALFORMED);
        }
    }
}
