package dev.zena.realtime.bench.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Jetty 12's WebSocket client behind the {@link Transport} interface, kept to measure it against
 * {@link NioTransport} with the same scenarios ({@code --client jetty}). It binds no source address.
 */
public final class JettyTransport implements Transport {

    private final WebSocketClient client;

    /** Starts a Jetty client whose pool has at most {@code threads} threads. */
    public JettyTransport(int threads) {
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(threads, 4), 1);
        pool.setName("jetty-client");
        HttpClient http = new HttpClient();
        http.setExecutor(pool);
        http.setMaxConnectionsPerDestination(100_000);
        client = new WebSocketClient(http);
        client.setIdleTimeout(Duration.ZERO);
        client.setMaxTextMessageSize(NioLoop.READ_BUFFER);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty WebSocket client did not start", e);
        }
    }

    @Override
    public void connect(
            InetSocketAddress target, InetSocketAddress source, String pathAndQuery, LinkListener listener) {
        URI uri = URI.create("ws://" + target.getHostString() + ":" + target.getPort() + pathAndQuery);
        Endpoint endpoint = new Endpoint(listener);
        try {
            client.connect(endpoint, uri, new ClientUpgradeRequest()).whenComplete((session, failure) -> {
                if (failure != null) {
                    listener.closed(null, -1, "connect failed: " + failure);
                }
            });
        } catch (Exception e) {
            listener.closed(null, -1, "connect failed: " + e);
        }
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    /** One connection: Jetty calls it, it calls the scenario's listener. Public: Jetty binds its methods reflectively. */
    public static final class Endpoint implements Session.Listener.AutoDemanding, Link {

        private final LinkListener listener;
        private volatile Session session;

        public Endpoint(LinkListener listener) {
            this.listener = listener;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            this.session = opened;
            listener.opened(this);
        }

        @Override
        public void onWebSocketText(String message) {
            listener.text(this, message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            listener.closed(this, statusCode, reason);
        }

        @Override
        public void send(String text) {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.sendText(text, Callback.NOOP);
            }
        }

        @Override
        public void close() {
            Session s = session;
            if (s != null) {
                s.close(1000, "closed by the generator", Callback.NOOP);
            }
        }
    }
}
