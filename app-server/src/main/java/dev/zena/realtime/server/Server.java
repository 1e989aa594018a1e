package dev.zena.realtime.server;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.MemoryBroker;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.http.HttpServer;
import dev.zena.realtime.http.Services;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running server: wires store, auth, access, limits, hub, metrics and transport, and owns their threads.
 * Used by {@code serve}, by the console (embedded) and by the integration tests (port 0).
 */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final long SWEEP_MILLIS = 200;
    private static final int TICKS_PER_EVICTION = 5;
    /** Events kept per channel, and for how long (SPEC §9 defaults; settings of their own with recovery). */
    private static final int HISTORY_SIZE = 200;
    private static final java.time.Duration HISTORY_TTL = java.time.Duration.ofSeconds(600);

    private final Services services;
    private final HttpServer http;
    private final ScheduledExecutorService ticker;
    private final LiveRevocation revocation;
    private final Drain drain;
    private final AtomicBoolean isClosed = new AtomicBoolean();
    private int ticks;

    private Server(Services services, HttpServer http, ScheduledExecutorService ticker) {
        this.services = services;
        this.http = http;
        this.ticker = ticker;
        this.revocation = new LiveRevocation(services.store(), services.hub(), services.policy(),
                services.catalog(), services.codec(), services.clock());
        this.drain = new Drain(services.hub(), http, services.config().drainTimeout());
    }

    /** Starts a server on {@code config}'s address with an open store; the caller keeps ownership of the store. */
    public static Server start(ServerConfig config, Store store, Clock clock) {
        WireCodec codec = new WireCodec();
        ExecutorService workers = Executors.newFixedThreadPool(config.workers(), named("zena-worker"));
        ChannelCatalog catalog = new ChannelCatalog(config.channels());
        Hub hub = new Hub(codec);
        Metrics metrics = new Metrics(hub, clock, config.metricsTenantTags());
        Broker broker = new MemoryBroker(clock, HISTORY_SIZE, HISTORY_TTL);
        broker.attach((channel, stamp) -> metrics.timeFanOut(() -> hub.deliver(channel, stamp)));
        Services services = new Services(config, store, clock, codec,
                new TokenValidator(config.jwt(), store, clock), new AccessPolicy(store, catalog),
                catalog, hub, broker, workers, clock.instant(), Limits.of(config, clock), metrics,
                new MetricsTraffic(metrics.traffic()));
        HttpServer http = HttpServer.start(services);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("zena-ticker"));
        Server server = new Server(services, http, ticker);
        ticker.scheduleWithFixedDelay(server::tick, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("server_started host={} port={} workers={}", config.host(), http.port(), config.workers());
        return server;
    }

    /** The bound port. */
    public int port() {
        return http.port();
    }

    /** The live connections and fan-out of this server. */
    public Hub hub() {
        return services.hub();
    }

    /** The broker every event of this server is published through. */
    public Broker broker() {
        return services.broker();
    }

    /** The counters behind {@code /api/metrics/websocket} and {@code /metrics}. */
    public Metrics metrics() {
        return services.metrics();
    }

    /** The limits of SPEC §5 (the publish API takes its per-key rate from here). */
    public Limits limits() {
        return services.limits();
    }

    /** True once draining has started: readiness is 503 and handshakes are refused. */
    public boolean isDraining() {
        return http.isDraining();
    }

    private void tick() {
        try {
            http.sweep();
            revocation.poll();
            services.metrics().tick();
            if (++ticks % TICKS_PER_EVICTION == 0) {
                services.limits().evictIdle();
                services.broker().evictExpired();
            }
        } catch (RuntimeException e) {
            LOG.error("tick_failed", e);
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
        http.close();
        services.broker().close();
        services.workers().shutdown();
        try {
            services.workers().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.metrics().close();
        LOG.info("server_stopped");
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
