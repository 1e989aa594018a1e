package dev.zena.realtime.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §4.2 for every channel kind: a user granted a channel loses it when ANOTHER store instance on the same file
 * (as {@code import} or a backend writing the database would) removes that user's access, and gets an
 * {@code unsubscription} with the reason for exactly that channel within 1 second, keeping its other channel; a
 * user still granted the same kind keeps it. Each case ends on sentinels, never on a quiet window: the next frame
 * the subscriber gets is an event on the channel it kept, and the bystander's next frames are a pong and an event on
 * its channel. The scenario per kind is an exhaustive switch: a new kind does not compile until it has one.
 */
@Timeout(60)
class RevocationByChannelKindTest {

    private static final Duration WITHIN = Duration.ofMillis(1500);

    /**
     * One way to lose one channel: {@code user} holds {@code channel} and {@code kept}; {@code change} removes its
     * access to {@code channel} only; {@code bystander} holds {@code bystanderChannel} (of the same kind) and keeps it.
     */
    record Scenario(
            String name,
            String user,
            String channel,
            String kept,
            String bystander,
            String bystanderChannel,
            Change apply,
            int status,
            String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A store write made by another process. */
    @FunctionalInterface
    interface Change {
        void applyTo(Store otherProcess) throws Exception;
    }

    static Scenario scenario(ChannelKind kind) {
        return switch (kind) {
            case DASHBOARD ->
                new Scenario(
                        "dashboard: dashboard.view removed from the member role",
                        "acme-member",
                        "dashboard.acme-member",
                        "project.acme-tower",
                        "acme-pm",
                        "dashboard.acme-pm",
                        without(Role.MEMBER, Permission.DASHBOARD_VIEW),
                        403,
                        "FORBIDDEN");
            case ALERTS ->
                new Scenario(
                        "alerts: dashboard.view removed from the member role",
                        "acme-member",
                        "alerts.acme-member",
                        "project.acme-tower",
                        "acme-pm",
                        "alerts.acme-pm",
                        without(Role.MEMBER, Permission.DASHBOARD_VIEW),
                        403,
                        "FORBIDDEN");
            case NOTIFICATIONS ->
                new Scenario(
                        "notifications: notifications.view removed from the member role",
                        "acme-member",
                        "notifications.acme-member",
                        "project.acme-tower",
                        "acme-pm",
                        "notifications.acme-pm",
                        without(Role.MEMBER, Permission.NOTIFICATIONS_VIEW),
                        403,
                        "FORBIDDEN");
            case METRICS ->
                new Scenario(
                        "metrics: the project manager becomes a client",
                        "acme-pm",
                        "metrics.acme",
                        "dashboard.acme-pm",
                        "acme-member",
                        "metrics.acme",
                        imported("{\"users\":[{\"id\":\"acme-pm\",\"tenant_id\":\"acme\",\"name\":\"Pat Manager\","
                                + "\"email\":\"pat@acme.test\",\"role\":\"client\"}]}"),
                        403,
                        "FORBIDDEN");
            case SYSTEM ->
                new Scenario(
                        "system: tenants.view removed from the admin role",
                        "acme-admin",
                        "system.acme",
                        "dashboard.acme-admin",
                        "acme-super",
                        "system.acme",
                        without(Role.ADMIN, Permission.TENANTS_VIEW),
                        403,
                        "FORBIDDEN");
            case PROJECT ->
                new Scenario(
                        "project: the client removed from the project's members",
                        "acme-client",
                        "project.acme-tower",
                        "dashboard.acme-client",
                        "acme-member",
                        "project.acme-tower",
                        imported("{\"projects\":[{\"id\":\"acme-tower\",\"tenant_id\":\"acme\",\"name\":\"Tower\","
                                + "\"members\":[\"acme-member\"]}]}"),
                        403,
                        "FORBIDDEN");
            case TASK ->
                new Scenario(
                        "task: the client's task reassigned to the member",
                        "acme-client",
                        "task.acme-t2",
                        "dashboard.acme-client",
                        "acme-member",
                        "task.acme-t2",
                        store -> store.saveTask(
                                new Task("acme-t2", "acme", "acme-bridge", "Survey", "open", "acme-member")),
                        403,
                        "FORBIDDEN");
        };
    }

    /** Ways to lose a channel beyond one per kind: its resource deleted (404), also by a cascade. */
    static Stream<Scenario> deletions() {
        return Stream.of(
                new Scenario(
                        "task deleted",
                        "acme-member",
                        "task.acme-t1",
                        "project.acme-tower",
                        "acme-pm",
                        "task.acme-t3",
                        imported("{\"deleted\":{\"tasks\":[\"acme-t1\"]}}"),
                        404,
                        "NOT_FOUND"),
                new Scenario(
                        "project deleted",
                        "acme-member",
                        "project.acme-bridge",
                        "project.acme-tower",
                        "acme-pm",
                        "task.acme-t1",
                        imported("{\"deleted\":{\"projects\":[\"acme-bridge\"]}}"),
                        404,
                        "NOT_FOUND"),
                new Scenario(
                        "project deleted, with its tasks",
                        "acme-member",
                        "task.acme-t3",
                        "project.acme-tower",
                        "acme-pm",
                        "task.acme-t1",
                        imported("{\"deleted\":{\"projects\":[\"acme-bridge\"]}}"),
                        404,
                        "NOT_FOUND"));
    }

    @TempDir
    Path dir;

    TestServer server;
    Store otherProcess;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        otherProcess = Stores.open(server.config().db());
    }

    @AfterEach
    void stop() {
        otherProcess.close();
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelKind.class)
    void losingAccessEndsExactlyThatChannelWithAReason(ChannelKind kind) throws Exception {
        losesExactlyTheChannel(scenario(kind));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletions")
    void deletingTheResourceEndsItsChannelWithNotFound(Scenario scenario) throws Exception {
        losesExactlyTheChannel(scenario);
    }

    private void losesExactlyTheChannel(Scenario scenario) throws Exception {
        assertThat(scenario.bystanderChannel())
                .as("each sentinel event reaches one client")
                .isNotEqualTo(scenario.kept());
        try (WsClient client = subscribed(scenario.user(), scenario.channel(), scenario.kept());
                WsClient bystander = subscribed(scenario.bystander(), scenario.bystanderChannel())) {
            scenario.apply().applyTo(otherProcess);

            JsonNode lost = client.next(WITHIN);
            assertThat(lost.path("type").asText()).isEqualTo("unsubscription");
            assertThat(lost.path("channels").toString()).isEqualTo("[\"" + scenario.channel() + "\"]");
            assertThat(lost.path("remaining_channels").toString()).isEqualTo("[\"" + scenario.kept() + "\"]");
            assertThat(lost.path("reason").path("status").asInt()).isEqualTo(scenario.status());
            assertThat(lost.path("reason").path("code").asText()).isEqualTo(scenario.code());

            publish(scenario.kept());
            assertThat(eventChannel(client.next(WITHIN)))
                    .as("the subscriber's next frame")
                    .isEqualTo(scenario.kept());

            // The bystander's lane had the re-check queued before this ping, if it was re-checked at all.
            assertThat(bystander.request("{\"type\":\"ping\"}").path("type").asText())
                    .isEqualTo("pong");
            publish(scenario.bystanderChannel());
            assertThat(eventChannel(bystander.next(WITHIN)))
                    .as("the bystander's next frame")
                    .isEqualTo(scenario.bystanderChannel());
        }
    }

    private void publish(String channel) {
        assertThat(server.publish("acme", channel, "probe.sent", JsonNodeFactory.instance.objectNode()))
                .as("holders of %s", channel)
                .isPositive();
    }

    private static String eventChannel(JsonNode message) {
        assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("event");
        assertThat(message.path("event").asText()).isEqualTo("probe.sent");
        return message.path("channel").asText();
    }

    private WsClient subscribed(String userId, String... channels) {
        WsClient client = server.clientAs(userId);
        String list = String.join("\",\"", channels);
        JsonNode reply = client.request("{\"type\":\"subscribe\",\"channels\":[\"" + list + "\"]}");
        assertThat(reply.path("granted").toString()).as(userId).isEqualTo("[\"" + list + "\"]");
        return client;
    }

    private static Change without(Role role, Permission permission) {
        return store -> {
            PermissionMatrix matrix = store.permissions();
            Set<Permission> kept = EnumSet.copyOf(matrix.of(role));
            kept.remove(permission);
            store.savePermissions(matrix.withRole(role, kept));
        };
    }

    private static Change imported(String json) {
        return store -> new Importer(store).importDocument(json.getBytes(StandardCharsets.UTF_8), false);
    }
}
