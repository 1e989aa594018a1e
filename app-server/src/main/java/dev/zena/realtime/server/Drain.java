package dev.zena.realtime.server;

import dev.zena.realtime.http.Health;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.CloseCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown: stop admitting, then close the live connections with 1001 in batches, one batch every
 * {@value #STEP_MILLIS} ms over the first {@value #SPREAD_PERCENT}% of the drain time, so clients reconnecting
 * elsewhere arrive spread out rather than all at once; then wait for the close handshakes until the drain time
 * is up. Batches hold at least one connection, so a server with few connections finishes early.
 */
final class Drain {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    static final long STEP_MILLIS = 100;
    static final int SPREAD_PERCENT = 80;

    private final Hub hub;
    private final Health health;
    private final Duration timeout;
    private final AtomicBoolean hasRun = new AtomicBoolean();

    Drain(Hub hub, Health health, Duration timeout) {
        this.hub = hub;
        this.health = health;
        this.timeout = timeout;
    }

    /**
     * How many connections each batch closes: all of them spread over {@link #SPREAD_PERCENT}% of the drain time,
     * one batch every {@link #STEP_MILLIS} ms, at least one per batch.
     */
    static int batchSize(int connections, Duration timeout) {
        int steps = (int) Math.max(1, timeout.toMillis() * SPREAD_PERCENT / 100 / STEP_MILLIS);
        return Math.max(1, (connections + steps - 1) / steps);
    }

    /** Called once by {@code Server.drain()}; later calls return at once. */
    void run() {
        if (!hasRun.compareAndSet(false, true)) {
            return;
        }
        health.startDraining();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Connection> live = new ArrayList<>(hub.connections());
        LOG.info("server_draining connections={} timeout_ms={}", live.size(), timeout.toMillis());
        int batch = batchSize(live.size(), timeout);
        try {
            for (int from = 0; from < live.size(); from += batch) {
                if (from > 0) {
                    Thread.sleep(STEP_MILLIS);
                }
                for (Connection c : live.subList(from, Math.min(live.size(), from + batch))) {
                    c.close(CloseCode.GOING_AWAY.code(), CloseCode.GOING_AWAY.reason());
                }
            }
            while (!hub.connections().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("server_drained remaining={}", hub.connections().size());
    }
}
