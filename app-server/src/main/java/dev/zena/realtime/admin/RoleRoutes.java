package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/admin/roles} and {@code PUT /api/v1/admin/roles/{role}} ({@code admin.global} only). A PUT
 * writes the matrix to the store; live connections feel it through the store's change log like any other
 * writer's change (SPEC §4.2), so nothing here touches connections.
 */
final class RoleRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RoleRoutes.class);

    private final AdminAuth auth;
    private final AdminJson json;
    private final Store store;

    RoleRoutes(AdminAuth auth, AdminJson json, Store store) {
        this.auth = auth;
        this.json = json;
        this.store = store;
    }

    /** Called per read of the matrix. */
    void list(Context ctx) {
        auth.require(ctx).requireGlobal();
        PermissionMatrix matrix = store.permissions();
        ObjectNode root = json.object();
        ObjectNode data = root.putObject("data");
        for (Role role : Role.values()) {
            names(data.putArray(role.wireName()), matrix.of(role));
        }
        names(root.putArray("permissions"), EnumSet.allOf(Permission.class));
        json.write(ctx, 200, root);
    }

    /** Called per replacement of one role's permissions. */
    void replace(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        caller.requireGlobal();
        Role role =
                Role.fromWire(ctx.pathParam("role")).orElseThrow(() -> AdminRefusal.notFound("role", "No such role"));
        Set<Permission> requested = requested(json.body(ctx), role);
        PermissionMatrix next = store.permissions().withRole(role, requested);
        store.savePermissions(next);
        LOG.info(
                "admin_role_changed by={} role={} permissions={}",
                caller.user().id(),
                role.wireName(),
                next.of(role).stream().map(Permission::wireName).toList());
        ObjectNode root = json.object().put("role", role.wireName());
        names(root.putArray("permissions"), next.of(role));
        json.write(ctx, 200, root);
    }

    private static Set<Permission> requested(JsonNode body, Role role) {
        JsonNode list = body.get("permissions");
        if (list == null || !list.isArray()) {
            throw AdminRefusal.badInput("permissions", "permissions must be an array of permission names");
        }
        Set<Permission> requested = EnumSet.noneOf(Permission.class);
        for (JsonNode item : list) {
            Permission permission = Permission.fromWire(item.isTextual() ? item.asText() : null)
                    .orElseThrow(() -> AdminRefusal.badInput("permissions", "Unknown permission: " + item));
            if (permission.isAdministrative() && !PermissionMatrix.DEFAULT.allows(role, permission)) {
                throw AdminRefusal.badInput(
                        "permissions",
                        permission.wireName() + " cannot be granted to " + role.wireName()
                                + ": admin.* stay with the roles of SPEC §4.3");
            }
            requested.add(permission);
        }
        return requested;
    }

    private static void names(ArrayNode array, Set<Permission> permissions) {
        EnumSet.allOf(Permission.class).stream().filter(permissions::contains).forEach(p -> array.add(p.wireName()));
    }
}
