package dev.zena.realtime.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a {@link Change} touched. The change log stores the {@link #dbName()} text (written by the SQLite
 * triggers, and by any later store the same way); the store maps it back when reading. A consumer switches on
 * the kind exhaustively — a switch expression with no {@code default} — so that a new kind fails compilation
 * until every consumer has decided what it means.
 */
public enum ChangeKind {
    /** A tenant row; the entity id is the tenant's. */
    TENANT,
    /** A user row (role, activity, tokens valid after); the entity id is the user's. */
    USER,
    /** A project row or one of its memberships; the entity id is the project's. */
    PROJECT,
    /** A task row; the entity id is the task's. */
    TASK,
    /** A role's permission set; the entity id is the role's wire name. */
    ROLE,
    /** A revoked token; the entity id is its jti. */
    REVOKED,
    /**
     * A text this build does not know (a newer version or a hand edit wrote it). Never written by the store;
     * read with a {@code store_unknown_change_kind} warning. Since nothing says whom it concerns, a reader treats
     * it as a change that may concern anyone.
     */
    UNKNOWN;

    /** The kinds by their change-log text, {@link #UNKNOWN} left out: only a text nobody knows reads as it. */
    private static final Map<String, ChangeKind> BY_DB_NAME = Arrays.stream(values())
            .filter(kind -> kind != UNKNOWN)
            .collect(Collectors.toUnmodifiableMap(ChangeKind::dbName, kind -> kind));

    private final String dbName = name().toLowerCase(Locale.ROOT);

    /** The text the change log stores for this kind ({@code tenant}, {@code user}, ... {@code revoked}). */
    public String dbName() {
        return dbName;
    }

    /** Called for every change-log row read: the kind this text names; empty when it names none. */
    public static Optional<ChangeKind> fromDbName(String text) {
        return Optional.ofNullable(text == null ? null : BY_DB_NAME.get(text));
    }
}
