package dev.zena.realtime.pusher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.TestRedis;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Laravel's {@code redis} broadcaster (SPEC §12) against a real Redis: a raw PUBLISH in Laravel's format on
 * {@code {prefix}{laravel channel}} reaches Pusher and {@code /ws} subscribers of the mapped channel, skips its
 * {@code socket}, and unmapped or malformed messages are counted and delivered nowhere; after Redis restarts the
 * listener receives again by itself.
 */
@Timeout(90)
class LaravelRedisListenerTest {

    @TempDir
    Path dir;

    TestServer server;
    String prefix;
    RedisClient redis;
    StatefulRedisConnection<String, String> publisher;

    @BeforeEach
    void start() {
        TestRedis test = TestRedis.get();
        prefix = "laravel_" + TestRedis.newPrefix() + "_database_";
        Map<String, String> settings = new HashMap<>(PusherProtocolTest.SETTINGS);
        settings.put("laravel.redis.url", test.url());
        settings.put("laravel.redis.prefix", prefix);
        server = TestServer.start(dir, settings, "fixtures/basic.json");
        redis = RedisClient.create(test.url());
        publisher = redis.connect();
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.sync().pubsubNumpat() >= 1);
    }

    @AfterEach
    void stop() {
        publisher.close();
        redis.shutdown();
        server.close();
    }

    @Test
    void aLaravelPublishReachesPusherAndWsSubscribersButNotItsSocket() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server);
                PusherClient sender = PusherClient.connect(server);
                WsClient ws = server.clientAs("acme-member")) {
            pusher.subscribeAs("acme-member", "private-project.acme-tower");
            sender.subscribeAs("acme-member", "private-project.acme-tower");
            ws.send("{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\"]}");
            ws.nextOfType("subscription");

            publisher
                    .sync()
                    .publish(
                            prefix + "private-project.acme-tower",
                            "{\"event\":\"comment.created\"," + "\"data\":{\"id\":7,\"socket\":null},\"socket\":\""
                                    + sender.socketId + "\"}");

            JsonNode event = pusher.nextEvent("comment.created");
            assertThat(event.path("channel").asText()).isEqualTo("private-project.acme-tower");
            assertThat(PusherClient.data(event).path("id").asInt()).isEqualTo(7);
            assertThat(ws.nextOfType("event").path("data").path("id").asInt()).isEqualTo(7);
            sender.assertNothingBeforePong();
            await().atMost(Duration.ofSeconds(5)).until(() -> counts().delivered() == 1);
        }
    }

    @Test
    void unmappedAndMalformedMessagesAreCountedAndDeliveredNowhere() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server)) {
            pusher.subscribeAs("acme-member", "private-project.acme-tower");
            publisher.sync().publish(prefix + "private-invoice.7", "{\"event\":\"x\",\"data\":{}}");
            publisher.sync().publish(prefix + "private-project.nope", "{\"event\":\"x\",\"data\":{}}");
            publisher
                    .sync()
                    .publish(
                            prefix + "private-tenant.globex.user.acme-member.notifications",
                            "{\"event\":\"x\",\"data\":{}}");
            publisher.sync().publish(prefix + "private-project.acme-tower", "not json");
            publisher.sync().publish(prefix + "private-project.acme-tower", "{\"data\":{}}");
            publisher.sync().publish(prefix + "private-project.acme-tower", "{\"event\":\"sentinel\",\"data\":{}}");
            pusher.nextEvent("sentinel");
            pusher.assertNothingBeforePong();
            await().atMost(Duration.ofSeconds(5)).until(() -> counts().received() == 6);
            LaravelRedisListener.Counts counts = counts();
            assertThat(counts.unmapped()).isEqualTo(3);
            assertThat(counts.malformed()).isEqualTo(2);
            assertThat(counts.delivered()).isEqualTo(1);
        }
    }

    @Test
    void afterRedisRestartsTheListenerSubscribesAgainByItself() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server)) {
            pusher.subscribeAs("acme-member", "private-project.acme-tower");
            TestRedis.get().stop();
            TestRedis.get().start();
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> publisher.sync().pubsubNumpat() >= 1);
            publisher.sync().publish(prefix + "private-project.acme-tower", "{\"event\":\"back\",\"data\":{}}");
            assertThat(pusher.nextEvent("back").path("channel").asText()).isEqualTo("private-project.acme-tower");
        }
    }

    private LaravelRedisListener.Counts counts() {
        return server.server().laravelRedis().counts();
    }
}
