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

/** The {@code change_log} (filled by triggers) and {@code revoked_tokens} tables. */
final class ChangeLogRows {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogRows.class);

    private ChangeLogRows() {
    }

    /** The last seq ever handed out; read from sqlite_sequence so that pruning never makes it go back. */
    static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    static List<Change> since(Connection c, long seq, int limit) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT seq, kind, entity_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
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
            LOG.warn("store_unknown_change_kind seq={} kind={} entity_id={}", seq, LogText.of(text),
                    LogText.of(entityId));
            return ChangeKind.UNKNOWN;
        });
    }

    static void revoke(Connection c, RevokedToken token) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("INSERT INTO revoked_tokens (jti, exp) VALUES (?, ?) "
                + "ON CONFLICT (jti) DO UPDATE SET exp = MAX(revoked_tokens.exp, excluded.exp)")) {
            statement.setString(1, token.jti());
            statement.setLong(2, token.exp().toEpochMilli());
            statement.executeUpdate();
        }
    }

    static boolean isRevoked(Connection c, String jti, Instant now) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT 1 FROM revoked_tokens WHERE jti = ? AND exp > ?")) {
            statement.setString(1, jti);
            statement.setLong(2, now.toEpochMilli());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Deletes expired revocations, then every change row but the newest {@code keep}. */
    static void prune(Connection c, Instant now, int keep) throws SQLException {
        try (PreparedStatement expired = c.prepareStatement("DELETE FROM revoked_tokens WHERE exp <= ?");
             PreparedStatement old = c.prepareStatement("DELETE FROM change_log WHERE seq <= ?")) {
            expired.setLong(1, now.toEpochMilli());
            expired.executeUpdate();
            old.setLong(1, lastSeq(c) - Math.max(0, keep));
            old.executeUpdate();
        }
    }
}
