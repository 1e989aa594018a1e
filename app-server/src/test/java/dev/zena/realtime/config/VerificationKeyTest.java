package dev.zena.realtime.config;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationKeyTest {

    @Test
    void loadingNeedsNoKeyButServeDoes() throws ConfigException {
        ServerConfig config = ConfigLoader.load(null, Map.of(), Map.of());

        assertThatThrownBy(() -> ConfigLoader.requireVerificationKey(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jwt.secret (WEBSOCKET_JWT_SECRET): serve needs a secret of at least 32 bytes");
    }

    @Test
    void shortSecretIsRefusedWithoutBeingPrinted() throws ConfigException {
        ServerConfig config =
                ConfigLoader.load(null, Map.of("WEBSOCKET_JWT_SECRET", "short-secret-31-bytes-long-abcd"), Map.of());

        assertThatThrownBy(() -> ConfigLoader.requireVerificationKey(config))
                .hasMessageContaining("this one has 31")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void secretOf32BytesIsEnough() throws ConfigException {
        ServerConfig config = ConfigLoader.load(null, Map.of("WEBSOCKET_JWT_SECRET", "x".repeat(32)), Map.of());

        assertThatNoException().isThrownBy(() -> ConfigLoader.requireVerificationKey(config));
    }

    @Test
    void rs256NeedsAReadableRsaPublicKey() throws Exception {
        ServerConfig none = ConfigLoader.load(null, Map.of("WEBSOCKET_JWT_ALGORITHM", "RS256"), Map.of());
        assertThatThrownBy(() -> ConfigLoader.requireVerificationKey(none))
                .hasMessageStartingWith("jwt.public_key (WEBSOCKET_JWT_PUBLIC_KEY): serve needs an RSA public key");

        ServerConfig garbled = ConfigLoader.load(
                null,
                Map.of(
                        "WEBSOCKET_JWT_ALGORITHM",
                        "RS256",
                        "WEBSOCKET_JWT_PUBLIC_KEY",
                        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
                Map.of());
        assertThatThrownBy(() -> ConfigLoader.requireVerificationKey(garbled))
                .hasMessageStartingWith("jwt.public_key (WEBSOCKET_JWT_PUBLIC_KEY): is not a readable RSA public key");

        ServerConfig good = ConfigLoader.load(
                null, Map.of("WEBSOCKET_JWT_ALGORITHM", "RS256", "WEBSOCKET_JWT_PUBLIC_KEY", rsaPublicPem()), Map.of());
        assertThatNoException().isThrownBy(() -> ConfigLoader.requireVerificationKey(good));
    }

    private static String rsaPublicPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
