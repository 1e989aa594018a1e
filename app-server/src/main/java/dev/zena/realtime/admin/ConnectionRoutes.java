package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.CloseCode;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/admin/connections} and {@code DELETE /api/v1/admin/connections/{id}}. A tenant admin sees
 * and closes only its tenant's authenticated connections; a connection it may not see does not exist for it.
 */
final class ConnectionRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRoutes.class);

    private final AdminAuth auth;
    private final AdminJson json;
    private final Hub hub;

    ConnectionRoutes(AdminAuth auth, AdminJson json, Hub hub) {
        this.auth = auth;
        this.json = json;
        this.hub = hub;
    }

    /** Called per list request; filters are exact matches and all optional. */
    void list(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        String tenant = ctx.queryParam("tenant");
        String user = ctx.queryParam("user");
        String channel = ctx.queryParam("channel");
        List<Connection> shown = hub.connections().stream()
                .filter(c -> caller.sees(c.tenantId()))
                .filter(c -> isBlank(tenant) || tenant.equals(c.tenantId()))
                .filter(c -> isBlank(user) || (c.isAuthenticated() && user.equals(c.principal().userId())))
                .filter(c -> isBlank(channel) || c.holds(channel))
                .sorted(Comparator.comparing(Connection::connectedAt).thenComparing(Connection::id))
                .toList();
        ObjectNode root = json.object();
        ArrayNode data = root.putArray("data");
        shown.forEach(c -> data.add(json.connection(c)));
        json.write(ctx, 200, root);
    }

    /** Called per delete request: closes the connection with 4010 on its own lane, after what it already queued. */
    void delete(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        Connection connection = visible(caller, AdminJson.checkedId(ctx.pathParam("id"), "id"), "id");
        CloseCode close = CloseCode.ADMIN_DISCONNECT;
        connection.lane().execute(() -> connection.close(close.code(), close.reason()));
        LOG.info("admin_disconnect by={} conn={} user={} tenant={}", caller.user().id(), connection.id(),
                connection.isAuthenticated() ? connection.principal().userId() : "-",
                connection.tenantId() == null ? "-" : connection.tenantId());
        json.write(ctx, 200, json.object().put("id", connection.id()).put("closed", true).put("code", close.code()));
    }

    /**
     * The live connection with this id if the caller may see it; a 404 naming {@code field} otherwise. A connection
     * already closing is not live: it stays in the hub until the peer answers the close frame, and a second
     * {@code DELETE} in that window must not answer 200 again.
     */
    Connection visible(AdminCaller caller, String id, String field) {
        Optional<Connection> found = hub.connection(id).filter(Connection::isOpen).filter(c -> caller.sees(c.tenantId()));
        return found.orElseThrow(() -> AdminRefusal.notFound(field, "No such connection"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
