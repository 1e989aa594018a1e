package dev.zena.realtime.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Pusher protocol 7 client for tests, as pusher-js speaks it: connects to {@code /app/{key}}, reads
 * {@code connection_established}, asks {@code /broadcasting/auth} for an {@code auth} with a Bearer token and
 * subscribes with it.
 */
final class PusherClient implements AutoCloseable {

    static final String APP_ID = "zena-app";
    static final String KEY = "zena-key";
    static final String SECRET = "zena-pusher-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final WsClient ws;
    final String socketId;
    private final TestServer server;

    private PusherClient(TestServer server, WsClient ws, String socketId) {
        this.server = server;
        this.ws = ws;
        this.socketId = socketId;
    }

    /** Connected, {@code connection_established} read. */
    static PusherClient connect(TestServer server) throws Exception {
        WsClient ws = WsClient.connect(uri(server, KEY, "7"));
        JsonNode hello = ws.next();
        if (!"pusher:connection_established".equals(hello.path("event").asText())) {
            throw new AssertionError("expected connection_established, got " + hello);
        }
        String socketId =
                JSON.readTree(hello.path("data").asText()).path("socket_id").asText();
        return new PusherClient(server, ws, socketId);
    }

    static URI uri(TestServer server, String key, String protocol) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/app/" + key + "?protocol=" + protocol
                + "&client=js&version=8.4.0");
    }

    /** {@code POST /broadcasting/auth} as Echo sends it (a form), with {@code userId}'s Bearer token or none. */
    static HttpResponse<String> auth(TestServer server, String token, String socketId, String channel)
            throws Exception {
        String form = "socket_id=" + URLEncoder.encode(socketId, StandardCharsets.UTF_8) + "&channel_name="
                + URLEncoder.encode(channel, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.http("/broadcasting/auth"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Authorises {@code channel} for {@code userId} (expects 200) and subscribes; answers the server's reply. */
    JsonNode subscribeAs(String userId, String channel) throws Exception {
        HttpResponse<String> auth = auth(server, server.token(userId), socketId, channel);
        if (auth.statusCode() != 200) {
            throw new AssertionError("auth " + auth.statusCode() + " " + auth.body());
        }
        JsonNode body = JSON.readTree(auth.body());
        return subscribe(
                channel, body.path("auth").asText(), body.path("channel_data").asText(null));
    }

    /** Sends {@code pusher:subscribe} and answers the next frame. */
    JsonNode subscribe(String channel, String auth, String channelData) {
        ObjectNode data = JSON.createObjectNode().put("channel", channel);
        if (auth != null) {
            data.put("auth", auth);
        }
        if (channelData != null) {
            data.put("channel_data", channelData);
        }
        ObjectNode message = JSON.createObjectNode().put("event", "pusher:subscribe");
        message.set("data", data);
        ws.send(message.toString());
        return ws.next();
    }

    /** The next frame whose event is {@code event}, skipping others. */
    JsonNode nextEvent(String event) {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.equals(frame.path("event").asText())) {
                return frame;
            }
        }
        throw new AssertionError("no " + event + " within " + WsClient.WAIT);
    }

    /** Sends {@code pusher:ping} and asserts its {@code pusher:pong} is the next frame: nothing came before it. */
    void assertNothingBeforePong() {
        ws.send("{\"event\":\"pusher:ping\",\"data\":{}}");
        JsonNode next = ws.next();
        if (!"pusher:pong".equals(next.path("event").asText())) {
            throw new AssertionError("expected nothing before pusher:pong but got " + next);
        }
    }

    static JsonNode data(JsonNode frame) throws Exception {
        return JSON.readTree(frame.path("data").asText());
    }

    @Override
    public void close() {
        ws.close();
    }
}
