package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.admin.HttpHarness;
import dev.zena.realtime.testing.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweeper visits one stripe of the connections per sweep (ADR 0033), yet a token's expiry still closes every
 * connection at the first sweep after it, whatever its stripe: the expiry is queued. On the server without a ticker
 * ({@link HttpHarness}): the test waits for the expiry to pass, then sweeps once.
 */
@Timeout(60)
class ExpiryAtTheNextSweepTest {

    @TempDir
    Path dir;

    @Test
    void oneSweepAfterTheTokensExpiryClosesEveryConnectionWith4003() throws Exception {
        try (HttpHarness harness = HttpHarness.start(dir, null)) {
            List<WsClient> clients = new ArrayList<>();
            Instant expiresAt = null;
            try {
                // Fewer than the per-user cap, each in a stripe of its own: a stripe-only sweep would close one.
                for (int i = 0; i < WsEndpoint.STRIPES - 1; i++) {
                    String token = harness.token("acme-member", Duration.ofSeconds(2));
                    WsClient client = WsClient.connect(
                            URI.create("ws://127.0.0.1:" + harness.port() + WsEndpoint.PATH + "?token=" + token));
                    clients.add(client);
                    Instant own = Instant.parse(client.nextOfType("authentication")
                            .path("expires_at")
                            .asText());
                    expiresAt = expiresAt == null || own.isAfter(expiresAt) ? own : expiresAt;
                }
                Instant last = expiresAt;
                await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(last.plusMillis(50)));

                harness.sweep();

                for (WsClient client : clients) {
                    assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(4003);
                    assertThat(client.closeReason()).isEqualTo("token_expired");
                }
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }
}
