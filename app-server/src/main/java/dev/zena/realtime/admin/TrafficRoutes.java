package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /api/v1/admin/traffic}: per-tenant per-second series read from the {@link TrafficSource}, the same
 * counters as the metrics endpoint, summed over every node of the cluster (SPEC §11 item 4) on one window chosen
 * by the node asked. 503 {@code NOT_READY} while no source is wired.
 */
final class TrafficRoutes {

    static final int MAX_SECONDS = 3600;
    private static final int DEFAULT_SECONDS = 300;

    private final AdminAuth auth;
    private final AdminJson json;
    private final TrafficSource source;
    private final Clock clock;
    private final ClusterQueries cluster;

    TrafficRoutes(AdminAuth auth, AdminJson json, TrafficSource source, Clock clock, ClusterQueries cluster) {
        this.auth = auth;
        this.json = json;
        this.source = source;
        this.clock = clock;
        this.cluster = cluster;
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
        ClusterQueries.Gathered gathered = tenant != null && !caller.sees(tenant)
                ? null
                : cluster.ask(
                        ClusterQueries.TRAFFIC,
                        cluster.question(caller)
                                .put("end", end.getEpochSecond())
                                .put("seconds", seconds)
                                .put("tenant", tenant));
        ObjectNode root = json.object();
        root.put("start", AdminJson.instant(end.minusSeconds(seconds)))
                .put("interval_seconds", 1)
                .put("seconds", seconds);
        ArrayNode tenants = root.putArray("tenants");
        if (gathered != null) {
            ClusterQueries.summed(gathered.byNode().values()).forEach(tenants::add);
            gathered.describe(root);
        } else {
            root.put("partial", false);
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
