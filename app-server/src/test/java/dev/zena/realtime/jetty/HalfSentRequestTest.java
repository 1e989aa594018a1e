package dev.zena.realtime.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.testing.RawHttp;
import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sockets that never finish their request headers: counted per address against {@code limits.connections_per_ip}
 * (the ones over it closed at accept), and closed {@code limits.header_timeout} after their accept or after their
 * request's first byte, however slowly the bytes keep coming.
 */
@Timeout(60)
class HalfSentRequestTest {

    private static final String HALF_AN_UPGRADE = "GET /ws HTTP/1.1\r\nHost: x\r\n";
    private static final String REST_OF_THE_UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + RawUpgrade.GOOD_KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final String HEALTH = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
    /** Far longer than the header timeouts here, shorter than Jetty's idle timeout (30 s). */
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    TestServer server;
    List<RawHttp> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(RawHttp::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void halfSentRequestsOverTheAddressCapAreClosedAtAccept() {
        start(Map.of("limits.connections_per_ip", "3", "limits.header_timeout", "60s"));
        for (int i = 0; i < 5; i++) {
            connect().write(HALF_AN_UPGRADE);
        }

        await().atMost(DEADLINE).until(() -> closedByServer().size() == 2);

        // The three within the cap were only waiting: each finishes its handshake and is upgraded.
        List<RawHttp> kept = new ArrayList<>(sockets);
        kept.removeAll(closedByServer());
        for (RawHttp socket : kept) {
            assertThat(socket.write(REST_OF_THE_UPGRADE).readResponse()).startsWith("HTTP/1.1 101 ");
        }
    }

    @Test
    void aTrustedProxysSocketsAreNotCappedByItsAddress() {
        start(Map.of(
                "limits.connections_per_ip", "1", "limits.header_timeout", "60s", "trusted_proxies", "127.0.0.0/8"));
        for (int i = 0; i < 3; i++) {
            connect().write(HALF_AN_UPGRADE);
        }

        // Had any of them been closed at accept, finishing its handshake would fail.
        for (int i = 0; i < 3; i++) {
            String client = "X-Forwarded-For: 198.51.100." + (i + 1) + "\r\n";
            assertThat(sockets.get(i).write(client + REST_OF_THE_UPGRADE).readResponse())
                    .startsWith("HTTP/1.1 101 ");
        }
    }

    /** How a client that never finishes its request headers behaves. */
    enum Slow {
        /** connects and sends nothing */
        SILENT,
        /** sends half a handshake, then nothing */
        STALLED,
        /** sends half a handshake, then one more header byte about every 100 ms */
        TRICKLING,
        /** a whole request answered on the connection first, then the next one's header bytes trickle in */
        TRICKLING_AFTER_A_REQUEST,
        /** a whole request answered first, then blank lines (which may precede a request line) trickle in */
        BLANK_LINES_AFTER_A_REQUEST
    }

    @ParameterizedTest
    @EnumSource(Slow.class)
    void aRequestWhoseHeadersDoNotArriveInTimeIsClosed(Slow slow) {
        start(Map.of("limits.header_timeout", "1s"));
        RawHttp socket = connect();
        if (slow == Slow.TRICKLING_AFTER_A_REQUEST || slow == Slow.BLANK_LINES_AFTER_A_REQUEST) {
            assertThat(socket.write(HEALTH).readResponse()).startsWith("HTTP/1.1 200 ");
        }
        if (slow == Slow.STALLED || slow == Slow.TRICKLING || slow == Slow.TRICKLING_AFTER_A_REQUEST) {
            socket.write(HALF_AN_UPGRADE + "X-Slow: ");
        }
        String trickle = switch (slow) {
            case TRICKLING, TRICKLING_AFTER_A_REQUEST -> "a";
            case BLANK_LINES_AFTER_A_REQUEST -> "\r\n";
            default -> "";
        };

        await().atMost(DEADLINE).pollInterval(Duration.ZERO).until(() -> {
            if (!trickle.isEmpty()) {
                socket.write(trickle);
            }
            return socket.isClosedByServer(100);
        });
    }

    @Test
    void aKeptAliveConnectionMayWaitLongerThanTheHeaderTimeoutBetweenRequests() {
        start(Map.of("limits.header_timeout", "1s"));
        RawHttp keptAlive = connect();
        assertThat(keptAlive.write(HEALTH).readResponse()).startsWith("HTTP/1.1 200 ");

        // A socket opened after that request and given nothing is closed after the header timeout: the kept-alive
        // connection has then been idle at least that long.
        RawHttp silent = connect();
        await().atMost(DEADLINE).pollInterval(Duration.ZERO).until(() -> silent.isClosedByServer(100));

        assertThat(keptAlive.write(HEALTH).readResponse()).startsWith("HTTP/1.1 200 ");
    }

    private RawHttp connect() {
        RawHttp socket = RawHttp.connect(server.port());
        sockets.add(socket);
        return socket;
    }

    private List<RawHttp> closedByServer() {
        return sockets.stream().filter(socket -> socket.isClosedByServer(50)).toList();
    }

    private void start(Map<String, String> settings) {
        server = TestServer.start(dir, settings, "fixtures/basic.json");
    }
}
