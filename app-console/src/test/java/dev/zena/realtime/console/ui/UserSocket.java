package dev.zena.realtime.console.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A plain WebSocket client of {@code /ws}, as a browser would be: token at the handshake, messages collected. */
final class UserSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    volatile int closeCode = -1;
    private final WebSocket socket;

    UserSocket(URI server, String token) throws Exception {
        URI ws = URI.create("ws://" + server.getAuthority() + "/ws");
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(ws, new Listener())
                .get(10, TimeUnit.SECONDS);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void subscribe(String... channels) throws Exception {
        send(JSON.writeValueAsString(java.util.Map.of("type", "subscribe", "channels", List.of(channels))));
    }

    boolean hasReceived(String type) {
        return received.stream().anyMatch(m -> type.equals(m.path("type").asText()));
    }

    List<JsonNode> events() {
        return received.stream()
                .filter(m -> "event".equals(m.path("type").asText()))
                .toList();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(text.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }
    }
}
