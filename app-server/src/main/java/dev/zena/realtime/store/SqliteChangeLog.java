package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * SQLite's side of the change log: its head is {@code sqlite_sequence}, and its numbers have no holes, because one
 * writer at a time numbers and commits (ADR 0003).
 */
final class SqliteChangeLog {

    private SqliteChangeLog() {}

    /** The last seq ever handed out; read from sqlite_sequence so that pruning never makes it go back. */
    static long lastSeq(Connection c) throws SQLException {
        try (Prepared prepared = Prepared.of(c, "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'");
                ResultSet rs = prepared.statement().executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    /**
     * Deletes expired revocations, then every change row but the newest {@code keep}. Subtracting from the last seq
     * is sound only because SQLite's numbers have no holes; a database whose sequence skips must count rows.
     */
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
