package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.ChannelKind;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * {@code GET /api/v1/admin/channels}: the channel name pattern of each kind as this server parses names
 * ({@code channels.*}, SPEC §4.1), so a client builds names the server accepts instead of assuming the defaults.
 * The same for every caller with {@code admin.access}: patterns are configuration, not tenant data.
 */
final class ChannelRoutes {

    private final AdminAuth auth;
    private final AdminJson json;
    private final ChannelCatalog catalog;

    ChannelRoutes(AdminAuth auth, AdminJson json, ChannelCatalog catalog) {
        this.auth = auth;
        this.json = json;
        this.catalog = catalog;
    }

    /** Called per read of the patterns. */
    void list(Context ctx) {
        auth.require(ctx);
        ObjectNode root = json.object();
        ArrayNode data = root.putArray("data");
        for (ChannelKind kind : ChannelKind.values()) {
            String placeholder = placeholderOf(kind.scope());
            // the catalog builds a name as prefix + id + suffix: with the placeholder as the id, that is the pattern
            data.addObject()
                    .put("kind", kind.name().toLowerCase(Locale.ROOT))
                    .put("pattern", catalog.nameOf(kind, "{" + placeholder + "}"))
                    .put("placeholder", placeholder);
        }
        json.write(ctx, 200, root);
    }

    /** The placeholder configuration validation requires in a pattern of this scope (config.ChannelRules). */
    private static String placeholderOf(ChannelKind.Scope scope) {
        return switch (scope) {
            case USER -> "user_id";
            case TENANT -> "tenant_id";
            case PROJECT -> "project_id";
            case TASK -> "task_id";
        };
    }
}
