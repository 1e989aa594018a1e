package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One log line per open, close and denial with stable fields, and never a token or the {@code /ws} query string,
 * whoever logs (every logger of the process is captured).
 */
@Timeout(30)
class ConnectionLogTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("limits.connections_per_user", "1"), "fixtures/basic.json");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LOGS.start();
        root.addAppender(LOGS);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
        server.close();
    }

    @Test
    void opensClosesAndDenialsAreLoggedWithTheirFieldsAndNoToken() {
        String token = server.token("acme-member");
        String id;
        try (WsClient client = WsClient.connect(server.ws("token=" + token))) {
            id = client.next().path("connection_id").asText();
            client.nextOfType("authentication");
            client.request("{\"type\":\"subscribe\",\"channel\":\"system.acme\"}");
            try (WsClient second = WsClient.connect(server.ws(null), Map.of("Authorization", "Bearer " + token))) {
                assertThat(second.awaitClose(WsClient.WAIT)).isEqualTo(4029);
            }
        }
        String badToken = "bad." + token.substring(token.indexOf('.') + 1);
        assertThat(RawUpgrade.send(server.port(), "/ws?token=" + badToken, Map.of())
                        .status())
                .isEqualTo(401);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> lines().stream().anyMatch(l -> l.startsWith("ws_close conn=" + id)));

        List<String> lines = lines();
        assertThat(lines).anyMatch(l -> l.equals("ws_open conn=" + id + " remote=127.0.0.1"));
        assertThat(lines)
                .anyMatch(
                        l -> l.equals(
                                "ws_denied stage=subscribe conn=" + id
                                        + " user=acme-member tenant=acme remote=127.0.0.1 denied=1 channels=[system.acme] codes=[FORBIDDEN]"));
        assertThat(lines)
                .anyMatch(l -> l.matches("ws_denied stage=authenticate conn=\\w+ user=acme-member "
                        + "tenant=acme remote=127\\.0\\.0\\.1 code=4029 limit=connections_per_user"));
        assertThat(lines)
                .anyMatch(l -> l.startsWith(
                        "ws_denied stage=handshake remote=127.0.0.1 " + "code=AUTH_INVALID status=401 reason="));
        assertThat(lines)
                .anyMatch(l ->
                        l.equals("ws_close conn=" + id + " user=acme-member tenant=acme remote=127.0.0.1 code=1000"));
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(lines).noneMatch(l -> l.contains(signature) || l.contains("token=") || l.contains("/ws?"));
    }

    private static List<String> lines() {
        synchronized (LOGS) {
            return LOGS.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
