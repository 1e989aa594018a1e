package dev.zena.realtime.store;

import dev.zena.realtime.log.LogText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code change_log} (filled by triggers) and {@code revoked_tokens} tables, in SQL both databases read alike.
 * Where the log's head is kept and how it is pruned differ: {@link SqliteChangeLog}, {@link PostgresChangeLog}.
 */
final class ChangeLogRows {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogRows.class);

    private ChangeLogRows() {}

    /** Up to {@code limit} changes above {@code seq}, in seq order (commit order: see {@link Store}). */
    static List<Change> since(Connection c, long seq, int limit) throws SQLException {
        try (Prepared prepared =
                Prepared.of(c, "SELECT seq, kind, entity_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
            PreparedStatement statement = prepared.statement();
            statement.setLong(1, seq);
            statement.setInt(2, Math.max(0, limit));
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long changeSeq = rs.getLong(1);
                    String entityId = rs.getString(3);
                    changes.add(new Change(changeSeq, kind(changeSeq, rs.getString(2), entityId), entityId));
                }
            }
            return changes;
        }
    }

    /** The kind a row names; a text this build does not know is logged (it is not ours) and read as UNKNOWN. */
    private static ChangeKind kind(long seq, String text, String entityId) {
        return ChangeKind.fromDbName(text).orElseGet(() -> {
            LOG.warn(
                    "store_unknown_change_kind seq={} kind={} entity_id={}",
                    seq,
                    LogText.of(text),
                    LogText.of(entityId));
            return ChangeKind.UNKNOWN;
        });
    }

    /** Records a revocation; a second one for the same jti keeps the later expiry. */
    static void revoke(Connection c, RevokedToken token) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("INSERT INTO revoked_tokens (jti, exp) VALUES (?, ?) "
                + "ON CONFLICT (jti) DO UPDATE SET exp = CASE WHEN excluded.exp > revoked_tokens.exp "
                + "THEN excluded.exp ELSE revoked_tokens.exp END")) {
            statement.setString(1, token.jti());
            statement.setLong(2, token.exp().toEpochMilli());
            statement.executeUpdate();
        }
    }

    /** True while the jti is recorded with an expiry after {@code now}. */
    static boolean isRevoked(Connection c, String jti, Instant now) throws SQLException {
        try (Prepared prepared = Prepared.of(c, "SELECT 1 FROM revoked_tokens WHERE jti = ? AND exp > ?")) {
            PreparedStatement statement = prepared.statement();
            statement.setString(1, jti);
            statement.setLong(2, now.toEpochMilli());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
