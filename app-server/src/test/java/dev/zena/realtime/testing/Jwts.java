package dev.zena.realtime.testing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** Hand-made tokens for refusal tests: valid shapes with one thing wrong. */
public final class Jwts {

    private Jwts() {}

    /** A token with standard claims for a user of a tenant, customised, signed HS256 with {@code secret}. */
    public static String hs256(String secret, String userId, String tenantId, UnaryOperator<JWTCreator.Builder> edit) {
        Instant now = Instant.now();
        JWTCreator.Builder builder = JWT.create()
                .withSubject(userId)
                .withClaim("tenant_id", tenantId)
                .withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(3600))
                .withJWTId("jti-" + System.nanoTime());
        return edit.apply(builder).sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** An unsigned token ({@code alg: none}) with the given JSON payload. */
    public static String none(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The token with one character of its payload changed (signature left as it was). */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        char[] payload = parts[1].toCharArray();
        int i = payload.length / 2;
        payload[i] = payload[i] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }
}
