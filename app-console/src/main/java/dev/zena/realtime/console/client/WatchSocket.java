package dev.zena.realtime.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The test client's socket: a real {@code /ws} connection authenticated at the handshake with a user's token, so
 * it receives exactly what that user's browser would. Every server message goes to the listener, in order, on a
 * client thread; a close arrives as a message of type {@code closed}.
 */
public final class WatchSocket implements AutoCloseable {

    private final WebSocket socket;

    private WatchSocket(WebSocket socket) {
        this.socket = socket;
    }

    /** A server message: its {@code type}, the parsed object and the raw text. */
    public record Message(String type, JsonNode json, String raw) {}

    static CompletableFuture<WatchSocket> open(HttpClient http, URI uri, String token, Consumer<Message> onMessage) {
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, new Listener(onMessage))
                .thenApply(WatchSocket::new);
    }

    static RuntimeException describeFailure(Throwable error) {
        Throwable cause = LinkTracker.unwrap(error);
        if (cause instanceof WebSocketHandshakeException refused) {
            int status = refused.getResponse().statusCode();
            Object body = refused.getResponse().body();
            return body instanceof String text && !text.isBlank()
                    ? AdminJson.error(status, text)
                    : new AdminApiException(status, null, "handshake refused", null);
        }
        return cause instanceof RuntimeException runtime
                ? runtime
                : new ServerUnreachableException("Cannot open /ws: " + cause.getMessage(), cause);
    }

    /**
     * Wraps a socket that is already open; {@link HttpAdminClient#openSocket} is the way to a server, this is for
     * a stand-in socket in tests.
     */
    public static WatchSocket over(WebSocket socket) {
        return new WatchSocket(socket);
    }

    /** Called to subscribe; the reply ({@code subscription}) arrives as a message. */
    public CompletableFuture<Void> subscribe(List<String> channels) {
        return subscribe(channels, Map.of(), false);
    }

    /**
     * Called to subscribe with recovery and presence (SPEC §9, §10): {@code since} holds the last position seen of
     * some of {@code channels} (an entry for another channel is left out, as the server would refuse it);
     * {@code presenceEvents} asks for joined/left messages. The reply ({@code subscription}, with {@code positions}
     * and, with {@code since}, {@code recovery}) and then any replayed events arrive as messages.
     */
    public CompletableFuture<Void> subscribe(
            List<String> channels, Map<String, ChannelPosition> since, boolean presenceEvents) {
        ObjectNode message = AdminJson.object().put("type", "subscribe");
        ArrayNode array = message.putArray("channels");
        channels.forEach(array::add);
        ObjectNode positions = AdminJson.object();
        since.forEach((channel, position) -> {
            if (channels.contains(channel)) {
                positions.putObject(channel).put("offset", position.offset()).put("epoch", position.epoch());
            }
        });
        if (!positions.isEmpty()) {
            message.set("since", positions);
        }
        if (presenceEvents) {
            message.put("presence_events", true);
        }
        return socket.sendText(AdminJson.write(message), true).thenApply(ws -> null);
    }

    /** True until the socket closed either way. */
    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    /** Closes with 1000; the listener then sees {@code closed}. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "console test client closed")
                    .orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(error -> {
                        socket.abort();
                        return null;
                    });
        } else {
            socket.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Consumer<Message> onMessage;
        private final StringBuilder text = new StringBuilder();

        Listener(Consumer<Message> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String raw = text.toString();
                text.setLength(0);
                JsonNode json;
                try {
                    json = AdminJson.parse(raw);
                } catch (IllegalArgumentException e) {
                    json = AdminJson.object();
                }
                onMessage.accept(new Message(json.path("type").asText("?"), json, raw));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ObjectNode closed = AdminJson.object()
                    .put("type", "closed")
                    .put("code", statusCode)
                    .put("reason", reason);
            onMessage.accept(new Message("closed", closed, AdminJson.write(closed)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ObjectNode closed = AdminJson.object()
                    .put("type", "closed")
                    .put("code", 1006)
                    .put("reason", String.valueOf(error.getMessage()));
            onMessage.accept(new Message("closed", closed, AdminJson.write(closed)));
        }
    }
}
