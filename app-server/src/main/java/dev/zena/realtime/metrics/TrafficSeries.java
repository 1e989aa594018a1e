package dev.zena.realtime.metrics;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant and whole-server traffic, per second, for the last {@value #SECONDS} seconds, plus today's totals
 * (since 00:00 UTC by the injected clock; they restart at zero with the server). Traffic of a connection that is
 * not authenticated counts only in the whole-server view. Thread-safe.
 *
 * <p>Read by {@code GET /api/metrics/websocket} (means over the last {@value #MEAN_WINDOW} seconds, totals) and
 * meant for the admin traffic series ({@link #points}).
 */
public final class TrafficSeries {

    /** Seconds kept per tenant. */
    public static final int SECONDS = 300;

    /** Seconds averaged by {@link #perSecond}. */
    public static final int MEAN_WINDOW = 10;

    private final Clock clock;
    private final SecondRing global = new SecondRing(SECONDS);
    private final Map<String, SecondRing> tenants = new ConcurrentHashMap<>();

    public TrafficSeries(Clock clock) {
        this.clock = clock;
    }

    /** Counts {@code n} of {@code kind} now, for {@code tenantId} (null: whole server only). */
    public void add(String tenantId, TrafficKind kind, long n) {
        long now = nowSecond();
        global.add(now, kind, n);
        if (tenantId != null) {
            tenants.computeIfAbsent(tenantId, t -> new SecondRing(SECONDS)).add(now, kind, n);
        }
    }

    /** Called every tick with the live connections: the whole server's and each tenant's authenticated ones. */
    public void sampleConnections(long total, Map<String, Long> perTenant) {
        long now = nowSecond();
        global.sampleConnections(now, total);
        perTenant.forEach((tenant, n) ->
                tenants.computeIfAbsent(tenant, t -> new SecondRing(SECONDS)).sampleConnections(now, n));
        tenants.forEach((tenant, ring) -> {
            if (!perTenant.containsKey(tenant)) {
                ring.sampleConnections(now, 0);
            }
        });
    }

    /** The mean per second of {@code kind} over the last {@value #MEAN_WINDOW} seconds (this one included). */
    public double perSecond(String tenantId, TrafficKind kind) {
        return (double) ring(tenantId).sum(nowSecond(), kind, MEAN_WINDOW) / MEAN_WINDOW;
    }

    /** The total of {@code kind} since 00:00 UTC today. */
    public long today(String tenantId, TrafficKind kind) {
        return ring(tenantId).today(nowSecond(), kind);
    }

    /** The last {@code seconds} seconds (at most {@value #SECONDS}), oldest first; tenant null = whole server. */
    public List<TrafficPoint> points(String tenantId, int seconds) {
        return ring(tenantId).points(nowSecond(), seconds);
    }

    /** The tenants with a series, in no particular order. */
    public java.util.Set<String> tenantIds() {
        return java.util.Set.copyOf(tenants.keySet());
    }

    /** Called periodically: forgets tenants idle for a whole ring and with nothing counted today. */
    public void evictIdle() {
        long now = nowSecond();
        tenants.values().removeIf(ring -> ring.isIdle(now));
    }

    private SecondRing ring(String tenantId) {
        if (tenantId == null) {
            return global;
        }
        SecondRing ring = tenants.get(tenantId);
        return ring == null ? new SecondRing(1) : ring;
    }

    private long nowSecond() {
        return Math.floorDiv(clock.millis(), 1000L);
    }
}
