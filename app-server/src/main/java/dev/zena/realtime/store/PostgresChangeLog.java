package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * PostgreSQL's side of the change log (ADR 0017): the head is the highest committed seq or, once pruning has
 * emptied the log, the highest seq it removed ({@code change_log_pruned}); pruning counts rows, because the
 * sequence has holes (numbers taken by transactions that rolled back); and the listener's periodic check.
 */
final class PostgresChangeLog {
    /**
     * The kinds that cannot change the permission matrix, as an SQL list; everything else (a role, or a kind this
     * build does not know) may, and makes the cached matrix be read again.
     */
    private static final String NOT_MATRIX_KINDS = Arrays.stream(ChangeKind.values())
            .filter(kind -> !mayChangeMatrix(kind))
            .map(kind -> "'" + kind.dbName() + "'")
            .collect(Collectors.joining(", "));

    private static final String HEAD =
            "GREATEST((SELECT max(seq) FROM change_log), " + "(SELECT seq FROM change_log_pruned))";

    /** What the listener learns from one look at the log. */
    record Check(long lastSeq, boolean mayHaveChangedMatrix) {}

    private PostgresChangeLog() {}

    /** The seq of the latest committed change (0 when none): every change up to it has committed (the lock). */
    static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT " + HEAD);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Called by the listener: the head, and whether a change after {@code seenSeq} may have changed the matrix —
     * a role change, an unknown kind, or changes pruned before they were seen.
     */
    static Check check(Connection c, long seenSeq) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT " + HEAD + ", "
                + "EXISTS (SELECT 1 FROM change_log WHERE seq > ? AND kind NOT IN (" + NOT_MATRIX_KINDS + ")) "
                + "OR (SELECT seq FROM change_log_pruned) > ?")) {
            statement.setLong(1, seenSeq);
            statement.setLong(2, seenSeq);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Check(rs.getLong(1), rs.getBoolean(2));
            }
        }
    }

    /**
     * Deletes expired revocations, then every change row but the newest {@code keep}, found by counting rows, and
     * remembers the highest seq removed so that the head never goes back.
     */
    static void prune(Connection c, Instant now, int keep) throws SQLException {
        try (PreparedStatement expired = c.prepareStatement("DELETE FROM revoked_tokens WHERE exp <= ?")) {
            expired.setLong(1, now.toEpochMilli());
            expired.executeUpdate();
        }
        try (PreparedStatement old = c.prepareStatement("WITH gone AS (DELETE FROM change_log WHERE seq <= "
                + "(SELECT seq FROM change_log ORDER BY seq DESC OFFSET ? LIMIT 1) RETURNING seq) "
                + "UPDATE change_log_pruned SET seq = (SELECT max(seq) FROM gone) "
                + "WHERE (SELECT max(seq) FROM gone) > seq")) {
            old.setInt(1, Math.max(0, keep));
            old.executeUpdate();
        }
    }

    /** Whether a change of this kind can change the permission matrix; unknown kinds are assumed to. */
    static boolean mayChangeMatrix(ChangeKind kind) {
        return switch (kind) {
            case ROLE, UNKNOWN -> true;
            case TENANT, USER, PROJECT, TASK, REVOKED -> false;
        };
    }
}
