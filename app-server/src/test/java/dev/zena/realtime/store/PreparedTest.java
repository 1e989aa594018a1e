package dev.zena.realtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements kept by the connections that keep theirs (SQLite's readers), prepared per use everywhere else. */
class PreparedTest {

    @TempDir
    Path dir;

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("p.db"));
    }

    private static long echo(Connection c, long value) throws SQLException {
        try (Prepared prepared = Prepared.of(c, "SELECT ?")) {
            prepared.statement().setLong(1, value);
            try (ResultSet rs = prepared.statement().executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aKeepingConnectionReusesOneStatementPerSqlWithFreshParametersUntilForgotten() throws SQLException {
        try (Connection c = open()) {
            Prepared.keepStatementsOf(c);
            PreparedStatement first;
            try (Prepared prepared = Prepared.of(c, "SELECT ?")) {
                first = prepared.statement();
            }
            assertThat(echo(c, 7)).isEqualTo(7);
            assertThat(echo(c, 8)).isEqualTo(8);
            try (Prepared prepared = Prepared.of(c, "SELECT ?")) {
                assertThat(prepared.statement()).isSameAs(first);
            }
            assertThat(first.isClosed()).isFalse();
            Prepared.forget(c);
            assertThat(first.isClosed())
                    .as("closed with the connection's forgetting")
                    .isTrue();
            try (Prepared prepared = Prepared.of(c, "SELECT ?")) {
                assertThat(prepared.statement()).isNotSameAs(first);
            }
        }
    }

    @Test
    void anyOtherConnectionPreparesPerUseAndClosesAfter() throws SQLException {
        try (Connection c = open()) {
            PreparedStatement used;
            try (Prepared prepared = Prepared.of(c, "SELECT 1")) {
                used = prepared.statement();
            }
            assertThat(used.isClosed()).isTrue();
            assertThat(echo(c, 3)).isEqualTo(3);
        }
    }

    @Test
    void aConnectionKeepsAtMostItsBoundAndPreparesTheRestPerUse() throws SQLException {
        try (Connection c = open()) {
            Prepared.keepStatementsOf(c);
            try {
                for (int i = 0; i < Prepared.MAX_KEPT; i++) {
                    try (Prepared prepared = Prepared.of(c, "SELECT " + i)) {
                        assertThat(prepared.statement().isClosed()).isFalse();
                    }
                }
                PreparedStatement beyond;
                try (Prepared prepared = Prepared.of(c, "SELECT 'beyond'")) {
                    beyond = prepared.statement();
                }
                assertThat(beyond.isClosed()).isTrue();
            } finally {
                Prepared.forget(c);
            }
        }
    }
}
