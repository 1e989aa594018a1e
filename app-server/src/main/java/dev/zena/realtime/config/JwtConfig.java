package dev.zena.realtime.config;

import java.time.Duration;

/**
 * Token settings (SPEC §2). Exactly one algorithm is accepted: {@code HS256} with {@code secret} (at least 32
 * bytes) or {@code RS256} verifying with {@code publicKey} (and signing with {@code privateKey}, used only by the
 * {@code token} command and the admin API). Keys are PEM text. {@code issuer}/{@code audience} are null when not
 * configured.
 */
public record JwtConfig(
        String algorithm,
        String secret,
        String publicKey,
        String privateKey,
        String issuer,
        String audience,
        Duration leeway) {

    public static final String HS256 = "HS256";
    public static final String RS256 = "RS256";

    /** True when the configured algorithm has the key it needs to verify tokens. */
    public boolean hasVerificationKey() {
        return RS256.equals(algorithm)
                ? publicKey != null && !publicKey.isBlank()
                : secret != null && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32;
    }

    /** This configuration with another HS256 secret. */
    public JwtConfig withSecret(String newSecret) {
        return new JwtConfig(algorithm, newSecret, publicKey, privateKey, issuer, audience, leeway);
    }

    /** Masks the secret and the private key, so that logging a configuration never leaks them. */
    @Override
    public String toString() {
        return "JwtConfig[algorithm=" + algorithm + ", secret=" + ServerConfig.mask(secret) + ", publicKey="
                + (publicKey == null ? "null" : "<PEM>") + ", privateKey=" + ServerConfig.mask(privateKey)
                + ", issuer=" + issuer + ", audience=" + audience + ", leeway=" + leeway + "]";
    }
}
