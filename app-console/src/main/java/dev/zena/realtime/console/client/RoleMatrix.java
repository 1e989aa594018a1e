package dev.zena.realtime.console.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/v1/admin/roles}: every role's permissions and the list of all permissions, in server order. */
public record RoleMatrix(Map<String, Set<String>> roles, List<String> permissions) {

    public RoleMatrix {
        roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        permissions = List.copyOf(permissions);
    }
}
