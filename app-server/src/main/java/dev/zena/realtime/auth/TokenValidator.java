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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one token check of SPEC §2, called by the REST API for every Bearer token and by the WebSocket for the
 * handshake and every {@code authenticate} message; its store half ({@link #failureOf}) is also what live
 * revocation and the admin feed re-check a token already accepted with. Thread-safe and reusable; build one per
 * configuration.
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
        // The token's tenant, which the check below makes equal to the user's.
        Principal principal = new Principal(
                user.id(),
                claims.tenantId(),
                user.name(),
                user.role(),
                claims.expiresAt(),
                claims.jti(),
                claims.issuedAt());
        Optional<AuthFailure> failure = failureOf(principal, user);
        if (failure.isPresent()) {
            throw new AuthException(failure.get());
        }
        return principal;
    }

    /**
     * The store half of SPEC §2, and the one rule for "does this token still hold for its user": called by
     * {@link #validate} for every token whose signature, times and claims passed, and by the live re-checks of
     * WebSocket connections and admin feeds, with the principal their token was validated into, whenever the store
     * changed. {@code current} is the store's record of the principal's user now, or null when it no longer exists.
     * Checks, in order: the user exists; the token's tenant is the user's; the user is active; the token's
     * {@code jti} is not revoked; when the user has {@code tokens_valid_after}, the token's {@code iat} is present
     * and not earlier, in whole seconds. {@code exp} is not looked at here: the handshake checks it with the leeway,
     * the live connections' ticker without. Returns the first failure, empty when every check passes
     * ({@link AuthFailure#revocation()} names the 4003 reason). Blocks while the store answers.
     */
    public Optional<AuthFailure> failureOf(Principal principal, User current) {
        if (current == null) {
            return Optional.of(AuthFailure.UNKNOWN_USER);
        }
        if (!current.tenantId().equals(principal.tenantId())) {
            return Optional.of(AuthFailure.TENANT_MISMATCH);
        }
        if (!current.isActive()) {
            return Optional.of(AuthFailure.USER_DISABLED);
        }
        if (principal.jti() != null && accounts.isRevoked(principal.jti())) {
            return Optional.of(AuthFailure.REVOKED);
        }
        var validAfter = current.tokensValidAfter();
        if (validAfter != null
                && (principal.issuedAt() == null
                        || principal.issuedAt().getEpochSecond() < validAfter.getEpochSecond())) {
            return Optional.of(AuthFailure.ISSUED_BEFORE_VALID_AFTER);
        }
        return Optional.empty();
    }

    private DecodedJWT decoded(String token) throws AuthException {
        if (token == null
                || token.length() > MAX_TOKEN_CHARS
                || !COMPACT_JWS.matcher(token).matches()) {
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
        String claim = e instanceof MissingClaimException missing
                ? missing.getClaimName()
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
        // SPEC §2 puts no bound on iat; only tokens_valid_after reads it (failureOf).
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
