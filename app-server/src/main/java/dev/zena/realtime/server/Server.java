package dev.zena.realtime.server;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.store.Store;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the parts {@link Wiring} built, and the threads that drive them (the ticker), live revocation
 * and the drain. Used by {@code serve}, by the console (embedded) and by the integration tests (port 0).
 */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final long SWEEP_MILLIS = 200;
    /**
     * How often the change feed is polled while the store wakes the revocation at each commit: only a safety net
     * then. PostgreSQL's listener wakes us at each NOTIFY and, should one be missed, at its own look at the log's
     * head every second; each poll here costs round trips to the database (two once the pool validates a connection
     * idle for over 500 ms) and four or five wake-ups of this thread.
     */
    static final long WATCHED_POLL_MILLIS = 5_000;
    /**
     * The longest the revocation thread sleeps while the store watches: it then asks whether it still does (no
     * round trip), so that polling every sweep resumes within a second of the store's watch being lost.
     */
    static final long WATCH_CHECK_MILLIS = 1_000;

    private static final int TICKS_PER_EVICTION = 5;
    /**
     * Users read in one query before the port opens (ADR 0036): the reconnect storm that follows a restart then
     * checks its tokens against memory. Half of what a store keeps between two commits, leaving room for the rows
     * the access decisions read.
     */
    static final int PRELOADED_USERS = 25_000;

    private final Wiring wiring;
    private final Store store;
    private final ScheduledExecutorService ticker;
    /** Live revocation's own thread: a store that stalls (a database outage) must not stall the ticker's sweeps. */
    private final ScheduledExecutorService revoker;

    private final AtomicBoolean isPollQueued = new AtomicBoolean();
    /** Written and read on the revocation thread only. */
    private boolean isPollFailing;
    /** When the feed was last polled (nanoTime); written and read on the revocation thread only. */
    private long lastPollNanos;

    private final Drain drain;
    private final AtomicBoolean isClosed = new AtomicBoolean();
    private int ticks;

    private Server(
            Wiring wiring,
            Store store,
            ScheduledExecutorService ticker,
            ScheduledExecutorService revoker,
            Drain drain) {
        this.wiring = wiring;
        this.store = store;
        // as if polled a watched interval ago: the first sweep polls, whatever nanoTime's origin
        this.lastPollNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(WATCHED_POLL_MILLIS);
        this.ticker = ticker;
        this.revoker = revoker;
        this.drain = drain;
    }

    /** Starts a server on {@code config}'s address with an open store; the caller keeps ownership of the store. */
    public static Server start(ServerConfig config, Store store, Clock clock) {
        long preloadStart = System.nanoTime();
        int preloaded = store.preloadUsers(PRELOADED_USERS);
        LOG.info("store_users_preloaded users={} millis={}", preloaded, (System.nanoTime() - preloadStart) / 1_000_000);
        Wiring wiring = Wiring.start(config, store, clock, metrics -> new MetricsTraffic(metrics.traffic()));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Wiring.named("zena-ticker"));
        ScheduledExecutorService revoker = Executors.newSingleThreadScheduledExecutor(Wiring.named("zena-revocation"));
        Server server = new Server(
                wiring, store, ticker, revoker, new Drain(wiring.hub(), wiring.health(), config.drainTimeout()));
        ticker.scheduleWithFixedDelay(server::tick, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        // The store's change feed is polled every sweep, and at once when the store says something committed
        // (PostgreSQL's NOTIFY, and then every WATCHED_POLL_MILLIS only; SQLite gives no wake-up and is polled only).
        revoker.schedule(server::sweepRevocation, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        store.onChange(server::wakeRevocation);
        LOG.info(
                "server_started host={} port={} workers={} broker={} node={}",
                config.host(),
                wiring.port(),
                config.workers(),
                config.cluster().broker().name().toLowerCase(java.util.Locale.ROOT),
                wiring.cluster().nodeId());
        return server;
    }

    /** The bound port. */
    public int port() {
        return wiring.port();
    }

    /** The live connections and fan-out of this server. */
    public Hub hub() {
        return wiring.hub();
    }

    /** The broker every event of this server is published through. */
    public Broker broker() {
        return wiring.broker();
    }

    /** The counters behind {@code /api/metrics/websocket} and {@code /metrics}. */
    public Metrics metrics() {
        return wiring.metrics();
    }

    /** The listener of Laravel's {@code redis} broadcaster (SPEC §12), null when {@code laravel.redis.url} is unset. */
    public dev.zena.realtime.pusher.LaravelRedisListener laravelRedis() {
        return wiring.laravelRedis();
    }

    /** The limits of SPEC §5 (the publish API takes its per-key rate from here). */
    public Limits limits() {
        return wiring.limits();
    }

    /** True once draining has started: readiness is 503 and handshakes are refused. */
    public boolean isDraining() {
        return wiring.health().isDraining();
    }

    private void tick() {
        try {
            wiring.sweep();
            wiring.metrics().tick();
            boolean isNewSecond = ++ticks % TICKS_PER_EVICTION == 0;
            wiring.announcer().tick(isNewSecond);
            if (isNewSecond) {
                wiring.cluster().tick(wiring.hub().connectionCount());
                wiring.limits().evictIdle();
                wiring.broker().evictExpired();
            }
        } catch (RuntimeException e) {
            LOG.error("tick_failed", e);
        }
    }

    /**
     * Every sweep: polls the feed, or, while the store wakes us at each commit, only every WATCHED_POLL_MILLIS; then
     * schedules the next sweep, which while the store watches is that poll's or at most WATCH_CHECK_MILLIS away.
     */
    private void sweepRevocation() {
        try {
            if (!store.isWatchingChanges() || millisSincePoll() >= WATCHED_POLL_MILLIS) {
                pollRevocation();
            }
        } finally {
            long next = store.isWatchingChanges()
                    ? Math.min(WATCH_CHECK_MILLIS, Math.max(SWEEP_MILLIS, WATCHED_POLL_MILLIS - millisSincePoll()))
                    : SWEEP_MILLIS;
            try {
                revoker.schedule(this::sweepRevocation, next, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shut down: the server is closing
            }
        }
    }

    private long millisSincePoll() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPollNanos);
    }

    private void pollRevocation() {
        isPollQueued.set(false);
        lastPollNanos = System.nanoTime();
        try {
            wiring.revocation().poll();
            if (isPollFailing) {
                isPollFailing = false;
                LOG.info("revocation_poll_recovered");
            }
        } catch (RuntimeException e) {
            if (!isPollFailing) {
                isPollFailing = true; // logged once per outage, not every 200 ms
                LOG.warn("revocation_poll_failed error={}", LogText.of(e.getMessage()));
            }
        }
    }

    /** Called on the store's thread after another commit: one more poll queued, however many wake-ups come. */
    private void wakeRevocation() {
        if (isPollQueued.compareAndSet(false, true) && !revoker.isShutdown()) {
            try {
                revoker.execute(this::pollRevocation);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                isPollQueued.set(false);
            }
        }
    }

    /**
     * Called at shutdown (or by an operator): readiness turns 503, new handshakes are refused with 503, and the
     * live connections are closed with 1001 in batches spread over {@code drain.timeout}; returns when every
     * connection has closed or the timeout has passed. Blocks the caller; calling it again does nothing.
     */
    public void drain() {
        drain.run();
    }

    /** Drains (see {@link #drain()}), then stops listening and stops the threads; the store stays open. */
    @Override
    public void close() {
        if (!isClosed.compareAndSet(false, true)) {
            return;
        }
        drain();
        ticker.shutdownNow();
        revoker.shutdownNow();
        wiring.close();
        LOG.info("server_stopped");
    }
}
