package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.metrics.TrafficKind;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5 message rates over real sockets, on a stopped clock moved by the test (so "a second later" is exact):
 * 2 frames per connection per second, 3 per tenant per second.
 */
@Timeout(30)
class RateLimitTest {

    @TempDir
    Path dir;

    TestClock clock = TestClock.frozenNow();
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(
                dir,
                Map.of("limits.messages_per_connection", "2", "limits.messages_per_tenant", "3"),
                "fixtures/basic.json",
                clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void overTheRateOneRateLimitedReplyPerSecondTheRestDroppedSilentlyAndAllCounted() {
        try (WsClient client = server.client()) {
            client.send(ping("p1")).send(ping("p2")).send(ping("p3")).send(ping("p4"));
            assertThat(client.next().path("id").asText()).isEqualTo("p1");
            assertThat(client.next().path("id").asText()).isEqualTo("p2");
            JsonNode refused = client.next();
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(refused.path("status").asInt()).isEqualTo(429);
            assertThat(refused.path("message").asText()).isEqualTo("Rate limit exceeded");
            assertThat(refused.path("id").asText()).isEqualTo("p3");
            awaitDropped(2);
            clock.advance(Duration.ofSeconds(1));
            JsonNode next = client.request(ping("q1"));
            assertThat(next.path("id").asText())
                    .as("p4 was dropped without a reply")
                    .isEqualTo("q1");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void binaryFramesCountToo() {
        try (WsClient client = server.client()) {
            client.sendBinary(new byte[] {1}).sendBinary(new byte[] {2}).sendBinary(new byte[] {3});
            assertThat(client.next().path("code").asText()).isEqualTo("INVALID_MESSAGE");
            assertThat(client.next().path("code").asText()).isEqualTo("INVALID_MESSAGE");
            JsonNode refused = client.next();
            assertThat(refused.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(refused.has("id")).isFalse();
        }
    }

    @Test
    void refusalsInFiveConsecutiveSecondsCloseWith4008() {
        try (WsClient client = server.client()) {
            refuseUntilClosedForAbuse(client);
            assertThat(client.closeReason()).isEqualTo("rate limit abuse");
            assertThat(client.drain()).hasSize(2).allMatch(m -> m.contains("pong"));
        }
    }

    @Test
    void aConnectionRefusedInConsecutiveSecondsIsReadAgainOnlyAfterAPauseAndEveryFrameStillCounts() {
        try (WsClient client = server.client()) {
            twoAnsweredThirdRefused(client, "0", "a burst: refused, not slowed");
            clock.advance(Duration.ofSeconds(1));
            twoAnsweredThirdRefused(client, "1", "refused in a second second: flooding");
            assertReadAgainOnlyAfterThePause(client, System.nanoTime(), "read again after the pause of ADR 0010");
            awaitDropped(2);
        }
    }

    @Test
    void aUserClosedWith4008WhoReconnectsAtOnceIsReadAfterAPauseFromItsFirstRefusal() {
        try (WsClient client = server.clientAs("acme-member")) {
            clock.advance(Duration.ofSeconds(1)); // the authentication took a token; start with full buckets
            refuseUntilClosedForAbuse(client);
        }
        try (WsClient again = server.clientAs("acme-member")) {
            clock.advance(Duration.ofSeconds(1));
            twoAnsweredThirdRefused(again, "", "first refusal after the reconnect");
            assertReadAgainOnlyAfterThePause(again, System.nanoTime(), "within the 30 s back-off: paused at once");
        }
    }

    @Test
    void theTenantRateIsSharedByItsConnectionsAndLeavesOtherTenantsAlone() {
        try (WsClient first = server.clientAs("acme-member");
                WsClient second = server.clientAs("acme-pm");
                WsClient other = server.clientAs("globex-member")) {
            clock.advance(Duration.ofSeconds(1)); // the authentications took tokens; start both buckets full
            first.send(ping("f1")).send(ping("f2"));
            assertThat(first.next().path("id").asText()).isEqualTo("f1");
            assertThat(first.next().path("id").asText()).isEqualTo("f2");
            assertThat(second.request(ping("s1")).path("type").asText()).isEqualTo("pong");
            JsonNode refused = second.request(ping("s2"));
            assertThat(refused.path("code").asText())
                    .as("its own bucket had a token left")
                    .isEqualTo("RATE_LIMITED");
            assertThat(other.request(ping("o1")).path("type").asText()).isEqualTo("pong");
        }
    }

    /** Four clock seconds of two answered pings and one refused, then a fifth batch: the server closes with 4008. */
    private void refuseUntilClosedForAbuse(WsClient client) {
        for (int second = 0; second < 4; second++) {
            twoAnsweredThirdRefused(client, String.valueOf(second), "second " + second);
            clock.advance(Duration.ofSeconds(1));
        }
        client.send(ping("a4")).send(ping("b4")).send(ping("c4"));
        assertThat(client.awaitClose(WsClient.WAIT)).isEqualTo(4008);
    }

    /**
     * Sends pings {@code a}, {@code b}, {@code c} (each id with {@code suffix}) in one burst within the connection's
     * two messages a second: the first two are answered, the third refused with RATE_LIMITED.
     */
    private static void twoAnsweredThirdRefused(WsClient client, String suffix, String why) {
        client.send(ping("a" + suffix)).send(ping("b" + suffix)).send(ping("c" + suffix));
        assertThat(client.next().path("id").asText()).isEqualTo("a" + suffix);
        assertThat(client.next().path("id").asText()).isEqualTo("b" + suffix);
        assertThat(client.next().path("code").asText()).as(why).isEqualTo("RATE_LIMITED");
    }

    /**
     * Called right after a refusal that should pause reading: a clock second later (a token is back) a ping is
     * answered, but only once the pause is over, at least half of it after {@code refusedAt} (a lower bound only).
     */
    private void assertReadAgainOnlyAfterThePause(WsClient client, long refusedAt, String why) {
        clock.advance(Duration.ofSeconds(1));
        JsonNode next = client.request(ping("q"));
        assertThat(next.path("id").asText()).isEqualTo("q");
        assertThat((System.nanoTime() - refusedAt) / 1_000_000)
                .as(why)
                .isGreaterThanOrEqualTo(ReadPause.PAUSE_MILLIS / 2);
    }

    private void awaitDropped(long n) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.server().metrics().traffic().today(null, TrafficKind.DROPPED) == n);
    }

    private static String ping(String id) {
        return "{\"type\":\"ping\",\"id\":\"" + id + "\"}";
    }
}
