package dev.zena.realtime.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a Pusher connection gets the {@code auth} of a private channel for its socket id. Against our server: its
 * own {@code POST /broadcasting/auth} with the connection's user's Bearer token (SPEC §12: the §4 decision, and
 * the socket bound to that user), as Laravel Echo's {@code authEndpoint} would. Against a peer that trusts whatever
 * the app signed (Soketi): signed here with the app secret, {@code key:} + hex HMAC-SHA256(secret, socket_id +
 * {@code ":"} + channel), as a Laravel app's own {@code /broadcasting/auth} does.
 */
abstract class PusherAuth {

    /** The {@code auth} string for {@code channel} on socket {@code socketId}, asked as {@code bearerToken}'s user. */
    abstract CompletableFuture<String> auth(String socketId, String channel, String bearerToken);

    /** {@code POST {baseUrl}/broadcasting/auth}, form-encoded as Echo sends it. */
    static PusherAuth endpoint(String baseUrl) {
        return new Endpoint(baseUrl);
    }

    /** Signs here with the app's key and secret. */
    static PusherAuth local(String key, String secret) {
        return new Local(key, secret);
    }

    private static final class Endpoint extends PusherAuth {

        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final URI uri;

        Endpoint(String baseUrl) {
            this.uri = URI.create(baseUrl + "/broadcasting/auth");
        }

        @Override
        CompletableFuture<String> auth(String socketId, String channel, String bearerToken) {
            String form = "socket_id=" + URLEncoder.encode(socketId, StandardCharsets.UTF_8) + "&channel_name="
                    + URLEncoder.encode(channel, StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + bearerToken)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "POST /broadcasting/auth answered " + response.statusCode() + ": " + response.body());
                }
                try {
                    JsonNode auth = MAPPER.readTree(response.body()).get("auth");
                    if (auth == null || !auth.isTextual()) {
                        throw new IllegalStateException("no auth in " + response.body());
                    }
                    return auth.asText();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("not JSON: " + response.body(), e);
                }
            });
        }
    }

    private static final class Local extends PusherAuth {

        private final String key;
        private final SecretKeySpec secret;

        Local(String key, String secret) {
            if (key == null || key.isEmpty() || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("a Pusher key and secret are needed to sign channel auth");
            }
            this.key = key;
            this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        }

        @Override
        CompletableFuture<String> auth(String socketId, String channel, String bearerToken) {
            return CompletableFuture.completedFuture(key + ":" + sign(socketId + ":" + channel));
        }

        private String sign(String text) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
