package dev.zena.realtime.auth;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.config.JwtConfig;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The one algorithm the configuration pins, with its keys; built once by the validator and the issuer. */
final class ConfiguredAlgorithm {

    private ConfiguredAlgorithm() {}

    /** The configured algorithm name, {@code HS256} or {@code RS256}; HS256 when unset (SPEC §2 default). */
    static String name(JwtConfig config) {
        String configured = config.algorithm();
        String name = configured == null ? JwtConfig.HS256 : configured.strip().toUpperCase(Locale.ROOT);
        if (!name.equals(JwtConfig.HS256) && !name.equals(JwtConfig.RS256)) {
            throw new IllegalArgumentException("jwt.algorithm must be HS256 or RS256, not '" + configured + "'");
        }
        return name;
    }

    /** The verifying algorithm; fails fast when the configuration lacks the key. */
    static Algorithm verifying(JwtConfig config) {
        if (name(config).equals(JwtConfig.RS256)) {
            if (isBlank(config.publicKey())) {
                throw new IllegalStateException("RS256 needs a public key: set WEBSOCKET_JWT_PUBLIC_KEY (PEM or path)");
            }
            return Algorithm.RSA256(JwtKeys.publicKey(config.publicKey()), null);
        }
        return hmac(config)
                .orElseThrow(() -> new IllegalStateException(
                        "HS256 needs a secret of at least 32 bytes: set WEBSOCKET_JWT_SECRET"));
    }

    /** The signing algorithm, or empty when the configuration has no signing key. */
    static Optional<Algorithm> signing(JwtConfig config) {
        if (name(config).equals(JwtConfig.RS256)) {
            return isBlank(config.privateKey())
                    ? Optional.empty()
                    : Optional.of(Algorithm.RSA256(null, JwtKeys.privateKey(config.privateKey())));
        }
        return hmac(config);
    }

    private static Optional<Algorithm> hmac(JwtConfig config) {
        String secret = config.secret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            return Optional.empty();
        }
        return Optional.of(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
