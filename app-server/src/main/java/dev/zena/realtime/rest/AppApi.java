package dev.zena.realtime.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.http.ApiException;
import dev.zena.realtime.http.Json;
import dev.zena.realtime.http.RestAuth;
import dev.zena.realtime.http.RouteGroup;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The seven REST twins of the channels (SPEC §4.1/§6). Each one asks {@code AccessPolicy.decide} exactly what
 * {@code subscribe} asks for the twin channel, which is why their statuses are equal; only the body is built
 * here ({@link TwinBodies}).
 */
public final class AppApi implements RouteGroup {

    private final AccessPolicy policy;
    private final ChannelCatalog catalog;
    private final RestAuth auth;
    private final Views views;
    private final TwinBodies bodies;

    /**
     * Built once per server. The bodies read {@code store}, the recent events of {@code broker} and the live
     * connections of {@code hub}; {@code startedAt} is when the server started (the system twin's uptime).
     */
    public AppApi(
            AccessPolicy policy,
            ChannelCatalog catalog,
            RestAuth auth,
            Views views,
            Store store,
            Broker broker,
            Hub hub,
            Clock clock,
            Instant startedAt) {
        this.policy = policy;
        this.catalog = catalog;
        this.auth = auth;
        this.views = views;
        this.bodies = new TwinBodies(store, broker, hub, clock, startedAt, views);
    }

    @Override
    public void register(RoutesConfig routes) {
        Map<String, ChannelKind> twins = Map.of(
                "/api/v1/app/users/{id}/dashboard", ChannelKind.DASHBOARD,
                "/api/v1/app/users/{id}/alerts", ChannelKind.ALERTS,
                "/api/v1/app/users/{id}/notifications", ChannelKind.NOTIFICATIONS,
                "/api/v1/app/tenants/{id}/metrics", ChannelKind.METRICS,
                "/api/v1/app/tenants/{id}/system", ChannelKind.SYSTEM,
                "/api/v1/app/projects/{id}", ChannelKind.PROJECT,
                "/api/v1/app/tasks/{id}", ChannelKind.TASK);
        twins.forEach((path, kind) -> routes.get(path, ctx -> twin(ctx, kind)));
    }

    private void twin(Context ctx, ChannelKind kind) {
        User caller = auth.callerOrNull(ctx);
        if (caller == null) {
            throw RestAuth.unauthenticated(ctx);
        }
        Channel channel = channelOf(catalog, kind, ctx.pathParam("id"));
        Decision decision = policy.decide(caller, channel);
        if (!decision.isGranted()) {
            throw new ApiException(decision.status(), decision.code().name(), decision.message(), null, null);
        }
        ObjectNode root = views.mapper().createObjectNode();
        root.set("data", bodies.of(caller, channel));
        Json.write(ctx, 200, root);
    }

    /** The twin channel of a path id; a 400 naming {@code id} when the id is outside the id syntax. */
    static Channel channelOf(ChannelCatalog catalog, ChannelKind kind, String id) {
        if (!ChannelCatalog.ID.matcher(id).matches()) {
            throw ApiException.badInput("id", "Invalid id: must match [A-Za-z0-9_-]{1,64}");
        }
        return new Channel(kind, id, catalog.nameOf(kind, id));
    }
}
