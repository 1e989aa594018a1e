package dev.zena.realtime.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.broker.MemoryBroker;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.hub.Outbound;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One publish through the memory broker and the {@link Hub}: stamp the event in its channel's log, encode it once,
 * then queue the text to every subscriber of the channel.
 * The {@link Outbound}s are fakes that accept the frame and count it, so this measures the hub, not the socket.
 * Divide the time by {@code subscribers} for the cost per delivery.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FanoutBenchmark {

    @Param({"1000", "5000"})
    public int subscribers;

    private Hub hub;
    private MemoryBroker broker;
    private JsonNode data;
    private final CountingOutbound outbound = new CountingOutbound();

    @Setup
    public void setUp() throws Exception {
        hub = new Hub(new WireCodec(), Clock.systemUTC());
        broker = new MemoryBroker(Clock.systemUTC(), 200, Duration.ofMinutes(10));
        broker.attach(hub::deliver);
        Instant now = Instant.now();
        for (int i = 0; i < subscribers; i++) {
            Connection c = new Connection("c" + i, "127.0.0.1", now, outbound, Runnable::run);
            c.authenticate(new Principal(
                    "bench-u" + i, "bench", "bench-u" + i, Role.MEMBER, now.plusSeconds(7200), null, null));
            hub.register(c);
            hub.add(c, "task.bench-t1");
        }
        // 64-byte-class payload: the task as the app API publishes it.
        data = new ObjectMapper()
                .readTree("{\"id\":\"bench-t1\",\"tenant_id\":\"bench\",\"project_id\":\"bench-p1\","
                        + "\"title\":\"t=123456789012\",\"status\":\"open\",\"assignee_id\":null}");
    }

    @Benchmark
    public int publish() {
        return broker.publish(new Envelope("bench", "task.bench-t1", "task.updated", data, false));
    }

    /** Accepts every frame; the counter keeps the JIT from discarding the work. */
    static final class CountingOutbound implements Outbound {
        long frames;
        long chars;

        @Override
        public boolean send(String text) {
            frames++;
            chars += text.length();
            return true;
        }

        @Override
        public void close(int code, String reason) {}

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
