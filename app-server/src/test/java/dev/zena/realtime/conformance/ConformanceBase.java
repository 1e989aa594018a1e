package dev.zena.realtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.LogCapture;
import dev.zena.realtime.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server per conformance class (SQLite in a temp dir, port 0), with the per-connection message rate raised
 * so that a case's many frames are never refused as a flood; and per case, the log captured and checked: a case
 * may fail a connection, but never leave an ERROR or an exception in the log.
 */
@Timeout(60)
abstract class ConformanceBase {

    @TempDir
    static Path dir;

    static TestServer server;
    LogCapture logs;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(dir, Map.of("limits.messages_per_connection", "100000"), "fixtures/basic.json");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void noProblemInTheLog() {
        try (LogCapture captured = logs) {
            assertThat(captured.problems())
                    .as("ERRORs or exceptions logged during the case")
                    .isEmpty();
        }
    }

    /** A new raw connection, greeted. */
    static Peer connect() {
        try {
            return new Peer(server.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
