package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.bench.Options;
import dev.zena.realtime.cli.Main;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold-start scenario in seconds: it launches a real {@code serve} process per run through a launch script, as
 * bench/run.sh does, and every client connects with its token at the handshake and subscribes, then once more on the
 * warm server ({@code --waves 2}). What it counts must be exact (every client subscribed, none failed, in each run and
 * wave); no timing is asserted.
 */
@Timeout(120)
class ShortColdStartTest {

    @TempDir
    Path dir;

    @Test
    void everyClientOfEachFreshServerIsSubscribedWithTheTokenAtTheHandshake() throws Exception {
        Path db = dir.resolve("zena.db");
        try (Store store = Stores.open(db.toString())) {
            new Importer(store).importDocument(BenchData.importDocument(30, 1).getBytes(StandardCharsets.UTF_8), false);
        }
        Path launch = dir.resolve("launch.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(
                launch,
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "exec env WEBSOCKET_JWT_SECRET='" + TestServer.SECRET + "' WEBSOCKET_DB='" + db + "' \\",
                        "  WEBSOCKET_LIMITS_HANDSHAKES_PER_IP=100000 \\",
                        "  '" + java + "' -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \\",
                        "  -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \\",
                        "  serve --host 127.0.0.1 --port \"$1\" > '" + dir.resolve("server.log") + "' 2>&1",
                        ""));
        Options options = Options.parse(
                new String[] {
                    "--launch", launch.toString(),
                    "--connections", "30",
                    "--runs", "2",
                    "--start-delay", "0.5",
                    "--connect-window", "10",
                    "--waves", "2"
                },
                0);
        Map<String, Object> report = new Scenarios(options, TestServer.SECRET, null, null).run("coldstart");

        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) report.get("metrics");
        assertThat(metrics)
                .containsEntry("connections_requested", 30)
                .containsEntry("runs", 2)
                .containsEntry("connections_failed", 0L);
        assertThat((double) metrics.get("seconds_to_all_subscribed_worst")).isPositive();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs =
                (List<Map<String, Object>>) ((Map<String, Object>) report.get("details")).get("runs");
        assertThat(runs)
                .hasSize(2)
                .allSatisfy(run -> assertThat(run)
                        .containsEntry("subscribed", 30L)
                        .containsEntry("failed", 0L)
                        .containsKey("listening_after_launch_s")
                        .hasEntrySatisfying("later_waves", ShortColdStartTest::oneWarmWaveAllSubscribed));
    }

    /** {@code --waves 2}: one more storm on the warm server, with every client subscribed and none failed. */
    @SuppressWarnings("unchecked")
    private static void oneWarmWaveAllSubscribed(Object waves) {
        assertThat((List<Map<String, Object>>) waves).singleElement().satisfies(wave -> {
            assertThat(wave).containsEntry("failed", 0L);
            assertThat((Double) wave.get("seconds_to_all_subscribed")).isPositive();
        });
    }
}
