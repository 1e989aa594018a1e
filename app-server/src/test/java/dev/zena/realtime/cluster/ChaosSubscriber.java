package dev.zena.realtime.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client of the chaos runs as SPEC §9/§11 expects one to behave: it authenticates, subscribes to its channel
 * and, whenever its connection ends (a node killed, drained or unreachable), reconnects to the next node of the
 * cluster and subscribes again with {@code since} = the last position it kept; a denied subscribe (Redis down)
 * is retried. Every message goes to its {@link ChaosLedger.Log}, which applies the client's dedup.
 */
final class ChaosSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final long RETRY_MS = 200;

    private final ChaosLedger.Log log;
    private final String token;
    private final String channel;
    private final Supplier<List<URI>> nodes;
    private final ScheduledExecutorService scheduler;
    private int next;
    private volatile WebSocket socket;
    private volatile boolean isClosing;
    private volatile boolean isSubscribed;

    ChaosSubscriber(
            ChaosLedger.Log log,
            String token,
            String channel,
            int first,
            Supplier<List<URI>> nodes,
            ScheduledExecutorService scheduler) {
        this.log = log;
        this.token = token;
        this.channel = channel;
        this.next = first;
        this.nodes = nodes;
        this.scheduler = scheduler;
    }

    /** True while the current connection holds the channel. */
    boolean isSubscribed() {
        return isSubscribed;
    }

    /** Opens the first connection; the subscription follows asynchronously. */
    void start() {
        connect();
    }

    private synchronized void connect() {
        if (isClosing) {
            return;
        }
        List<URI> live = nodes.get();
        if (live.isEmpty()) {
            retry(this::connect);
            return;
        }
        URI uri = live.get(Math.floorMod(next++, live.size()));
        HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .buildAsync(uri, new Listener())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        retry(this::connect); // the node is gone or not listening yet: try the next one
                    } else {
                        log.connected();
                        socket = ws;
                    }
                });
    }

    private void retry(Runnable action) {
        if (!isClosing) {
            scheduler.schedule(action, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void subscribe(Listener listener, WebSocket ws) {
        if (listener.isOver()) {
            return;
        }
        String since = log.since();
        send(
                listener,
                ws,
                "{\"type\":\"subscribe\",\"channels\":[\"" + channel + "\"]"
                        + (since == null ? "" : ",\"since\":" + since) + "}");
    }

    private void send(Listener listener, WebSocket ws, String text) {
        ws.sendText(text, true).exceptionally(error -> {
            ws.abort(); // the connection is gone: its listener reconnects, once
            listener.over();
            return null;
        });
    }

    private void handle(Listener listener, WebSocket ws, JsonNode message) {
        switch (message.path("type").asText()) {
            case "connection" -> send(listener, ws, "{\"type\":\"authenticate\",\"token\":\"" + token + "\"}");
            case "authentication" -> subscribe(listener, ws);
            case "subscription" -> subscribed(listener, ws, message);
            case "event" ->
                log.event(
                        message.path("channel").asText(),
                        message.path("data").path("tenant").asText(),
                        message.path("data").path("seq").asInt(),
                        message.path("offset").asLong(),
                        message.path("epoch").asText(),
                        message.path("recovered").asBoolean());
            case "resync" -> log.gap("resync " + message.path("reason").asText());
            case "error" -> { // e.g. authentication refused while the store restarts: start over
                ws.abort();
                listener.over();
            }
            default -> {}
        }
    }

    private void subscribed(Listener listener, WebSocket ws, JsonNode reply) {
        boolean isGranted = false;
        for (JsonNode granted : reply.path("granted")) {
            isGranted |= channel.equals(granted.asText());
        }
        if (!isGranted) {
            retry(() -> subscribe(listener, ws)); // 503 BROKER_UNAVAILABLE while Redis is away
            return;
        }
        isSubscribed = true;
        JsonNode recovery = reply.path("recovery").path(channel);
        if (!recovery.isMissingNode() && !recovery.path("recovered").asBoolean()) {
            log.gap("recovered:false " + recovery.path("reason").asText());
        }
    }

    /** One connection's listener; its end triggers exactly one reconnection. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private boolean isOver;

        synchronized boolean isOver() {
            return isOver;
        }

        synchronized void over() {
            if (!isOver) {
                isOver = true;
                isSubscribed = false;
                retry(ChaosSubscriber.this::connect);
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handle(this, webSocket, JSON.readTree(text));
                } catch (IOException e) {
                    throw new AssertionError("the server sent non-JSON: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            over();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            over();
        }
    }

    @Override
    public void close() {
        isClosing = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
