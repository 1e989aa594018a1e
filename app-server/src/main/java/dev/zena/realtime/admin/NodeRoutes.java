package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.node.NodeCard;
import io.javalin.http.Context;

/**
 * {@code GET /api/v1/admin/nodes} (SPEC §11 item 4): the live nodes of the cluster, each with {@code id},
 * {@code address}, {@code started_at}, {@code connections} and {@code last_seen}. Each node counts its own
 * connections when asked (a tenant admin: its tenant's only); a node that does not answer is listed with the count
 * of its last beat (all tenants' for a global caller, none for a tenant admin: {@code null}) and makes the answer
 * partial.
 */
final class NodeRoutes {

    private final AdminAuth auth;
    private final AdminJson json;
    private final ClusterQueries cluster;

    NodeRoutes(AdminAuth auth, AdminJson json, ClusterQueries cluster) {
        this.auth = auth;
        this.json = json;
        this.cluster = cluster;
    }

    /** Called per request. */
    void list(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        ClusterQueries.Gathered gathered = cluster.ask(ClusterQueries.COUNT, cluster.question(caller));
        ObjectNode root = json.object();
        ArrayNode data = root.putArray("data");
        for (NodeCard card : cluster.nodes().cards()) {
            ObjectNode node = data.addObject()
                    .put("id", card.id())
                    .put("address", card.address())
                    .put("started_at", AdminJson.instant(card.startedAt()));
            JsonNode counted = gathered.byNode().get(card.id());
            if (counted != null) {
                node.put("connections", counted.asLong());
            } else if (caller.isGlobal()) {
                node.put("connections", card.connections());
            } else {
                node.putNull("connections");
            }
            node.put("last_seen", AdminJson.instant(card.lastSeen()))
                    .put("self", card.id().equals(cluster.selfId()));
        }
        gathered.describe(root);
        json.write(ctx, 200, root);
    }
}
