package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.store.RevokedToken;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server configured for RS256 with issuer and audience: the algorithm is fixed by configuration (HS256 signed
 * with the public key is refused), iss/aud must match, revoked jti and "tokens valid after" apply.
 */
@Timeout(60)
class Rs256TokenRefusalTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static KeyPair keys;
    static String publicPem;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        publicPem = pem("PUBLIC KEY", keys.getPublic().getEncoded());
        server = TestServer.start(
                dir,
                Map.of(
                        "jwt.algorithm",
                        "RS256",
                        "jwt.public_key",
                        publicPem,
                        "jwt.private_key",
                        pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                        "jwt.issuer",
                        "zena-test",
                        "jwt.audience",
                        "zena-ws"),
                "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void acceptsAnRs256TokenWithTheConfiguredIssuerAndAudience() {
        assertThat(authenticate(server.token("acme-member")).path("type").asText())
                .isEqualTo("authentication");
        assertThat(authenticate(rs256(b -> b)).path("type").asText()).isEqualTo("authentication");
    }

    @Test
    void refusesHs256SignedWithThePublicKey() {
        String forged = claims(b -> b).sign(Algorithm.HMAC256(publicPem.getBytes(StandardCharsets.UTF_8)));
        assertRefused(forged);
    }

    @Test
    void refusesWrongIssuerOrAudience() {
        assertRefused(rs256(b -> b.withIssuer("someone-else")));
        assertRefused(rs256(b -> b.withAudience("another-service")));
    }

    @Test
    void refusesARevokedJti() {
        server.store().revoke(new RevokedToken("revoked-1", Instant.now().plusSeconds(3600)));
        assertRefused(rs256(b -> b.withJWTId("revoked-1")));
    }

    @Test
    void refusesATokenIssuedBeforeTokensValidAfter() {
        String old =
                rs256(b -> b.withSubject("acme-pm").withIssuedAt(Instant.now().minusSeconds(60)));
        server.store().setTokensValidAfter("acme-pm", Instant.now().minusSeconds(10));
        assertRefused(old);
    }

    private static void assertRefused(String token) {
        JsonNode reply = authenticate(token);
        assertThat(reply.path("code").asText()).isEqualTo("AUTH_INVALID");
        assertThat(reply.path("message").asText()).isEqualTo("Authentication failed: invalid or expired token");
    }

    private static JsonNode authenticate(String token) {
        try (WsClient client = server.client()) {
            return client.request("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}");
        }
    }

    private static String rs256(UnaryOperator<JWTCreator.Builder> edit) {
        return claims(edit).sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
    }

    private static JWTCreator.Builder claims(UnaryOperator<JWTCreator.Builder> edit) {
        Instant now = Instant.now();
        return edit.apply(JWT.create()
                .withSubject("acme-member")
                .withClaim("tenant_id", "acme")
                .withIssuer("zena-test")
                .withAudience("zena-ws")
                .withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(600))
                .withJWTId("j-" + System.nanoTime()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
