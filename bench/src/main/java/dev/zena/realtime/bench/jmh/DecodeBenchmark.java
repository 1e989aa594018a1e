package dev.zena.realtime.bench.jmh;

import dev.zena.realtime.protocol.ClientMessage;
import dev.zena.realtime.protocol.ProtocolException;
import dev.zena.realtime.protocol.WireCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Decoding one client frame, as the server does for every inbound message. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {

    @Param({"subscribe", "authenticate", "ping"})
    public String frame;

    private final WireCodec codec = new WireCodec();
    private String text;

    @Setup
    public void setUp() {
        text = switch (frame) {
            case "subscribe" ->
                "{\"type\":\"subscribe\",\"id\":\"s1\",\"channels\":[\"task.bench-t1\",\"project.bench-p1\"]}";
            case "authenticate" ->
                "{\"type\":\"authenticate\",\"id\":1,\"token\":\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                        + "eyJzdWIiOiJiZW5jaC11MCIsInRlbmFudF9pZCI6ImJlbmNoIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDcyMDB9."
                        + "c2lnbmF0dXJlLW5vdC1jaGVja2VkLWhlcmUtYnktdGhlLWNvZGVj\"}";
            default -> "{\"type\":\"ping\"}";
        };
    }

    @Benchmark
    public ClientMessage decode() throws ProtocolException {
        return codec.decode(text);
    }
}
