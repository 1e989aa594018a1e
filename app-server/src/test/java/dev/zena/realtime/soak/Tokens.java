package dev.zena.realtime.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.store.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Tokens for the fixture's users, minted with the server's secret as the backend would. Thread-safe. */
final class Tokens {

    /** A token and the claims a revocation names. */
    record Token(String jwt, String jti, long exp) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenIssuer issuer;
    private final Map<String, User> users;

    Tokens(TokenIssuer issuer, Map<String, User> users) {
        this.issuer = issuer;
        this.users = Map.copyOf(users);
    }

    /** A token of {@code userId} valid for {@code ttl}, with its {@code jti} and {@code exp} read back. */
    Token issue(String userId, Duration ttl) {
        User user = users.get(userId);
        if (user == null) {
            throw new IllegalArgumentException("no user " + userId);
        }
        String jwt = issuer.issue(user, ttl);
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            return new Token(
                    jwt, claims.path("jti").asText(), claims.path("exp").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
