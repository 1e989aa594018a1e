package dev.zena.realtime.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.console.MutableClock;
import dev.zena.realtime.console.client.HttpAdminClient;
import dev.zena.realtime.console.client.PermissionVerdict;
import dev.zena.realtime.console.directory.Directory;
import dev.zena.realtime.console.features.permissions.PermissionsViewModel;
import dev.zena.realtime.console.features.send.SendViewModel;
import dev.zena.realtime.console.features.send.TestClientViewModel;
import dev.zena.realtime.server.Server;
import dev.zena.realtime.store.SqliteStore;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.DemoData;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console attached to a real server whose {@code channels.*} are not the defaults: the names it suggests,
 * starts its fields with and subscribes the test client to are the server's, and the server accepts them.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChannelPatternsAgainstRealServerTest {

    @TempDir
    static Path dir;

    private static Store store;
    private static Server server;
    private static String adminToken;
    private HttpAdminClient client;
    private Directory directory;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = ConfigLoader.load(
                null,
                Map.of(),
                Map.of(
                        "host",
                        "127.0.0.1",
                        "port",
                        "0",
                        "db",
                        dir.resolve("patterns.db").toString(),
                        "jwt.secret",
                        "console-test-secret-0123456789-0123456789",
                        "channels.project",
                        "proj-{project_id}.live",
                        "channels.dashboard",
                        "home.{user_id}",
                        "channels.metrics",
                        "{tenant_id}.metrics"));
        store = SqliteStore.open(config.db());
        DemoData.loadIfEmpty(store);
        server = Server.start(config, store, Clock.systemUTC());
        adminToken = new TokenIssuer(config.jwt(), Clock.systemUTC())
                .issue(store.user("acme-super").orElseThrow(), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @BeforeEach
    void attach() {
        client = new HttpAdminClient(URI.create("http://127.0.0.1:" + server.port()), () -> adminToken);
        directory = new Directory(client, Runnable::run);
    }

    @AfterEach
    void detach() {
        client.close();
    }

    @Test
    void everyChannelNameTheDirectoryBuildsIsOneTheServerParses() {
        directory.refresh().join();

        assertThat(directory.channels())
                .contains("proj-acme-tower.live", "home.acme-pm", "acme.metrics", "task.acme-t1", "alerts.acme-pm")
                .noneMatch(c -> c.startsWith("project.") || c.startsWith("dashboard.") || c.startsWith("metrics."));
        for (String channel : directory.channels()) {
            PermissionVerdict verdict =
                    client.checkPermission("acme-pm", channel).join();
            assertThat(verdict.code()).as(channel + " matches a pattern").isNotEqualTo("INVALID_MESSAGE");
        }
    }

    @Test
    void thePermissionAndSendFieldsUseTheServersPatterns() {
        PermissionsViewModel permissions = new PermissionsViewModel(client, directory, Runnable::run);
        SendViewModel send = new SendViewModel(client, directory, Runnable::run);
        directory.refresh().join();

        assertThat(permissions.channelProperty().get()).isEqualTo("proj-acme-bridge.live");
        permissions.check().join();
        assertThat(permissions.verdictTextProperty().get()).startsWith("DENIED (403 FORBIDDEN)");

        send.channelProperty().set(send.suggestions("proj-acme-t").get(0));
        assertThat(send.send().join()).isZero();
        assertThat(send.resultProperty().get())
                .isEqualTo("Delivered to 0 connections (test.ping → proj-acme-tower.live)");
        assertThat(send.channelPromptProperty().get()).contains("proj-acme-tower.live");
    }

    @Test
    void theTestClientSubscribesToTheServersChannelName() {
        ExecutorService ui = Executors.newSingleThreadExecutor();
        try {
            Directory names = new Directory(client, ui);
            TestClientViewModel watcher =
                    onUi(ui, () -> new TestClientViewModel(client, names, ui, new MutableClock(Instant.EPOCH)));
            names.refresh().join();
            assertThat(onUi(ui, () -> watcher.channelsProperty().get())).isEqualTo("proj-acme-tower.live");

            onUi(ui, () -> {
                        watcher.userProperty().set("acme-member");
                        return watcher.connect();
                    })
                    .join();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> onUi(
                            ui,
                            () -> watcher.log().stream()
                                    .anyMatch(line ->
                                            line.text().contains("subscription granted: proj-acme-tower.live"))));
            onUi(ui, () -> {
                watcher.disconnect();
                return null;
            });
        } finally {
            ui.shutdownNow();
        }
    }

    /** Runs on the view models' thread, as the FX thread would, and waits for the answer. */
    private static <T> T onUi(ExecutorService ui, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, ui).join();
    }
}
