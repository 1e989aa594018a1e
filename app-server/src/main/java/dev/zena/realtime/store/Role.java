package dev.zena.realtime.store;

import java.util.Locale;
import java.util.Optional;

/** The five roles of SPEC §1; the wire name is the lower-case snake form. */
public enum Role {
    SUPER_ADMIN, ADMIN, PROJECT_MANAGER, MEMBER, CLIENT;

    /** The name used in tokens, the store, import documents and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; empty when it names no role (exact, lower-case match). */
    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
