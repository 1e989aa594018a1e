package dev.zena.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.RevokedToken;
import dev.zena.realtime.store.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the sections that are not entity lists: {@code role_permissions}, {@code deleted}, {@code revoked_jtis}. */
final class ExtrasReader {
    private static final List<String> DELETABLE = List.of("users", "projects", "tasks");

    private final ImportErrors errors;

    ExtrasReader(ImportErrors errors) {
        this.errors = errors;
    }

    /** A document with nothing in it, for a top level that is not an object. */
    ImportDocument empty() {
        return new ImportDocument(
                List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** {@code {"role": ["permission", …]}}: each listed role gets exactly that set (without admin.*). */
    Map<Role, Set<Permission>> rolePermissions(JsonNode section) {
        Map<Role, Set<Permission>> roles = new EnumMap<>(Role.class);
        if (!isObjectSection(section, "role_permissions")) {
            return roles;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = "role_permissions." + field.getKey();
            Role role = Role.fromWire(field.getKey()).orElse(null);
            if (role == null) {
                errors.add(path, path, "unknown role " + EntryFields.quote(field.getKey()));
            } else {
                roles.put(role, permissions(path, field.getValue()));
            }
        }
        return roles;
    }

    /** {@code {"users": [ids], "projects": [ids], "tasks": [ids]}}: ids to delete, per kind (always all three keys). */
    Map<String, List<ImportDocument.Entry<String>>> deleted(JsonNode section) {
        Map<String, List<ImportDocument.Entry<String>>> deleted = new HashMap<>();
        DELETABLE.forEach(kind -> deleted.put(kind, new ArrayList<>()));
        if (!isObjectSection(section, "deleted")) {
            return deleted;
        }
        section.fieldNames().forEachRemaining(name -> {
            if (!DELETABLE.contains(name)) {
                errors.add(
                        "deleted." + name,
                        "deleted." + name,
                        "unknown kind " + EntryFields.quote(name) + " (expected one of " + String.join(", ", DELETABLE)
                                + ")");
            }
        });
        EntryFields holder = new EntryFields(section, "deleted", errors);
        for (String kind : DELETABLE) {
            for (String id : holder.ids(kind)) {
                deleted.get(kind)
                        .add(new ImportDocument.Entry<>(
                                "deleted." + kind + " (id " + EntryFields.quote(id) + ")", "deleted." + kind, id));
            }
        }
        return deleted;
    }

    /** {@code [{"jti", "exp"}]} where exp is an ISO-8601 instant or whole epoch seconds. */
    List<ImportDocument.Entry<RevokedToken>> revoked(JsonNode section) {
        List<ImportDocument.Entry<RevokedToken>> tokens = new ArrayList<>();
        if (section == null || section.isNull()) {
            return tokens;
        }
        if (!section.isArray()) {
            errors.add(
                    "revoked_jtis",
                    "revoked_jtis",
                    "revoked_jtis must be an array, got " + EntryFields.typeOf(section));
            return tokens;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < section.size(); i++) {
            String path = "revoked_jtis[" + i + "]";
            if (!section.get(i).isObject()) {
                errors.add(path, path, "expected an object, got " + EntryFields.typeOf(section.get(i)));
                continue;
            }
            EntryFields f = new EntryFields(section.get(i), path, errors);
            String jti = f.labelled("jti", f.text("jti", 1, 255));
            Instant exp = exp(f, section.get(i).get("exp"));
            if (jti != null && !seen.add(jti)) {
                f.error("jti", "jti " + EntryFields.quote(jti) + " appears twice");
            }
            tokens.add(f.entry(new RevokedToken(jti, exp)));
        }
        return tokens;
    }

    private Set<Permission> permissions(String path, JsonNode list) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (!list.isArray()) {
            errors.add(path, path, "must be an array of permission names, got " + EntryFields.typeOf(list));
            return permissions;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            Permission permission = element.isTextual()
                    ? Permission.fromWire(element.textValue()).orElse(null)
                    : null;
            if (permission == null) {
                errors.add(
                        path,
                        path + "[" + i + "]",
                        "unknown permission "
                                + (element.isTextual()
                                        ? EntryFields.quote(element.textValue())
                                        : "(a " + EntryFields.typeOf(element) + ")"));
            } else if (permission.isAdministrative()) {
                errors.add(
                        path,
                        path + "[" + i + "]",
                        EntryFields.quote(permission.wireName())
                                + " cannot be granted or removed: it stays with the roles of the default matrix");
            } else {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    private static Instant exp(EntryFields f, JsonNode exp) {
        if (exp != null && exp.isIntegralNumber() && exp.canConvertToLong()) {
            return Instant.ofEpochSecond(exp.longValue());
        }
        if (exp != null && exp.isTextual()) {
            try {
                return OffsetDateTime.parse(exp.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        f.error(
                "exp",
                "exp must be an ISO-8601 instant or whole epoch seconds, got "
                        + (exp == null
                                ? "nothing"
                                : exp.isTextual() ? EntryFields.quote(exp.textValue()) : exp.toString()));
        return null;
    }

    private boolean isObjectSection(JsonNode section, String name) {
        if (section == null || section.isNull()) {
            return false;
        }
        if (!section.isObject()) {
            errors.add(name, name, name + " must be an object, got " + EntryFields.typeOf(section));
            return false;
        }
        return true;
    }
}
