package dev.zena.realtime.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to Laravel's {@code redis} broadcaster (SPEC §12): PSUBSCRIBEs {@code {laravel.redis.prefix}*} and hands
 * each message {@code {"event","data","socket"}} published on {@code {prefix}{laravel channel}} to
 * {@link LaravelEvent}, like the Pusher HTTP API. Lettuce reconnects and subscribes again by itself; a Redis that
 * is down at start is tried again every few seconds. Messages are handled one at a time, in arrival order, on the
 * listener's own thread (never on Lettuce's event loop). Counts received / delivered / unmapped / malformed.
 */
public final class LaravelRedisListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaravelRedisListener.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final String prefix;
    private final LaravelEvent events;
    private final Metrics metrics;
    private final ObjectMapper mapper;
    private final ClientResources resources;
    private final RedisClient client;
    private final ExecutorService handler;
    private final ScheduledExecutorService starter;
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean isClosed;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong unmapped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private LaravelRedisListener(String url, String prefix, LaravelEvent events, Metrics metrics, ObjectMapper mapper) {
        this.prefix = prefix;
        this.events = events;
        this.metrics = metrics;
        this.mapper = mapper;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .keepAlive(true)
                        .build())
                .build());
        this.handler = Executors.newSingleThreadExecutor(named("laravel-redis"));
        this.starter = Executors.newSingleThreadScheduledExecutor(named("laravel-redis-connect"));
    }

    /**
     * Starts listening on {@code url} (connecting in the background, so that a server starts while Redis is
     * down). Called once by the wiring when {@code laravel.redis.url} is set.
     */
    public static LaravelRedisListener start(
            String url, String prefix, LaravelEvent events, Metrics metrics, ObjectMapper mapper) {
        LaravelRedisListener listener = new LaravelRedisListener(url, prefix, events, metrics, mapper);
        listener.starter.execute(listener::connect);
        return listener;
    }

    private void connect() {
        if (isClosed) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    handler.execute(() -> onMessage(channel, message));
                }
            });
            pubSub.sync().psubscribe(prefix + "*");
            connection = pubSub;
            LOG.info("laravel_redis_listening pattern={}", LogText.of(prefix + "*"));
        } catch (RedisConnectionException e) {
            LOG.warn("laravel_redis_unavailable retry_ms={}", RETRY.toMillis());
            starter.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Handles one message of {@code channel} (with the prefix); package-private for tests. */
    void onMessage(String channel, String message) {
        received.incrementAndGet();
        metrics.laravelRedisMessage("received");
        String laravelChannel = channel.startsWith(prefix) ? channel.substring(prefix.length()) : channel;
        JsonNode payload;
        try {
            payload = mapper.readTree(message);
        } catch (IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject() || !payload.path("event").isTextual()) {
            count(malformed, "malformed", laravelChannel, "not {\"event\",\"data\",\"socket\"}");
            return;
        }
        JsonNode socket = payload.get("socket");
        String socketId = socket != null && socket.isTextual() && PusherProtocol.isSocketId(socket.asText())
                ? socket.asText()
                : null;
        try {
            events.publish(payload.get("event").asText(), payload.get("data"), List.of(laravelChannel), socketId);
            delivered.incrementAndGet();
            metrics.laravelRedisMessage("delivered");
        } catch (PusherRefusal e) {
            if (e.status() == 400 && e.getMessage().startsWith("Unknown channel")) {
                count(unmapped, "unmapped", laravelChannel, e.getMessage());
            } else {
                count(malformed, "malformed", laravelChannel, e.getMessage());
            }
        } catch (BrokerUnavailableException e) {
            LOG.warn("laravel_redis_dropped channel={} reason=broker_unavailable", LogText.of(laravelChannel));
        } catch (RuntimeException e) {
            LOG.error("laravel_redis_failed channel={}", LogText.of(laravelChannel), e);
        }
    }

    private void count(AtomicLong counter, String outcome, String channel, String why) {
        counter.incrementAndGet();
        metrics.laravelRedisMessage(outcome);
        LOG.info("laravel_redis_{} channel={} reason={}", outcome, LogText.of(channel), LogText.of(why));
    }

    /** Counts since start: received, then delivered, unmapped or malformed (or dropped: broker unavailable). */
    public Counts counts() {
        return new Counts(received.get(), delivered.get(), unmapped.get(), malformed.get());
    }

    /** The listener's counters. */
    public record Counts(long received, long delivered, long unmapped, long malformed) {}

    /** True once the pattern subscription is in place (and Lettuce keeps it across reconnects). */
    public boolean isListening() {
        StatefulRedisPubSubConnection<String, String> c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public void close() {
        isClosed = true;
        starter.shutdownNow();
        StatefulRedisPubSubConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        handler.shutdown();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
