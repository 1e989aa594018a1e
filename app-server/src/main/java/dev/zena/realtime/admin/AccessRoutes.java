package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Check;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.pusher.LaravelChannels;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/admin/permissions/check}: the decision {@code subscribe} would take for a user and a
 * channel, with its ordered checks ({@link AccessPolicy#explain}). A tenant admin may check only users of its
 * tenant, and never learns another tenant's id from a check's detail.
 */
final class AccessRoutes {

    private static final String OTHER_TENANT = "the resource belongs to another tenant";

    private final AdminAuth auth;
    private final AdminJson json;
    private final Store store;
    private final AccessPolicy policy;

    private final LaravelChannels laravel;

    AccessRoutes(AdminAuth auth, AdminJson json, Store store, AccessPolicy policy, LaravelChannels laravel) {
        this.laravel = laravel;
        this.auth = auth;
        this.json = json;
        this.store = store;
        this.policy = policy;
    }

    /** Called per permission check request. */
    void check(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        JsonNode body = json.body(ctx);
        String userId = AdminJson.requiredId(body, "user_id");
        String channel = AdminJson.requiredString(body, "channel");
        User user = store.user(userId)
                .filter(u -> caller.sees(u.tenantId()))
                .orElseThrow(() -> AdminRefusal.notFound("user_id", "No such user"));
        // A Laravel channel name (SPEC §12) is decided on the channel it maps to; its first check says the mapping.
        Decision decision = laravel.map(channel).isPresent()
                        && policy.explain(user.id(), channel).status() == 400
                ? laravel.explain(user.id(), channel).orElseThrow()
                : policy.explain(user.id(), channel);
        ObjectNode root = json.object();
        root.put("user_id", user.id())
                .put("channel", channel)
                .put("status", decision.status())
                .put("code", decision.isGranted() ? null : decision.code().name())
                .put("granted", decision.isGranted())
                .put("message", decision.message());
        ArrayNode checks = root.putArray("checks");
        for (Check check : decision.checks()) {
            String detail = !caller.isGlobal() && "tenant".equals(check.check()) && !check.passed()
                    ? OTHER_TENANT
                    : check.detail();
            checks.addObject()
                    .put("check", check.check())
                    .put("passed", check.passed())
                    .put("detail", detail);
        }
        json.write(ctx, 200, root);
    }
}
