package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * {@code POST /api/v1/admin/tokens}: a short-lived token for the console's test client, for a user of the
 * caller's tenant ({@code admin.global}: any). Logged as {@code admin_token_issued}; the token itself never is.
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

    TokenRoutes(AdminAuth auth, AdminJson json, AdminServices services) {
        this.auth = auth;
        this.json = json;
        this.store = services.store();
        this.issuer = new TokenIssuer(services.config().jwt(), services.clock());
        this.validator = services.validator();
    }

    /** Called per token request. */
    void issue(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        JsonNode body = json.body(ctx);
        String userId = AdminJson.requiredId(body, "user_id");
        int ttl = ttlSeconds(body);
        User user = store.user(userId).filter(u -> caller.sees(u.tenantId()))
                .orElseThrow(() -> AdminRefusal.notFound("user_id", "No such user"));
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
        LOG.info("admin_token_issued by={} user={} tenant={} ttl={}", caller.user().id(), user.id(),
                user.tenantId(), ttl);
        json.write(ctx, 201, json.object().put("token", token).put("user_id", user.id())
                .put("tenant_id", user.tenantId()).put("expires_at", AdminJson.instant(principal.expiresAt())));
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
