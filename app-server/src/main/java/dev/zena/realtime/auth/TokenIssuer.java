package dev.zena.realtime.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.store.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs tokens the {@link TokenValidator} of the same configuration accepts; called by the {@code token} command,
 * {@code serve --demo} and {@code POST /api/v1/admin/tokens}. Thread-safe.
 */
public final class TokenIssuer {

    private final JwtConfig config;
    private final String algorithmName;
    private final Optional<Algorithm> algorithm;
    private final Clock clock;

    /** Called once when a component needs to sign; a malformed signing key fails here, a missing one on use. */
    public TokenIssuer(JwtConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.algorithmName = ConfiguredAlgorithm.name(config);
        this.algorithm = ConfiguredAlgorithm.signing(config);
    }

    /**
     * Called to sign a token for {@code user} valid for {@code ttl}: claims {@code sub}, {@code tenant_id},
     * {@code iat}, {@code exp}, a ULID {@code jti}, and {@code iss}/{@code aud} when configured.
     *
     * @throws IllegalStateException when the configuration has no signing key
     */
    public String issue(User user, Duration ttl) {
        Objects.requireNonNull(user, "user");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token ttl must be positive, not " + ttl);
        }
        Algorithm signer = algorithm.orElseThrow(this::missingKey);
        // Whole seconds: iat is compared with tokens_valid_after in whole seconds (SPEC §2).
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTCreator.Builder builder = JWT.create()
                .withSubject(user.id())
                .withClaim("tenant_id", user.tenantId())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .withJWTId(UlidCreator.getMonotonicUlid().toString());
        if (config.issuer() != null && !config.issuer().isBlank()) {
            builder.withIssuer(config.issuer());
        }
        if (config.audience() != null && !config.audience().isBlank()) {
            builder.withAudience(config.audience());
        }
        return builder.sign(signer);
    }

    private IllegalStateException missingKey() {
        return new IllegalStateException(
                algorithmName.equals(JwtConfig.RS256)
                        ? "Cannot sign tokens: RS256 needs WEBSOCKET_JWT_PRIVATE_KEY (PKCS#8 PEM or a path to one)"
                        : "Cannot sign tokens: HS256 needs WEBSOCKET_JWT_SECRET of at least 32 bytes");
    }
}
