package dev.zena.realtime.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.store.Accounts;
import dev.zena.realtime.store.User;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one token check of SPEC §2, called by the REST API for every Bearer token and by the WebSocket for the
 * handshake and every {@code authenticate} message. Thread-safe and reusable; build one per configuration.
 */
public final class TokenValidator {

    /** Real tokens are a few hundred bytes; anything this long is refused before any parsing. */
    static final int MAX_TOKEN_CHARS = 8192;

    private static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(5);
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final String algorithm;
    private final JWTVerifier verifier;
    private final Accounts accounts;

    /** Called once at start-up; fails with a clear message when the configuration has no usable key. */
    public TokenValidator(JwtConfig config, Accounts accounts, Clock clock) {
        Objects.requireNonNull(config, "config");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.algorithm = ConfiguredAlgorithm.name(config);
        this.verifier = verifier(config, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Called for every token presented; returns who it speaks for or throws the one typed refusal. Blocks only
     * while the store answers; a store failure is not a token problem and propagates as its own exception.
     */
    public Principal validate(String token) throws AuthException {
        TokenClaims claims = TokenClaims.from(verified(decoded(token)));
        if (!TokenClaims.ID.matcher(claims.userId()).matches()) {
            throw new AuthException(AuthFailure.UNKNOWN_USER);
        }
        User user = accounts.user(claims.userId()).orElseThrow(() -> new AuthException(AuthFailure.UNKNOWN_USER));
        checkUser(user, claims);
        return new Principal(user.id(), user.tenantId(), user.name(), user.role(), claims.expiresAt(), claims.jti(),
                claims.issuedAt());
    }

    private DecodedJWT decoded(String token) throws AuthException {
        if (token == null || token.length() > MAX_TOKEN_CHARS || !COMPACT_JWS.matcher(token).matches()) {
            throw new AuthException(AuthFailure.MALFORMED);
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token);
        } catch (RuntimeException e) {
            throw new AuthException(AuthFailure.MALFORMED);
        }
        // Checked before the verifier so that no other algorithm's code path ever sees the token.
        if (!algorithm.equals(jwt.getAlgorithm())) {
            throw new AuthException(AuthFailure.WRONG_ALGORITHM);
        }
        return jwt;
    }

    private DecodedJWT verified(DecodedJWT jwt) throws AuthException {
        try {
            return verifier.verify(jwt);
        } catch (JWTVerificationException e) {
            throw new AuthException(reasonFor(e));
        } catch (RuntimeException e) {
            throw new AuthException(AuthFailure.MALFORMED);
        }
    }

    private void checkUser(User user, TokenClaims claims) throws AuthException {
        if (!user.tenantId().equals(claims.tenantId())) {
            throw new AuthException(AuthFailure.TENANT_MISMATCH);
        }
        if (!user.isActive()) {
            throw new AuthException(AuthFailure.USER_DISABLED);
        }
        if (claims.jti() != null && accounts.isRevoked(claims.jti())) {
            throw new AuthException(AuthFailure.REVOKED);
        }
        var validAfter = user.tokensValidAfter();
        if (validAfter != null && (claims.issuedAt() == null
                || claims.issuedAt().getEpochSecond() < validAfter.getEpochSecond())) {
            throw new AuthException(AuthFailure.ISSUED_BEFORE_VALID_AFTER);
        }
    }

    private static AuthFailure reasonFor(JWTVerificationException e) {
        if (e instanceof AlgorithmMismatchException) {
            return AuthFailure.WRONG_ALGORITHM;
        }
        if (e instanceof SignatureVerificationException) {
            return AuthFailure.BAD_SIGNATURE;
        }
        if (e instanceof TokenExpiredException) {
            return AuthFailure.EXPIRED;
        }
        String claim = e instanceof MissingClaimException missing ? missing.getClaimName()
                : e instanceof IncorrectClaimException incorrect ? incorrect.getClaimName() : "";
        return switch (String.valueOf(claim)) {
            case "iss" -> AuthFailure.WRONG_ISSUER;
            case "aud" -> AuthFailure.WRONG_AUDIENCE;
            case "nbf" -> AuthFailure.NOT_YET_VALID;
            case "exp" -> e instanceof MissingClaimException ? AuthFailure.MISSING_CLAIM : AuthFailure.EXPIRED;
            default -> e instanceof MissingClaimException ? AuthFailure.MISSING_CLAIM : AuthFailure.MALFORMED;
        };
    }

    private static JWTVerifier verifier(JwtConfig config, Clock clock) {
        Duration leeway = config.leeway() == null ? DEFAULT_LEEWAY : config.leeway();
        var verification = (JWTVerifier.BaseVerification) JWT.require(ConfiguredAlgorithm.verifying(config));
        verification.acceptLeeway(leeway.toSeconds());
        verification.withClaimPresence("exp");
        // SPEC §2 puts no bound on iat; only tokens_valid_after reads it (checkUser).
        verification.ignoreIssuedAt();
        if (config.issuer() != null && !config.issuer().isBlank()) {
            verification.withIssuer(config.issuer());
        }
        if (config.audience() != null && !config.audience().isBlank()) {
            verification.withAnyOfAudience(config.audience());
        }
        return verification.build(clock);
    }
}
