package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.access.Actions;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/admin/tokens}: a short-lived token for the console's test client, for a user of the
 * caller's tenant whose role's permissions the caller all holds ({@code admin.global}: any user), so that a token
 * never gives its minter a right it lacks (SPEC §6; a tenant admin minting for its tenant's super_admin is a 403).
 * Audited as {@code admin_token_issued} or {@code admin_token_refused} with caller, target and both roles; the
 * token itself is never logged.
 */
final class TokenRoutes {

    /** The longest lifetime an admin may ask for. */
    static final int MAX_TTL_SECONDS = 900;

    private static final int DEFAULT_TTL_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);

    private final AdminAuth auth;
    private final AdminJson json;
    private final Store store;
    private final TokenIssuer issuer;
    private final TokenValidator validator;
    private final Actions actions;

    TokenRoutes(
            AdminAuth auth,
            AdminJson json,
            Store store,
            TokenIssuer issuer,
            TokenValidator validator,
            Actions actions) {
        this.auth = auth;
        this.json = json;
        this.store = store;
        this.issuer = issuer;
        this.validator = validator;
        this.actions = actions;
    }

    /** Called per token request. */
    void issue(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        JsonNode body = json.body(ctx);
        String userId = AdminJson.requiredId(body, "user_id");
        int ttl = ttlSeconds(body);
        User user = store.user(userId)
                .filter(u -> caller.sees(u.tenantId()))
                .orElseThrow(() -> AdminRefusal.notFound("user_id", "No such user"));
        Set<Permission> lacking = actions.lacksToActAs(caller.user(), user);
        if (!lacking.isEmpty()) {
            LOG.warn(
                    "admin_token_refused by={} by_role={} user={} role={} tenant={} lacking={}",
                    caller.user().id(),
                    caller.user().role().wireName(),
                    user.id(),
                    user.role().wireName(),
                    user.tenantId(),
                    lacking.stream().map(Permission::wireName).toList());
            throw AdminRefusal.forbidden("A token may be issued only for a user whose role's permissions you all "
                    + "hold: role " + user.role().wireName() + " has permissions that you lack");
        }
        String token;
        try {
            token = issuer.issue(user, Duration.ofSeconds(ttl));
        } catch (IllegalStateException e) {
            throw new AdminRefusal(503, "SIGNING_UNAVAILABLE", "This server cannot sign tokens", null);
        }
        Principal principal;
        try {
            // The same check a client would meet: a disabled or revoked user gets no token it cannot use.
            principal = validator.validate(token);
        } catch (AuthException e) {
            throw AdminRefusal.badInput("user_id", "This user cannot authenticate (disabled or revoked)");
        }
        LOG.info(
                "admin_token_issued by={} by_role={} user={} role={} tenant={} ttl={}",
                caller.user().id(),
                caller.user().role().wireName(),
                user.id(),
                user.role().wireName(),
                user.tenantId(),
                ttl);
        json.write(
                ctx,
                201,
                json.object()
                        .put("token", token)
                        .put("user_id", user.id())
                        .put("tenant_id", user.tenantId())
                        .put("expires_at", AdminJson.instant(principal.expiresAt())));
    }

    private static int ttlSeconds(JsonNode body) {
        JsonNode ttl = body.get("ttl_seconds");
        if (ttl == null || ttl.isNull()) {
            return DEFAULT_TTL_SECONDS;
        }
        if (!ttl.canConvertToInt() || !ttl.isIntegralNumber() || ttl.asInt() < 1 || ttl.asInt() > MAX_TTL_SECONDS) {
            throw AdminRefusal.badInput("ttl_seconds", "ttl_seconds must be an integer from 1 to " + MAX_TTL_SECONDS);
        }
        return ttl.asInt();
    }
}
