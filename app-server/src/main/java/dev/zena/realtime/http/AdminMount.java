package dev.zena.realtime.http;

import dev.zena.realtime.admin.AdminApi;
import dev.zena.realtime.admin.AdminRefusal;
import io.javalin.config.RoutesConfig;

/**
 * Mounts the admin API on the HTTP server: registers its routes, and renders its refusals through the one error
 * mapper ({@link HttpErrors}).
 */
public final class AdminMount implements RouteGroup {

    private final AdminApi api;
    private final HttpErrors errors;

    /** Built once per server. */
    public AdminMount(AdminApi api, HttpErrors errors) {
        this.api = api;
        this.errors = errors;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.exception(AdminRefusal.class, (e, ctx) -> errors.render(FeedHandshake.asApi(e), ctx));
        api.register(routes);
    }
}
