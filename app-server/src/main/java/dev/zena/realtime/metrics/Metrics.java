package dev.zena.realtime.metrics;

import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.hub.HubListener;
import dev.zena.realtime.protocol.CloseCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's counters, fed by the hub (opens, closes, deliveries) and by the transport (frames, errors, drops,
 * refusals), kept twice: in {@link TrafficSeries} for the JSON endpoint and the admin series, and in a Micrometer
 * registry scraped as Prometheus text. Every method is quick and never blocks; thread-safe.
 */
public final class Metrics implements HubListener, AutoCloseable {

    private final Hub hub;
    private final Clock clock;
    private final TrafficSeries traffic;
    private final TenantTags tenantTags;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** The second last sampled by {@link #tick()}; touched by the ticker only. */
    private long lastSampledSecond = Long.MIN_VALUE;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer fanOut;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Built once per server; registers itself as a hub listener. {@code tenantTagLimit}: see {@link TenantTags}. */
    public Metrics(Hub hub, Clock clock, int tenantTagLimit) {
        this(hub, clock, tenantTagLimit, null);
    }

    /**
     * Built once per server of a cluster: every meter carries the label {@code node} (SPEC §11: {@code /metrics} is
     * per node, so that a scrape of several nodes tells them apart); {@code nodeId} null: no such label.
     */
    public Metrics(Hub hub, Clock clock, int tenantTagLimit, String nodeId) {
        if (nodeId != null) {
            registry.config().commonTags("node", nodeId);
        }
        this.hub = hub;
        this.clock = clock;
        this.traffic = new TrafficSeries(clock);
        this.tenantTags = new TenantTags(tenantTagLimit);
        this.fanOut = Timer.builder("zena.fanout.latency")
                .description("Time to encode an event and queue it to every subscriber")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("zena.connections", hub, h -> h.connections().size())
                .description("Live WebSocket connections")
                .register(registry);
        Gauge.builder(
                        "zena.connections.authenticated",
                        hub,
                        h -> h.connections().stream()
                                .filter(Connection::isAuthenticated)
                                .count())
                .description("Live authenticated WebSocket connections")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        hub.addListener(this);
    }

    /** The per-second series and today's totals. */
    public TrafficSeries traffic() {
        return traffic;
    }

    /** Called for every client frame received (text or binary), before any check. */
    public void frameReceived(String tenantId) {
        traffic.add(tenantId, TrafficKind.MESSAGES_IN, 1);
        count("zena.messages.in", "tenant", tenantTags.of(tenantId));
    }

    /** Called for every {@code error} reply sent to a connection. */
    public void errorReplied(String tenantId, String code) {
        traffic.add(tenantId, TrafficKind.ERRORS, 1);
        count("zena.errors", "tenant", tenantTags.of(tenantId), "code", code, "source", "message");
    }

    /** Called for every handshake refused before the upgrade ({@code code}: the error body's code). */
    public void handshakeRefused(String code) {
        traffic.add(null, TrafficKind.ERRORS, 1);
        count("zena.errors", "tenant", TenantTags.NONE, "code", code, "source", "handshake");
    }

    /** Called for frames refused by a rate limit, or messages lost to a full send queue. */
    public void dropped(String tenantId, DropCause cause, long n) {
        traffic.add(tenantId, TrafficKind.DROPPED, n);
        counter("zena.dropped", "tenant", tenantTags.of(tenantId), "cause", cause.tag())
                .increment(n);
    }

    /**
     * Called for every message of Laravel's {@code redis} broadcaster (SPEC §12) with what became of it:
     * {@code received}, then {@code delivered}, {@code unmapped} or {@code malformed}.
     */
    public void laravelRedisMessage(String outcome) {
        count("zena.laravel.redis.messages", "outcome", outcome);
    }

    /** Called for every refusal by a limit of SPEC §5 ({@code limit}: the limit's tag). */
    public void limitRefused(String limit) {
        count("zena.rate_limit.refusals", "limit", limit);
    }

    /** Called for every refused token (handshake, {@code authenticate}, REST) with the refusal's reason. */
    public void authFailed(String reason) {
        count("zena.auth.failures", "reason", reason);
    }

    /** Called for every channel denied in a {@code subscription} reply. */
    public void subscriptionDenied(String code) {
        count("zena.subscriptions.denied", "code", code);
    }

    /** Runs one fan-out (publish to the hub), timing it. */
    public <T> T timeFanOut(Supplier<T> publish) {
        return fanOut.record(publish);
    }

    @Override
    public void delivered(String tenantId, int count) {
        traffic.add(tenantId, TrafficKind.MESSAGES_OUT, count);
        counter("zena.messages.out", "tenant", tenantTags.of(tenantId)).increment(count);
    }

    @Override
    public void closed(Connection connection, int closeCode) {
        String code = CloseCode.fromCode(closeCode)
                .map(c -> Integer.toString(c.code()))
                .orElse(closeCode == 1000 || closeCode == 1006 ? Integer.toString(closeCode) : "other");
        count("zena.connections.closed", "code", code);
    }

    /**
     * Called every tick: once a second (the series keeps one sample a second), samples live connections into the
     * traffic series and forgets idle tenants. Counting per tenant visits every connection, so not at every tick.
     */
    public void tick() {
        long second = clock.instant().getEpochSecond();
        if (second == lastSampledSecond) {
            return;
        }
        lastSampledSecond = second;
        Map<String, Long> perTenant = authenticatedPerTenant();
        traffic.sampleConnections(hub.connectionCount(), perTenant);
        traffic.evictIdle();
    }

    /** The figures of {@code GET /api/metrics/websocket}: the whole server (tenant null) or one tenant. */
    public WebSocketFigures figures(String tenantId) {
        Map<String, Long> perTenant = authenticatedPerTenant();
        long total = hub.connectionCount();
        if (tenantId != null) {
            long own = perTenant.getOrDefault(tenantId, 0L);
            perTenant = Map.of(tenantId, own);
            total = own;
        }
        return new WebSocketFigures(
                total,
                perTenant,
                rate(tenantId, TrafficKind.MESSAGES_IN, TrafficKind.MESSAGES_OUT),
                rate(tenantId, TrafficKind.ERRORS),
                rate(tenantId, TrafficKind.DROPPED),
                clock.instant());
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Called when the server stops: releases the JVM listeners. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private WebSocketFigures.Rate rate(String tenantId, TrafficKind... kinds) {
        double perSecond = 0;
        long today = 0;
        for (TrafficKind kind : kinds) {
            perSecond += traffic.perSecond(tenantId, kind);
            today += traffic.today(tenantId, kind);
        }
        return new WebSocketFigures.Rate(perSecond, today);
    }

    private Map<String, Long> authenticatedPerTenant() {
        Map<String, Long> perTenant = new TreeMap<>();
        hub.forEachConnection(c -> {
            if (c.isAuthenticated()) {
                perTenant.merge(c.tenantId(), 1L, Long::sum);
            }
        });
        return perTenant;
    }

    private void count(String name, String... tags) {
        counter(name, tags).increment();
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("\u0000", tags);
        return counters.computeIfAbsent(
                key, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
