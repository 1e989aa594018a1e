package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.publish.SignedRequests;
import dev.zena.realtime.testing.ServeProcess;
import dev.zena.realtime.testing.TestPostgres;
import dev.zena.realtime.testing.TestRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster a chaos run breaks: {@code serve} child JVMs on the JVM's {@link TestRedis} and a PostgreSQL of its
 * own (so that restarting it disturbs no other test), the nodes in service (those clients and publishers use), and
 * the faults: Redis stopped and started (empty), PostgreSQL stopped and started, a node SIGKILLed or SIGTERMed,
 * a replacement node started under a new id.
 */
final class ChaosCluster implements AutoCloseable {

    /** An upper bound for a node's start on a loaded machine, not a wait. */
    static final Duration START = Duration.ofSeconds(90);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final TestPostgres postgres;
    private final ProcessCluster shared;
    private final List<ServeProcess> all = new CopyOnWriteArrayList<>();
    private final List<ServeProcess> inService = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicInteger publishes = new AtomicInteger();
    /** Drains and starts block for seconds: threads of their own, never the common pool's few. */
    private final ExecutorService background = Executors.newCachedThreadPool();

    private ChaosCluster(Path dir, TestPostgres postgres, ProcessCluster shared) {
        this.dir = dir;
        this.postgres = postgres;
        this.shared = shared;
    }

    /** Starts {@code nodes} nodes side by side and returns once every one is ready. */
    static ChaosCluster start(Path dir, int nodes) throws Exception {
        TestPostgres postgres = TestPostgres.startPrivate();
        ChaosCluster cluster = new ChaosCluster(dir, postgres, ProcessCluster.create(postgres));
        List<ServeProcess> launched = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            launched.add(cluster.launch());
        }
        for (ServeProcess node : launched) {
            node.awaitReady(START);
            cluster.inService.add(node);
        }
        return cluster;
    }

    private ServeProcess launch() {
        String name = "node-" + (char) ('a' + names.getAndIncrement());
        Map<String, String> env = shared.env(name);
        env.put("WEBSOCKET_LIMITS_CONNECTIONS_PER_USER", "50"); // reconnections overlap the dead ones' 30 s
        ServeProcess node = ServeProcess.launch(dir, name, env);
        all.add(node);
        return node;
    }

    String token(String user) {
        return shared.token(user);
    }

    /** The {@code ws://} addresses of the nodes in service, for clients choosing where to (re)connect. */
    List<URI> webSockets() {
        return inService.stream().map(ServeProcess::ws).toList();
    }

    List<ServeProcess> inService() {
        return List.copyOf(inService);
    }

    /**
     * A signed broadcast of event {@code seq} to {@code tenant}'s {@code channel} through the next node in service
     * (round robin); the HTTP status, or -1 when no answer came (a node dying under the request).
     */
    int publish(String tenant, String channel, int seq) {
        List<ServeProcess> nodes = inService();
        ServeProcess node = nodes.get(Math.floorMod(publishes.getAndIncrement(), nodes.size()));
        byte[] body = ("{\"tenant_id\":\"" + tenant + "\",\"channel\":\"" + channel + "\",\"event\":\"chaos\","
                        + "\"data\":{\"tenant\":\"" + tenant + "\",\"seq\":" + seq + "}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(node.http("/api/v1/broadcast"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        SignedRequests.signed(body).forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stopRedis() {
        TestRedis.get().stop();
    }

    /** Starts Redis again (empty) and returns once every node in service is ready again. */
    void startRedis() {
        TestRedis.get().start();
        awaitReady();
    }

    void stopPostgres() {
        postgres.stop();
    }

    void startPostgres() {
        postgres.start();
        awaitReady();
    }

    private void awaitReady() {
        for (ServeProcess node : inService()) {
            node.awaitReady(Duration.ofSeconds(30));
        }
    }

    /** SIGKILL: out of service first, so that nobody is sent to it afterwards. */
    void kill(ServeProcess node) {
        inService.remove(node);
        node.kill();
    }

    /** SIGTERM, drained in the background (clients leave with 1001 meanwhile); completes with its exit code. */
    CompletableFuture<Integer> terminate(ServeProcess node) {
        inService.remove(node);
        return CompletableFuture.supplyAsync(() -> node.terminate(Duration.ofSeconds(30)), background);
    }

    /** A new node under a new id, put in service once ready; in the background. */
    CompletableFuture<ServeProcess> replace() {
        return CompletableFuture.supplyAsync(
                () -> {
                    ServeProcess node = launch();
                    node.awaitReady(START);
                    inService.add(node);
                    return node;
                },
                background);
    }

    /**
     * What the nodes logged as ERROR: per node the count of ERROR lines and the distinct exception lines
     * (class and message, and their causes), for the run's report.
     */
    String errors() {
        StringBuilder out = new StringBuilder();
        for (ServeProcess node : all) {
            List<String> lines = node.log().lines().toList();
            long count = lines.stream().filter(line -> line.contains(" ERROR ")).count();
            out.append(node.name()).append(": ").append(count).append(" ERROR lines\n");
            lines.stream()
                    .filter(line -> line.matches("^(Caused by: )?[\\w.$]+(Exception|Error)(:.*)?$"))
                    .map(line -> line.length() > 200 ? line.substring(0, 200) : line)
                    .distinct()
                    .limit(8)
                    .forEach(line -> out.append("    ").append(line).append('\n'));
        }
        return out.toString();
    }

    /** Every node's log, for a failure message. */
    String logs() {
        StringBuilder out = new StringBuilder();
        for (ServeProcess node : all) {
            String log = node.log();
            out.append("---- ")
                    .append(node.name())
                    .append('\n')
                    .append(log, Math.max(0, log.length() - 4000), log.length());
        }
        return out.toString();
    }

    @Override
    public void close() {
        background.shutdownNow();
        all.forEach(ServeProcess::close);
        TestRedis.get().start(); // in case the run failed during an outage: the next class needs it
        shared.close();
        postgres.stop();
        assertThat(TestRedis.get().isRunning()).isTrue();
    }
}
