package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.bench.client.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens N scripted connections (connect, authenticate, subscribe) with at most {@code window} handshakes in
 * flight, spreading them over source addresses 127.0.0.1.. when asked, and waits until they are ready.
 */
public final class Fleet {

    private final Transport transport;
    private final Target target;
    private final Tally tally;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private PusherAuth pusherAuth;
    private boolean isTokenAtHandshake;

    public Fleet(Transport transport, Target target, Tally tally) {
        this.transport = transport;
        this.target = target;
        this.tally = tally;
    }

    /** Where the connections of a {@link Dialect#PUSHER} target get their channels' {@code auth}. */
    Fleet pusherAuth(PusherAuth auth) {
        this.pusherAuth = auth;
        return this;
    }

    /** Each connection sends its token at the handshake ({@code ?token=}) instead of in {@code authenticate}. */
    Fleet tokenAtHandshake() {
        this.isTokenAtHandshake = true;
        return this;
    }

    boolean hasPusherAuth() {
        return pusherAuth != null;
    }

    /** What opening the fleet took. */
    public record Opened(int requested, long ready, long failed, double seconds) {

        /** Connect + authenticate + subscribe completions per second. */
        public double ratePerSecond() {
            return seconds > 0 ? ready / seconds : 0;
        }
    }

    /**
     * Opens {@code count} connections, connection i as user i mod {@code users}, holding the channels chosen by
     * {@code channelsOf}; returns when all are ready or failed, or at {@code timeoutNanos}.
     */
    public Opened open(
            int count,
            int users,
            int window,
            int sources,
            String secret,
            java.util.function.IntFunction<String[]> channelsOf,
            long timeoutNanos) {
        Algorithm hs256 = Algorithm.HMAC256(secret);
        String[] tokens = new String[Math.min(users, count)];
        for (int u = 0; u < tokens.length; u++) {
            tokens[u] = BenchData.token(hs256, BenchData.user(u));
        }
        return open(
                count,
                i -> tokens[i % tokens.length],
                window,
                i -> sources > 1 ? new InetSocketAddress("127.0.0." + (1 + i % sources), 0) : null,
                channelsOf,
                timeoutNanos);
    }

    /**
     * Opens {@code count} connections, connection i authenticating with {@code tokenOf(i)} from the local address
     * {@code sourceOf(i)} (null = any) and holding {@code channelsOf(i)}.
     */
    public Opened open(
            int count,
            java.util.function.IntFunction<String> tokenOf,
            int window,
            java.util.function.IntFunction<InetSocketAddress> sourceOf,
            java.util.function.IntFunction<String[]> channelsOf,
            long timeoutNanos) {
        InetSocketAddress server = new InetSocketAddress(target.host(), target.port());
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            while (i - tally.ready() - tally.failed() >= window && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            String token = tokenOf.apply(i);
            Subscriber s = new Subscriber(target.dialect(), token, channelsOf.apply(i), tally, pusherAuth);
            String path = target.dialect().handshakePath(target.wsPath());
            if (isTokenAtHandshake) {
                s.tokenAtHandshake();
                path += (path.indexOf('?') < 0 ? "?token=" : "&token=") + token;
            }
            subscribers.add(s);
            transport.connect(server, sourceOf.apply(i), path, s);
        }
        while (tally.ready() + tally.failed() < subscribers.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        long end = tally.ready() > 0 ? tally.lastReadyNanos() : System.nanoTime();
        return new Opened(count, tally.ready(), tally.failed(), (end - start) / 1e9);
    }

    /** Connections that completed subscribe. */
    public long readyCount() {
        return subscribers.stream().filter(Subscriber::isReady).count();
    }

    /** Sum over ready connections of the events each should have received but did not. */
    public long lost(long expectedPerConnection) {
        long lost = 0;
        for (Subscriber s : subscribers) {
            if (s.isReady()) {
                lost += Math.max(0, expectedPerConnection - s.received());
            }
        }
        return lost;
    }

    /** Per-channel delivery check of ready connections, {@code expectedOf(channel)} publishes accepted for it. */
    public ChannelStats channelStats(java.util.function.ToLongFunction<String> expectedOf) {
        ChannelStats stats = new ChannelStats();
        for (Subscriber s : subscribers) {
            if (!s.isReady()) {
                continue;
            }
            String[] channels = s.channels();
            for (int i = 0; i < channels.length; i++) {
                OffsetTrack t = s.track(i);
                stats.add(
                        channels[i],
                        expectedOf.applyAsLong(channels[i]),
                        t.distinct(),
                        t.duplicates(),
                        t.reordered(),
                        t.openGaps());
            }
        }
        return stats;
    }

    /** Offsets skipped and never received, summed over ready connections. */
    public long openGaps() {
        return subscribers.stream()
                .filter(Subscriber::isReady)
                .mapToLong(Subscriber::openGaps)
                .sum();
    }

    /** Closes every connection. */
    public void closeAll() {
        subscribers.forEach(Subscriber::close);
    }
}
