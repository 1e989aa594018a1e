package dev.zena.realtime.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The five roles of SPEC §1; the wire name is the lower-case snake form. */
public enum Role {
    SUPER_ADMIN,
    ADMIN,
    PROJECT_MANAGER,
    MEMBER,
    CLIENT;

    /** Every role by wire name: parsed on every access decision (each row of the matrix), so looked up, not scanned. */
    private static final Map<String, Role> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Role::wireName, role -> role));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name used in tokens, the store, import documents and the API. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; empty when it names no role (exact, lower-case match). */
    public static Optional<Role> fromWire(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }
}
