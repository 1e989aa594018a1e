package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.protocol.CloseCode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v1/admin/connections} and {@code DELETE /api/v1/admin/connections/{id}}, for every node of the
 * cluster (SPEC §11 item 4). A tenant admin sees and closes only its tenant's authenticated connections; a
 * connection it may not see does not exist for it.
 */
final class ConnectionRoutes {

    /** The code of a refusal for want of an answer from some node (SPEC §11 item 4). */
    static final String NODES_MISSING = "NODES_MISSING";

    private final AdminAuth auth;
    private final AdminJson json;
    private final ClusterQueries cluster;

    ConnectionRoutes(AdminAuth auth, AdminJson json, ClusterQueries cluster) {
        this.auth = auth;
        this.json = json;
        this.cluster = cluster;
    }

    /**
     * Called per list request; filters are exact matches and all optional. Every node of the cluster answers with
     * its own connections (each marked with its {@code node}); a node that does not answer in time makes the
     * answer partial.
     */
    void list(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        ObjectNode question = cluster.question(caller);
        for (String filter : List.of("tenant", "user", "channel")) {
            String value = ctx.queryParam(filter);
            if (!isBlank(value)) {
                question.put(filter, value);
            }
        }
        ClusterQueries.Gathered gathered = cluster.ask(ClusterQueries.CONNECTIONS, question);
        List<ObjectNode> shown = new ArrayList<>();
        gathered.byNode()
                .forEach((node, connections) -> connections.forEach(c -> {
                    ObjectNode connection = (ObjectNode) c;
                    connection.put("node", node);
                    shown.add(connection);
                }));
        // connected_at has a fixed width, so its text sorts as its instant does
        shown.sort(Comparator.comparing((ObjectNode c) -> c.path("connected_at").asText())
                .thenComparing(c -> c.path("id").asText()));
        ObjectNode root = json.object();
        ArrayNode data = root.putArray("data");
        shown.forEach(data::add);
        gathered.describe(root);
        json.write(ctx, 200, root);
    }

    /**
     * Called per delete request: the node that holds the connection closes it with 4010 on its own lane, after what
     * it already queued. 404 when no node holds it; 503 {@code NODES_MISSING} when none that answered does but a
     * node did not answer (it may be there).
     */
    void delete(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        String id = AdminJson.checkedId(ctx.pathParam("id"), "id");
        ClusterQueries.Gathered gathered =
                cluster.ask(ClusterQueries.DISCONNECT, cluster.question(caller).put("id", id));
        String holder = gathered.byNode().entrySet().stream()
                .filter(e -> e.getValue().path("closed").asBoolean())
                .map(java.util.Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        if (holder == null && !gathered.missing().isEmpty()) {
            throw new AdminRefusal(
                    503,
                    NODES_MISSING,
                    "No node that answered holds this connection, and " + String.join(", ", gathered.missing())
                            + " did not answer: try again",
                    "id",
                    2L);
        }
        if (holder == null) {
            throw AdminRefusal.notFound("id", "No such connection");
        }
        json.write(
                ctx,
                200,
                json.object()
                        .put("id", id)
                        .put("closed", true)
                        .put("code", CloseCode.ADMIN_DISCONNECT.code())
                        .put("node", holder));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
