package dev.zena.realtime.http;

import dev.zena.realtime.admin.AdminApi;
import dev.zena.realtime.admin.AdminRefusal;
import dev.zena.realtime.admin.AdminServices;
import dev.zena.realtime.handshake.AddressGuard;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Mounts the admin API on the HTTP server: hands it its services and the checks every WebSocket handshake passes
 * ({@link AddressGuard}, as for {@code /ws}), and renders its refusals through the one error mapper
 * ({@link HttpErrors}), before the upgrade of its feed as well ({@link UpgradeRefusal}).
 */
public final class AdminMount {

    private final AdminApi api;
    private final HttpErrors errors;

    AdminMount(Services services, HttpErrors errors, UpgradeRefusal refusal) {
        this.errors = errors;
        AdminServices admin = new AdminServices(services.config(), services.store(), services.clock(),
                services.validator(), services.policy(), services.catalog(), services.hub(), services.broker(),
                services.traffic(), services.limits(), services.metrics());
        AddressGuard addresses = new AddressGuard(services, refusal);
        this.api = new AdminApi(admin, (ctx, e) -> refusal.refuse(ctx, asApi(e)), ctx -> admit(addresses, ctx));
    }

    /** Called once at start-up with the routes being configured. */
    void register(RoutesConfig routes) {
        routes.exception(AdminRefusal.class, (e, ctx) -> errors.render(asApi(e), ctx));
        api.register(routes);
    }

    /** Called by the server's sweep. */
    void tick() {
        api.tick();
    }

    /** The feed's address checks: the refusal is written, then thrown to stop the upgrade. */
    private static String admit(AddressGuard addresses, Context ctx) {
        String remote = addresses.resolve(ctx.req());
        addresses.check(ctx.req(), ctx.res(), remote, AdminApi.FEED_PATH).ifPresent(refused -> {
            throw refused;
        });
        return remote;
    }

    private static ApiException asApi(AdminRefusal e) {
        return new ApiException(e.status(), e.code(), e.getMessage(), e.field(), e.retryAfterSeconds());
    }
}
