package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code GET /api/v1/admin/traffic}: per-tenant per-second series read from the {@link TrafficSource}, the same
 * counters as the metrics endpoint. 503 {@code NOT_READY} while no source is wired.
 */
final class TrafficRoutes {

    static final int MAX_SECONDS = 3600;
    private static final int DEFAULT_SECONDS = 300;

    private final AdminAuth auth;
    private final AdminJson json;
    private final TrafficSource source;
    private final Clock clock;

    TrafficRoutes(AdminAuth auth, AdminJson json, TrafficSource source, Clock clock) {
        this.auth = auth;
        this.json = json;
        this.source = source;
        this.clock = clock;
    }

    /** Called per traffic request; the window ends at the start of the current (incomplete) second. */
    void series(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        int seconds = seconds(ctx.queryParam("seconds"));
        String tenant = ctx.queryParam("tenant");
        tenant = tenant == null || tenant.isEmpty() ? null : AdminJson.checkedId(tenant, "tenant");
        if (source == null) {
            throw new AdminRefusal(503, "NOT_READY", "Traffic series are not available on this server yet", null);
        }
        Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String scope = caller.isGlobal() ? tenant : caller.user().tenantId();
        List<TenantSeries> series = tenant != null && !caller.sees(tenant) ? List.of()
                : source.lastSeconds(end, seconds, scope).stream().filter(s -> caller.sees(s.tenantId())).toList();
        ObjectNode root = json.object();
        root.put("start", AdminJson.instant(end.minusSeconds(seconds))).put("interval_seconds", 1)
                .put("seconds", seconds);
        ArrayNode tenants = root.putArray("tenants");
        for (TenantSeries s : series) {
            ObjectNode node = tenants.addObject().put("tenant_id", s.tenantId());
            s.messagesIn().forEach(node.putArray("messages_in")::add);
            s.messagesOut().forEach(node.putArray("messages_out")::add);
            s.errors().forEach(node.putArray("errors")::add);
            s.dropped().forEach(node.putArray("dropped")::add);
            s.connections().forEach(node.putArray("connections")::add);
        }
        root.put("timestamp", AdminJson.instant(clock.instant()));
        json.write(ctx, 200, root);
    }

    private static int seconds(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 1 && seconds <= MAX_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminRefusal.badInput("seconds", "seconds must be an integer from 1 to " + MAX_SECONDS);
    }
}
