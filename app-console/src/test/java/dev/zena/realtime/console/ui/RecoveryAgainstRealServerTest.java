package dev.zena.realtime.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.HttpAdminClient;
import dev.zena.realtime.console.client.TestEvent;
import dev.zena.realtime.console.directory.Directory;
import dev.zena.realtime.console.features.connections.ChannelStateViewModel;
import dev.zena.realtime.console.features.connections.ConnectionsViewModel;
import dev.zena.realtime.console.features.send.RecoveryAnswer;
import dev.zena.realtime.console.features.send.TestClientLine;
import dev.zena.realtime.console.features.send.TestClientViewModel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15 item 6 against a real embedded server: the test client subscribed, disconnected, three events published
 * to its channel through the admin test-event API, reconnected — it shows the three, marked recovered, in order,
 * and the recovery answer; and the channel panel reads the channel's position and presence with the admin token.
 * The view models run on one thread standing in for the FX thread.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RecoveryAgainstRealServerTest {

    private static final String TOWER = "project.acme-tower";
    private static final String BRIDGE = "project.acme-bridge";

    private static LiveServer live;
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final HttpAdminClient client = new HttpAdminClient(live.server.address(), live.server::adminToken);

    @BeforeAll
    static void start() throws Exception {
        live = new LiveServer();
    }

    @AfterAll
    static void stop() {
        live.stop();
    }

    @AfterEach
    void close() {
        ui.shutdownNow();
        client.close();
    }

    @Test
    void disconnectPublishThreeReconnectShowsTheThreeRecoveredInOrder() {
        TestClientViewModel watcher =
                onUi(() -> new TestClientViewModel(client, new Directory(client, ui), ui, Clock.systemUTC()));
        onUi(() -> {
                    watcher.userProperty().set("acme-member");
                    watcher.channelsProperty().set(TOWER);
                    return watcher.connect();
                })
                .join();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onUi(() -> !watcher.positionsProperty().get().isEmpty()));
        long before = offsetIn(onUi(() -> watcher.positionsProperty().get()));

        onUi(() -> {
            watcher.disconnect();
            return null;
        });
        for (int n = 1; n <= 3; n++) {
            assertThat(client.sendEvent(TestEvent.toChannel(TOWER, "test.missed", AdminJson.parse("{\"n\":" + n + "}")))
                            .join())
                    .as("nobody holds the channel now")
                    .isZero();
        }
        onUi(watcher::reconnect).join();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> onUi(() -> watcher.recoveredReceivedProperty().get() == 3));
        assertThat(onUi(() -> List.copyOf(watcher.recoveries())))
                .singleElement()
                .satisfies(answer -> {
                    assertThat(answer.channel()).isEqualTo(TOWER);
                    assertThat(answer.isRecovered()).isTrue();
                    assertThat(answer.describe()).isEqualTo(TOWER + ": recovered · 3 missed events replayed");
                });
        List<TestClientLine> replayed = onUi(() -> watcher.log().stream()
                .filter(line -> line.kind() == TestClientLine.Kind.RECOVERED_EVENT)
                .toList());
        assertThat(replayed)
                .extracting(TestClientLine::text)
                .containsExactly(
                        "RECOVERED event test.missed on " + TOWER + " #" + (before + 1) + " (test)  {\"n\":1}",
                        "RECOVERED event test.missed on " + TOWER + " #" + (before + 2) + " (test)  {\"n\":2}",
                        "RECOVERED event test.missed on " + TOWER + " #" + (before + 3) + " (test)  {\"n\":3}");

        // a live event after the recovery is listed as live
        assertThat(client.sendEvent(TestEvent.toChannel(TOWER, "test.live", AdminJson.parse("{}")))
                        .join())
                .isOne();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onUi(() -> watcher.eventsReceivedProperty().get() == 4));
        assertThat(onUi(() -> watcher.log().get(watcher.log().size() - 1))).satisfies(line -> {
            assertThat(line.kind()).isEqualTo(TestClientLine.Kind.EVENT);
            assertThat(line.text()).startsWith("event test.live on " + TOWER + " #" + (before + 4));
        });
        assertThat(onUi(() -> List.copyOf(watcher.recoveries())))
                .extracting(RecoveryAnswer::replayed)
                .containsExactly(3);
        onUi(() -> {
            watcher.disconnect();
            return null;
        });
    }

    @Test
    void theChannelPanelShowsThePositionAndWhoIsInTheChannelAndARefusalAsSuch() throws Exception {
        // a channel of its own, so that the other test's client cannot be among those present
        try (UserSocket pm = new UserSocket(live.server.address(), live.tokenFor("acme-pm"))) {
            pm.subscribe(BRIDGE);
            await().atMost(Duration.ofSeconds(5)).until(() -> pm.hasReceived("subscription"));
            client.sendEvent(TestEvent.toChannel(BRIDGE, "test.position", AdminJson.parse("{}")))
                    .join();
            await().atMost(Duration.ofSeconds(5)).until(() -> !pm.events().isEmpty());
            long offset = pm.events().get(0).path("offset").asLong();
            String epoch = pm.events().get(0).path("epoch").asText();

            ChannelStateViewModel channel =
                    onUi(() -> new ConnectionsViewModel(client, ui, Clock.systemUTC()).channel());
            onUi(() -> {
                channel.channelProperty().set(BRIDGE);
                return null;
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> onUi(() -> !channel.busyProperty().get()));
            assertThat(onUi(() -> channel.statusProperty().get())).startsWith(BRIDGE + " as of");
            assertThat(onUi(() -> channel.positionProperty().get()))
                    .isEqualTo("offset " + offset + " · epoch " + epoch);
            assertThat(onUi(() -> channel.presenceProperty().get())).isEqualTo("1 user present · 1 connection");
            assertThat(onUi(() -> List.copyOf(channel.users()))).containsExactly("Paul Park (acme-pm) · 1 connection");

            onUi(() -> {
                channel.channelProperty().set("project.globex-plant");
                return null;
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> onUi(() -> !channel.busyProperty().get()));
            int status = refusalOf("project.globex-plant");
            assertThat(onUi(() -> channel.statusProperty().get()))
                    .startsWith("The console's admin token may not read project.globex-plant: " + status);
        }
    }

    /** The status the server answers the admin for {@code channel}; the panel must show the same. */
    private int refusalOf(String channel) {
        AdminApiException[] refusal = new AdminApiException[1];
        assertThatThrownBy(() -> client.presence(channel).join())
                .cause()
                .isInstanceOfSatisfying(AdminApiException.class, e -> refusal[0] = e);
        assertThat(refusal[0].status()).as("acme-super is of tenant acme").isIn(403, 404);
        return refusal[0].status();
    }

    private static long offsetIn(String positions) {
        // "project.acme-tower at #N (epoch E)"
        return Long.parseLong(positions.replaceAll(".* at #(\\d+) .*", "$1"));
    }

    /** Runs on the view models' thread, as the FX thread would, and waits for the answer. */
    private <T> T onUi(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, ui).join();
    }
}
