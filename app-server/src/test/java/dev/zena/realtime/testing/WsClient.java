package dev.zena.realtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client for tests (JDK HttpClient): collects whole text messages, records the close, and
 * waits with deadlines. The JDK client answers pings by itself once it reads them, so a silent client is made
 * by {@link #silence()} (stop reading) and brought back by {@link #resume()}.
 */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final java.util.concurrent.atomic.AtomicLong SENTINELS =
            new java.util.concurrent.atomic.AtomicLong();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean isSilenced;

    private WsClient() {}

    /** Opens {@code uri} with optional handshake headers; throws when the upgrade is refused. */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client.new Listener())
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return client;
    }

    /** Opens {@code uri} without extra headers. */
    public static WsClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /** Sends one text message. */
    public WsClient send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends one binary message. */
    public WsClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return this;
    }

    /** The next text message as JSON, waiting at most {@link #WAIT}; fails the test when none arrives. */
    public JsonNode next() {
        return next(WAIT);
    }

    /** The next text message as JSON, waiting at most {@code wait}. */
    public JsonNode next(Duration wait) {
        try {
            String text = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("no message within " + wait);
            }
            return JSON.readTree(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.io.IOException e) {
            throw new AssertionError("server sent non-JSON", e);
        }
    }

    /** The next text message as JSON, or null when none arrives within {@code wait} (a reader's loop). */
    public JsonNode poll(Duration wait) {
        try {
            String text = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return text == null ? null : JSON.readTree(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.io.IOException e) {
            throw new AssertionError("server sent non-JSON", e);
        }
    }

    /** The next message whose {@code type} is {@code type}, skipping others. */
    public JsonNode nextOfType(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.equals(message.path("type").asText())) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " message within " + WAIT);
    }

    /** Sends a message and returns the next reply. */
    public JsonNode request(String text) {
        send(text);
        return next();
    }

    /** True when no message arrives within {@code wait}. */
    /**
     * Sends a ping and asserts that its pong is the next message: nothing the test forbade arrived before it (a
     * sentinel, not a quiet window: the server answers a connection's messages in order, and an event delivered
     * before the ping was queued before the pong).
     */
    public void assertNothingBeforeSentinel() {
        String id = "sentinel-" + SENTINELS.incrementAndGet();
        send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
        JsonNode next = next();
        if (!"pong".equals(next.path("type").asText())
                || !id.equals(next.path("id").asText())) {
            throw new AssertionError("expected nothing before the sentinel pong " + id + " but got " + next);
        }
    }

    /** Messages received and not yet read. */
    public List<String> drain() {
        List<String> out = new java.util.ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    /** The close code the server sent, waiting at most {@code wait}. */
    public int awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS)[0];
        } catch (Exception e) {
            throw new AssertionError("not closed within " + wait, e);
        }
    }

    /** The close reason the server sent (after {@link #awaitClose}). */
    public String closeReason() {
        return closeReason.getNow(null);
    }

    /** True once the server closed the connection. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Stops requesting frames: the client neither reads nor answers pings from now on. */
    public void silence() {
        isSilenced = true;
    }

    /** Reads again after {@link #silence()}: pending frames (pings, the server's close) are processed. */
    public void resume() {
        isSilenced = false;
        socket.request(1);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            requestMore(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            requestMore(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason.complete(reason);
            closed.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason.complete("error: " + error);
            closed.complete(new int[] {-1});
        }

        private void requestMore(WebSocket webSocket) {
            if (!isSilenced) {
                webSocket.request(1);
            }
        }
    }
}
