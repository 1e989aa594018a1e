package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.bench.client.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tenant A of the {@link NoisyScenario noisy neighbour}: connections from 127.0.0.2..5 flooding pings far over
 * their message limits, and a handshake storm from 127.0.0.6, on their own transport.
 */
final class TenantFlood {

    private final Target target;
    private final Algorithm hs256;
    private final Transport noisy;

    TenantFlood(Target target, Algorithm hs256, Transport noisy) {
        this.target = target;
        this.hs256 = hs256;
        this.noisy = noisy;
    }

    /**
     * Drives tenant A until {@code flooding} is false (bounded by the caller's timeline): every 10 ms each of
     * {@code connections} flooders sends its share of {@code rate} pings per second, a closed one reconnecting at
     * once, and {@code stormRate} authenticate-and-close connections per second are started (at most 1,000 open).
     */
    void run(
            int connections,
            int rate,
            int stormRate,
            Flooder.Counts counts,
            Flooder.Counts stormCounts,
            AtomicBoolean flooding) {
        InetSocketAddress server = new InetSocketAddress(target.host(), target.port());
        String path = Dialect.ZENA.handshakePath(target.wsPath());
        String[] tokens = new String[connections + 200];
        for (int u = 0; u < tokens.length; u++) {
            tokens[u] = BenchData.token(hs256, BenchData.user(u));
        }
        InetSocketAddress[] sources = new InetSocketAddress[4];
        for (int s = 0; s < sources.length; s++) {
            sources[s] = new InetSocketAddress("127.0.0." + (2 + s), 0);
        }
        InetSocketAddress stormSource = new InetSocketAddress("127.0.0.6", 0);
        Flooder[] flooders = new Flooder[connections];
        ArrayDeque<Flooder> storm = new ArrayDeque<>();
        long tick = 10_000_000L;
        double perTick = rate / 100.0;
        double stormPerTick = stormRate / 100.0;
        double owed = 0;
        double stormOwed = 0;
        int stormUser = 0;
        long next = System.nanoTime();
        while (flooding.get()) {
            owed += perTick;
            int frames = (int) owed;
            owed -= frames;
            for (int i = 0; i < connections; i++) {
                Flooder f = flooders[i];
                if (f == null || f.isClosed()) {
                    f = new Flooder(tokens[i], false, counts);
                    flooders[i] = f;
                    noisy.connect(server, sources[i % sources.length], path, f);
                } else if (frames > 0) {
                    f.flood(frames);
                }
            }
            stormOwed += stormPerTick;
            while (stormOwed >= 1) {
                stormOwed -= 1;
                storm.removeIf(Flooder::isClosed);
                if (storm.size() < 1000) {
                    Flooder s = new Flooder(tokens[connections + (stormUser++ % 200)], true, stormCounts);
                    storm.add(s);
                    noisy.connect(server, stormSource, path, s);
                }
            }
            next += tick;
            Run.sleepUntil(next);
        }
        for (Flooder f : flooders) {
            if (f != null) {
                f.close();
            }
        }
        storm.forEach(Flooder::close);
        Run.sleepUntil(System.nanoTime() + 500_000_000L);
    }
}
