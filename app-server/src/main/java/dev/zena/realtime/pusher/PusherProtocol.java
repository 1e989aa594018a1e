package dev.zena.realtime.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.handshake.UpgradeRequest;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.hub.Outbound;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.websocket.ClientSocket;
import dev.zena.realtime.websocket.SocketProtocol;
import dev.zena.realtime.websocket.WsProtocol;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pusher protocol 7 at {@code /app/{key}} (SPEC §12) for {@code pusher-js} and {@code laravel-echo}, over
 * {@code websocket.WsEndpoint}'s machinery: {@code pusher:connection_established}, ping/pong with an activity
 * timeout, subscribe/unsubscribe through {@link PusherChannelGate} (the §4 decision), client events refused.
 * Called on each connection's lane.
 */
public final class PusherProtocol implements SocketProtocol {

    /** The path prefix of the endpoint: {@code /app/{key}}. */
    public static final String PATH_PREFIX = "/app/";
    /** Seconds of quiet after which either side pings. */
    static final int ACTIVITY_TIMEOUT = 120;
    /** Seconds a ping waits for its pong before 4201. */
    static final int PONG_TIMEOUT = 30;

    static final int CLOSE_UNKNOWN_KEY = 4001;
    static final int CLOSE_OVER_QUOTA = 4004;
    static final int CLOSE_PROTOCOL = 4007;
    static final int CLOSE_UNAUTHORIZED = 4009;
    static final int CLOSE_OVER_CAPACITY = 4100;
    static final int CLOSE_RECONNECT = 4200;
    static final int CLOSE_PONG_MISSING = 4201;
    static final int ERROR_CLIENT_EVENT = 4301;
    static final int ERROR_ACCESS_LOST = 4009;

    private static final Logger LOG = LoggerFactory.getLogger(PusherProtocol.class);
    private static final Pattern SOCKET_ID = Pattern.compile("\\d{1,19}\\.\\d{1,19}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PING = ServerFrame.pusher("pusher:ping", null, "{}");
    private static final String PONG = ServerFrame.pusher("pusher:pong", null, "{}");

    private final String key;
    private final PusherChannelGate gate;
    private final PusherSubscriptions registry;
    private final SocketBindings bindings;
    private final WsProtocol.AuthGate caps;
    private final Hub hub;
    private final Metrics metrics;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, PusherOutbound> outbounds = new ConcurrentHashMap<>();
    private final Heartbeat heartbeat = new Heartbeat(
            false,
            Duration.ofSeconds(ACTIVITY_TIMEOUT),
            Duration.ofSeconds(ACTIVITY_TIMEOUT + PONG_TIMEOUT),
            socket -> socket.send(PING));

    /**
     * Built once per server; {@code key} is {@code pusher.key} (null when the Pusher app is not configured: every
     * socket closes with 4001), {@code caps} admits a socket's first user against the connection caps.
     */
    public PusherProtocol(
            String key,
            PusherChannelGate gate,
            PusherSubscriptions registry,
            SocketBindings bindings,
            WsProtocol.AuthGate caps,
            Hub hub,
            Metrics metrics) {
        this.key = key;
        this.gate = gate;
        this.registry = registry;
        this.bindings = bindings;
        this.caps = caps;
        this.hub = hub;
        this.metrics = metrics;
    }

    /** True for a {@code socket_id} of the form Pusher clients expect ({@code \d+\.\d+}). */
    public static boolean isSocketId(String text) {
        return text != null && SOCKET_ID.matcher(text).matches();
    }

    @Override
    public String name() {
        return Connection.PUSHER;
    }

    /** Pusher's {@code socket_id} form, two random numbers: the connection's id everywhere (admin API, logs). */
    @Override
    public String newConnectionId() {
        return (RANDOM.nextLong() >>> 4) % 1_000_000_000_000L + "." + (RANDOM.nextLong() >>> 4) % 1_000_000_000_000L;
    }

    @Override
    public Outbound outbound(String connectionId, ClientSocket socket) {
        PusherOutbound outbound = new PusherOutbound(socket, registry);
        outbounds.put(connectionId, outbound);
        return outbound;
    }

    /** 4001 for a key other than {@code pusher.key}, 4007 for a {@code protocol} other than 7. */
    @Override
    public int closeAtOpen(UpgradeRequest request) {
        String path = request.path();
        String given = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : "";
        if (key == null || !key.equals(given)) {
            return CLOSE_UNKNOWN_KEY;
        }
        return "7".equals(request.queryParam("protocol")) ? 0 : CLOSE_PROTOCOL;
    }

    @Override
    public void refusedAtOpen(Connection connection, int closeCode) {
        String message = closeCode == CLOSE_UNKNOWN_KEY
                ? "App key not in this cluster: use /app/{pusher.key}"
                : "Unsupported protocol version: use protocol=7";
        LOG.info(
                "pusher_denied stage=open conn={} remote={} code={}",
                connection.id(),
                connection.remoteAddress(),
                closeCode);
        error(connection, closeCode, message);
        connection.close(closeCode, message);
    }

    @Override
    public void opened(Connection connection, Principal handshakePrincipal) {
        if (handshakePrincipal != null) {
            bindings.bind(connection.id(), handshakePrincipal);
        }
        ObjectNode data =
                mapper.createObjectNode().put("socket_id", connection.id()).put("activity_timeout", ACTIVITY_TIMEOUT);
        connection.send(ServerFrame.pusher("pusher:connection_established", null, data.toString()));
    }

    @Override
    public void handle(Connection connection, String text) {
        if (text == null) {
            error(connection, null, "Binary frames are not supported: send JSON text");
            return;
        }
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (IOException e) {
            error(connection, null, "Invalid JSON");
            return;
        }
        if (message == null || !message.isObject()) {
            error(connection, null, "A message is a JSON object with an event");
            return;
        }
        String event = message.path("event").asText("");
        switch (event) {
            case "pusher:ping" -> connection.send(PONG);
            case "pusher:pong" -> {} // a sign of life, already counted
            case "pusher:subscribe" -> subscribe(connection, dataOf(message));
            case "pusher:unsubscribe" -> unsubscribe(connection, dataOf(message));
            default -> {
                if (event.startsWith("client-")) {
                    error(connection, ERROR_CLIENT_EVENT, "Client events are not enabled on this server");
                } else {
                    error(connection, null, "Unknown event: " + event);
                }
            }
        }
    }

    private void subscribe(Connection connection, JsonNode data) {
        String channel = data.path("channel").asText(null);
        PusherOutbound outbound = outbounds.get(connection.id());
        if (channel == null || outbound == null) {
            error(connection, null, "pusher:subscribe needs data.channel");
            return;
        }
        PusherChannelGate.Verdict verdict = gate.admit(
                connection,
                bindings.of(connection.id()).orElse(null),
                channel,
                data.path("auth").asText(null),
                data.path("channel_data").asText(null));
        if (verdict.status() == 200 && !connection.isAuthenticated()) {
            Optional<LimitExceeded> refused = caps.admit(connection, verdict.principal());
            if (refused.isPresent()) {
                metrics.limitRefused(refused.get().limit().tag());
                LOG.info(
                        "pusher_denied stage=subscribe conn={} user={} code={} limit={}",
                        connection.id(),
                        verdict.principal().userId(),
                        CLOSE_OVER_QUOTA,
                        refused.get().limit().tag());
                error(connection, CLOSE_OVER_QUOTA, "Connection limit reached");
                connection.close(dev.zena.realtime.protocol.CloseCode.CONNECTION_LIMIT.code(), "over quota");
                return;
            }
            connection.authenticate(verdict.principal());
            hub.authenticated(connection);
        }
        if (verdict.status() != 200) {
            metrics.subscriptionDenied(verdict.code());
            LOG.info(
                    "pusher_denied stage=subscribe conn={} channel={} status={}",
                    connection.id(),
                    dev.zena.realtime.log.LogText.of(channel),
                    verdict.status());
            ObjectNode error = mapper.createObjectNode()
                    .put("type", verdict.status() == 401 ? "AuthError" : "Error")
                    .put("error", verdict.message())
                    .put("status", verdict.status());
            connection.send(ServerFrame.pusher("pusher:subscription_error", channel, error.toString()));
            return;
        }
        gate.join(connection, outbound, verdict, channel);
    }

    private void unsubscribe(Connection connection, JsonNode data) {
        String channel = data.path("channel").asText(null);
        PusherOutbound outbound = outbounds.get(connection.id());
        if (channel != null && outbound != null) {
            gate.leave(connection, outbound, channel);
        }
    }

    @Override
    public void rateLimited(Connection connection, String text) {
        error(connection, null, LimitExceeded.RATE_LIMITED_MESSAGE);
    }

    @Override
    public void tooLarge(Connection connection, int limitBytes) {
        error(connection, null, "Message exceeds " + limitBytes + " bytes");
        connection.close(dev.zena.realtime.protocol.CloseCode.MESSAGE_TOO_BIG.code(), "message too large");
    }

    /** Pusher's activity timeout: a {@code pusher:ping} every 120 s, 4201 after 150 s without a client frame. */
    @Override
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    @Override
    public void closed(Connection connection) {
        PusherOutbound outbound = outbounds.remove(connection.id());
        if (outbound != null) {
            outbound.forgetAll();
        }
        bindings.forget(connection.id());
    }

    /** Sends {@code pusher:error} with {@code code} (nullable) and a message. */
    void error(Connection connection, Integer code, String message) {
        ObjectNode data = mapper.createObjectNode().put("message", message);
        if (code == null) {
            data.putNull("code");
        } else {
            data.put("code", code);
        }
        connection.send(ServerFrame.pusher("pusher:error", null, data.toString()));
    }

    /** pusher-js sends {@code data} as an object; some clients send it as a JSON string. */
    private JsonNode dataOf(JsonNode message) {
        JsonNode data = message.path("data");
        if (data.isTextual()) {
            try {
                JsonNode parsed = mapper.readTree(data.asText());
                return parsed == null ? mapper.createObjectNode() : parsed;
            } catch (IOException e) {
                return mapper.createObjectNode();
            }
        }
        return data;
    }
}
