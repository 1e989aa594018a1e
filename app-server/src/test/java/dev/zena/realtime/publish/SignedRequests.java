package dev.zena.realtime.publish;

import dev.zena.realtime.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The backend's side of the publish API, written independently of the server's verifier. */
public final class SignedRequests {

    public static final String KEY = "backend-1";
    public static final String SECRET = "publish-secret-for-tests-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedRequests() {}

    /** Headers of a request signed now with the test key. */
    public static Map<String, String> signed(byte[] body) {
        return signed(KEY, SECRET, Instant.now().getEpochSecond(), body);
    }

    /** Headers of a request signed with any key, secret and timestamp. */
    public static Map<String, String> signed(String key, String secret, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Zena-Key", key);
        headers.put("X-Zena-Timestamp", Long.toString(timestamp));
        headers.put("X-Zena-Signature", hmac(secret, timestamp + "." + new String(body, StandardCharsets.UTF_8)));
        return headers;
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs {@code body} with {@code headers}; {@code chunked} sends it without a Content-Length. */
    public static HttpResponse<String> post(
            TestServer server, String path, byte[] body, Map<String, String> headers, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.http(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(publisher);
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> post(TestServer server, String path, byte[] body, Map<String, String> headers) {
        return post(server, path, body, headers, false);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
