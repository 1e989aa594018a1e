package dev.zena.realtime.bench.jmh;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.bench.load.BenchData;
import dev.zena.realtime.config.ChannelsConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The access decision of one {@code subscribe}: parse the channel name, read the caller, decide over a SQLite store
 * (in a temp dir, loaded through the {@link Importer} with the bench data) — what the server does per channel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessBenchmark {

    @Param({"task.bench-t1", "project.bench-p1", "dashboard.bench-u1"})
    public String channelName;

    private Path dir;
    private Store store;
    private AccessPolicy policy;
    private ChannelCatalog catalog;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("zena-jmh");
        store = Stores.open(dir.resolve("bench.db").toString());
        new Importer(store).importDocument(BenchData.importDocument(1000, 100).getBytes(StandardCharsets.UTF_8), false);
        catalog = new ChannelCatalog(new ChannelsConfig(
                "dashboard.{user_id}",
                "alerts.{user_id}",
                "notifications.{user_id}",
                "metrics.{tenant_id}",
                "system.{tenant_id}",
                "project.{project_id}",
                "task.{task_id}"));
        policy = new AccessPolicy(store, catalog);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Decision decide() {
        Channel channel = catalog.parse(channelName).orElseThrow();
        return policy.decide(store.user("bench-u1").orElseThrow(), channel);
    }
}
