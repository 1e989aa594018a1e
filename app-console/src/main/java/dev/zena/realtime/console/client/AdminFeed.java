package dev.zena.realtime.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed socket, kept open: after a close or a failed handshake it reconnects with exponential backoff
 * (0.25 s doubling to 5 s; 15 s while the token is refused). A {@code hello} resets the backoff and marks the link
 * connected; listeners take it as the signal to reload what they show.
 */
final class AdminFeed {

    private static final Logger LOG = LoggerFactory.getLogger(AdminFeed.class);
    private static final long FIRST_DELAY_MS = 250;
    private static final long MAX_DELAY_MS = 5_000;
    private static final long REFUSED_DELAY_MS = 15_000;

    private final HttpClient http;
    private final URI uri;
    private final Supplier<String> token;
    private final ScheduledExecutorService scheduler;
    private final LinkTracker link;
    private final List<Consumer<FeedEvent>> listeners = new CopyOnWriteArrayList<>();
    private long delayMs = FIRST_DELAY_MS;
    private boolean isStarted;
    private volatile boolean isClosed;
    private volatile WebSocket socket;

    AdminFeed(HttpClient http, URI uri, Supplier<String> token, ScheduledExecutorService scheduler, LinkTracker link) {
        this.http = http;
        this.uri = uri;
        this.token = token;
        this.scheduler = scheduler;
        this.link = link;
    }

    void listen(Consumer<FeedEvent> listener) {
        listeners.add(listener);
    }

    synchronized void start() {
        if (!isStarted) {
            isStarted = true;
            scheduler.execute(this::connect);
        }
    }

    void close() {
        isClosed = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    private void connect() {
        if (isClosed) {
            return;
        }
        http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .header("Authorization", "Bearer " + token.get())
                .buildAsync(uri, new Listener())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        handshakeFailed(LinkTracker.unwrap(error));
                    } else {
                        socket = ws;
                    }
                });
    }

    private void handshakeFailed(Throwable error) {
        long delay;
        if (error instanceof WebSocketHandshakeException refused) {
            int status = refused.getResponse().statusCode();
            if (status == 401 || status == 403) {
                link.refused(status);
                delay = REFUSED_DELAY_MS;
            } else {
                link.unavailable("The server answered " + status + " for the admin feed — is this a Zena Realtime "
                        + "server with the admin API?");
                delay = MAX_DELAY_MS;
            }
        } else {
            link.failed(error);
            delay = nextDelay();
        }
        reconnectIn(delay);
    }

    private synchronized long nextDelay() {
        long current = delayMs;
        delayMs = Math.min(MAX_DELAY_MS, delayMs * 2);
        return current;
    }

    private synchronized void resetDelay() {
        delayMs = FIRST_DELAY_MS;
    }

    private void reconnectIn(long delay) {
        if (!isClosed && !scheduler.isShutdown()) {
            LOG.debug("feed_reconnect delay_ms={}", delay);
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void dispatch(String text) {
        FeedEvent event;
        try {
            JsonNode node = AdminJson.parse(text);
            event = AdminJson.feed(node);
        } catch (RuntimeException e) {
            LOG.warn("feed_unreadable length={}", text.length(), e);
            return;
        }
        if (event == null) {
            return;
        }
        if (event instanceof FeedEvent.Hello) {
            resetDelay();
            link.connected();
        }
        for (Consumer<FeedEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.error("feed_listener_failed type={}", event.getClass().getSimpleName(), e);
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                dispatch(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            socket = null;
            if (!isClosed) {
                link.unavailable("The server closed the admin feed (" + statusCode + ")");
                reconnectIn(nextDelay());
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            socket = null;
            if (!isClosed) {
                link.failed(new java.io.IOException("feed lost: " + error.getMessage(), error));
                reconnectIn(nextDelay());
            }
        }
    }
}
