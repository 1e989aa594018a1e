package dev.zena.realtime.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written non-blocking WebSocket client: a few selector threads, each owning its connections, one shared
 * read buffer per thread and no per-connection buffer unless a frame straddles two reads. Built to hold tens of
 * thousands of idle connections and to spend as little CPU as possible per received event.
 */
public final class NioTransport implements Transport {

    private final NioLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /** Starts {@code threads} selector threads. */
    public NioTransport(int threads) {
        loops = new NioLoop[threads];
        try {
            for (int i = 0; i < threads; i++) {
                loops[i] = new NioLoop("nio-client-" + i);
                loops[i].start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void connect(
            InetSocketAddress target, InetSocketAddress source, String pathAndQuery, LinkListener listener) {
        NioLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        loop.execute(() -> loop.open(target, source, pathAndQuery, listener));
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public void close() {
        for (NioLoop loop : loops) {
            loop.shutdown();
        }
    }
}
