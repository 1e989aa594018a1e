package dev.zena.realtime.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.contract.ContractFixture.FixtureTask;
import dev.zena.realtime.contract.ContractFixture.FixtureUser;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4.2, tenant isolation: every user of three tenants subscribes to every channel it is granted, one event is
 * published on every channel of every tenant, and each connection receives exactly the events of its granted
 * channels — by channel and count, offsets rising by one — and never another tenant's, super_admin included.
 */
@Timeout(60)
class IsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FENCE = "test.fence";

    @TempDir
    static Path dir;

    static TestServer server;
    static ContractFixture fixture;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Twins.GENEROUS_LIMITS, null);
        fixture = ContractFixture.generate(3).loadInto(server.store());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachConnectionReceivesExactlyTheEventsOfItsGrantedChannels() {
        Map<FixtureUser, WsClient> clients = new LinkedHashMap<>();
        Map<FixtureUser, List<String>> granted = new LinkedHashMap<>();
        try {
            for (FixtureUser user : fixture.activeUsers()) {
                WsClient client = server.clientAs(user.id());
                clients.put(user, client);
                granted.put(user, grantedChannels(user, client));
            }
            Map<String, Integer> published = publishOnEveryChannel();
            for (FixtureUser user : fixture.activeUsers()) {
                fence(user);
            }
            for (Map.Entry<FixtureUser, WsClient> entry : clients.entrySet()) {
                assertReceivedExactly(
                        entry.getKey(), received(entry.getValue()), granted.get(entry.getKey()), published);
            }
        } finally {
            clients.values().forEach(WsClient::close);
        }
    }

    @Test
    void deliveryChecksTheTenantAgainEvenWhenTheChannelIsHeld() {
        FixtureUser member = fixture.user("ten0-member");
        try (WsClient client = server.clientAs(member.id())) {
            List<String> channels = List.of("task.ten0-t1", "project.ten0-p1", "dashboard.ten0-member");
            assertThat(Twins.subscribe(client, channels).values()).allMatch(o -> o.status() == 200);
            for (String channel : channels) {
                // The event claims another tenant: the subscriber's tenant differs, so nobody may receive it.
                assertThat(server.publish("ten1", channel, "leak", data("ten1", channel)))
                        .as("connections %s was queued to", channel)
                        .isZero();
            }
            fence(member);
            List<JsonNode> events = received(client);
            assertThat(events).extracting(e -> e.path("event").asText()).containsExactly(FENCE);
        }
    }

    /** Subscribes to every real channel of every tenant; returns what was granted, checked to be own-tenant. */
    private static List<String> grantedChannels(FixtureUser user, WsClient client) {
        List<String> all = new ArrayList<>();
        for (ChannelKind kind : ChannelKind.values()) {
            fixture.idsOf(kind).forEach(id -> all.add(Twins.channel(kind, id)));
        }
        List<String> granted = new ArrayList<>();
        Twins.subscribe(client, all).forEach((channel, outcome) -> {
            if (outcome.status() == 200) {
                granted.add(channel);
            }
        });
        assertThat(granted)
                .as("channels granted to %s", user.id())
                .isNotEmpty()
                .allSatisfy(channel -> assertThat(fixture.tenantOf(Twins.kindOf(channel), Twins.idOf(channel)))
                        .isEqualTo(user.tenantId()));
        return granted;
    }

    /**
     * One PATCH per task by its tenant's admin (an event on the task's and the project's channel), and one hub
     * event on every user and tenant channel; returns the number of events published per channel.
     */
    private static Map<String, Integer> publishOnEveryChannel() {
        Map<String, Integer> published = new TreeMap<>();
        for (FixtureTask task : fixture.tasks()) {
            String admin = task.tenantId() + "-admin";
            assertThat(server.send(
                                    "PATCH",
                                    "/api/v1/app/tasks/" + task.id(),
                                    server.token(admin),
                                    "{\"status\":\"patched\"}")
                            .statusCode())
                    .isEqualTo(200);
            published.merge("task." + task.id(), 1, Integer::sum);
            published.merge("project." + task.projectId(), 1, Integer::sum);
        }
        for (ChannelKind kind : List.of(
                ChannelKind.DASHBOARD,
                ChannelKind.ALERTS,
                ChannelKind.NOTIFICATIONS,
                ChannelKind.METRICS,
                ChannelKind.SYSTEM)) {
            for (String id : fixture.idsOf(kind)) {
                String channel = Twins.channel(kind, id);
                server.publish(
                        fixture.tenantOf(kind, id), channel, "test.tick", data(fixture.tenantOf(kind, id), channel));
                published.merge(channel, 1, Integer::sum);
            }
        }
        assertThat(published.keySet())
                .hasSize(fixture.tenants().size() * 2
                        + fixture.users().size() * 3
                        + fixture.projects().size()
                        + fixture.tasks().size());
        return published;
    }

    /** Publishes the fence on the user's own dashboard channel: once it arrives, everything before it has. */
    private static void fence(FixtureUser user) {
        server.publish(
                user.tenantId(), "dashboard." + user.id(), FENCE, data(user.tenantId(), "dashboard." + user.id()));
    }

    /** Every message a client received up to and including its fence; each must be an event. */
    private static List<JsonNode> received(WsClient client) {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode message = client.next();
            assertThat(message.path("type").asText()).as("message %s", message).isEqualTo("event");
            events.add(message);
            if (FENCE.equals(message.path("event").asText())) {
                return events;
            }
        }
    }

    private static void assertReceivedExactly(
            FixtureUser user, List<JsonNode> events, List<String> granted, Map<String, Integer> published) {
        Map<String, List<Long>> offsets = new TreeMap<>();
        for (JsonNode event : events) {
            assertThat(event.path("data").path("tenant_id").asText())
                    .as("tenant of %s received by %s", event, user.id())
                    .isEqualTo(user.tenantId());
            if (!FENCE.equals(event.path("event").asText())) {
                offsets.computeIfAbsent(event.path("channel").asText(), c -> new ArrayList<>())
                        .add(event.path("offset").asLong());
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        granted.forEach(channel -> expected.put(channel, published.getOrDefault(channel, 0)));
        Map<String, Integer> counts = new TreeMap<>();
        offsets.forEach((channel, list) -> counts.put(channel, list.size()));
        assertThat(counts)
                .as("events per channel received by %s (%s)", user.id(), user.role())
                .isEqualTo(expected);
        offsets.forEach((channel, list) -> {
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i))
                        .as("offsets of %s at %s: %s", channel, user.id(), list)
                        .isEqualTo(list.get(i - 1) + 1);
            }
        });
    }

    private static JsonNode data(String tenantId, String channel) {
        return JSON.createObjectNode().put("tenant_id", tenantId).put("channel", channel);
    }
}
