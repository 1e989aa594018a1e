package dev.zena.realtime.broker;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One node's way to its Redis (SPEC §11): a Lettuce client set to fail fast, one shared command connection, and
 * the key prefix every key and pub/sub channel of the product starts with. While Redis is unreachable a command is
 * rejected at once (never queued until a reconnect), a command that gets no answer fails after
 * {@link #COMMAND_TIMEOUT}, and at most {@link #REQUEST_QUEUE} commands are ever in flight; every such failure
 * reaches callers as one {@link BrokerUnavailableException}. Lettuce reconnects in the background with a backoff
 * capped at {@link #MAX_RECONNECT_DELAY}.
 *
 * <p>Keys of a product channel carry the channel in a Redis hash tag, {@code zena:{project.P1}:meta}, so that one
 * channel's keys share a cluster slot and a Lua script may touch them together. Created by whoever wires the
 * Redis broker; closed by it after the broker and members that use it. Thread-safe.
 */
public final class RedisLink implements AutoCloseable {

    /** How long a command may wait for its answer before it fails. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The longest wait between reconnect attempts: under SPEC §11's 5 s, so that a node is back, re-subscribed and
     * caught up within 5 s of Redis coming back.
     */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(4);
    /** Most commands in flight per connection; more are refused rather than buffered. */
    static final int REQUEST_QUEUE = 10_000;
    /**
     * The tick of the timer that times commands out and schedules reconnects (Lettuce's own ticks every 100 ms).
     * The timer's thread wakes at every tick, busy or not, and a wake-up costs this kind of machine 30-90 µs: a
     * quarter second keeps a timeout within a tick of {@link #COMMAND_TIMEOUT} and a reconnect within a tick of its
     * backoff, at 4 wake-ups a second instead of 10.
     */
    static final Duration TIMER_TICK = Duration.ofMillis(250);

    private final String prefix;
    private final ClientResources resources;
    private final HashedWheelTimer timer;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisLink(
            String prefix,
            ClientResources resources,
            HashedWheelTimer timer,
            RedisClient client,
            StatefulRedisConnection<String, String> connection) {
        this.prefix = prefix;
        this.resources = resources;
        this.timer = timer;
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects to the Redis at {@code url} ({@code redis://[:password@]host:port/db} or {@code rediss://}).
     *
     * @throws IllegalArgumentException for an empty prefix, one with a brace (it would break the hash tags), a
     *         malformed URL, or a password (or user) Redis refused
     * @throws BrokerUnavailableException when Redis cannot be reached now
     */
    public static RedisLink open(String url, String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("redis.prefix must be non-empty and without braces: '" + prefix + "'");
        }
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        HashedWheelTimer timer = new HashedWheelTimer(
                new DefaultThreadFactory("lettuce-timer", true), TIMER_TICK.toMillis(), TimeUnit.MILLISECONDS);
        ClientResources resources = DefaultClientResources.builder()
                .timer(timer)
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(100), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(COMMAND_TIMEOUT)
                        .keepAlive(true)
                        .build())
                .build());
        try {
            return new RedisLink(prefix, resources, timer, client, client.connect());
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            timer.stop(); // given to the resources, which leave a timer they were given running
            String where = uri.getHost() + ":" + uri.getPort();
            String refusal = credentialsRefusal(e);
            if (refusal != null) {
                // Redis answered: telling the operator it is unreachable would send them to check the network
                throw new IllegalArgumentException(
                        "Redis at " + where + " refused the credentials of redis.url (" + refusal
                                + "): check the password (and user) in redis.url",
                        e);
            }
            throw new BrokerUnavailableException(
                    "cannot reach Redis at " + where + " (" + withoutPassword(deepestMessage(e), url) + ")", e);
        }
    }

    /** {@code message} with the password of {@code url} masked: no Lettuce message is known to print it. */
    private static String withoutPassword(String message, String url) {
        String userInfo;
        try {
            userInfo = java.net.URI.create(url).getUserInfo();
        } catch (IllegalArgumentException e) {
            return "cause not shown"; // a URL Lettuce reads but java.net.URI does not: say nothing rather than risk it
        }
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        return colon < 0 || colon == userInfo.length() - 1
                ? message
                : message.replace(userInfo.substring(colon + 1), "****");
    }

    /** What the innermost cause with a message says (Lettuce wraps the socket's own error twice or more). */
    private static String deepestMessage(Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage().strip();
            }
        }
        return message;
    }

    /** Redis's own answer when it refused the URL's password or user ({@code WRONGPASS}, {@code NOAUTH}), else null. */
    private static String credentialsRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH"))) {
                return message.strip();
            }
        }
        return null;
    }

    /** The prefix every key and pub/sub channel starts with (followed by {@code :}). */
    public String prefix() {
        return prefix;
    }

    /** The key of one product channel's {@code part}, hash-tagged by the channel: {@code zena:{channel}:part}. */
    public String channelKey(String channel, String part) {
        return channelName(channel) + ":" + part;
    }

    /** The name of a product channel in Redis, its hash tag alone: {@code zena:{channel}}. */
    public String channelName(String channel) {
        return prefix + ":{" + channel + "}";
    }

    /**
     * A key of a {@code kind} of state that is not a product channel's, hash-tagged by {@code tag} so that a script
     * may touch every key of one tag together: {@code zena:kind:{tag}:part}. The kind before the tag keeps these
     * keys apart from every channel's ({@code zena:{channel}:part}).
     */
    public String taggedKey(String kind, String tag, String part) {
        return prefix + ":" + kind + ":{" + tag + "}:" + part;
    }

    /** A key that belongs to no channel: {@code zena:name}. */
    public String globalKey(String name) {
        return prefix + ":" + name;
    }

    /**
     * Runs {@code command} on the shared connection.
     *
     * @throws BrokerUnavailableException when Redis is unreachable, did not answer in time or refused to serve
     *         (loading, read-only replica, out of memory)
     */
    public <T> T call(Function<RedisCommands<String, String>, T> command) {
        return guard(() -> command.apply(connection.sync()));
    }

    /** Runs {@code action} (a command on another connection of this link) with the failures {@link #call} maps. */
    public <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (RedisCommandInterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for Redis", e);
        } catch (RedisCommandExecutionException e) {
            if (isUnavailability(e.getMessage())) {
                throw new BrokerUnavailableException("Redis refused: " + e.getMessage(), e);
            }
            throw e; // a command or script we got wrong: a defect, not an outage
        } catch (RedisException e) {
            throw new BrokerUnavailableException("Redis unavailable: " + e.getMessage(), e);
        }
    }

    /** True while the command connection is up. */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * A new pub/sub connection with the same fail-fast options, for the broker's subscriptions and the nodes'
     * inboxes; its user closes it, before this link.
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        try {
            return client.connectPubSub();
        } catch (RedisException e) {
            throw new BrokerUnavailableException("cannot reach Redis for pub/sub", e);
        }
    }

    /**
     * A new command connection with the same fail-fast options whose values are bytes (bucket4j's distributed
     * buckets store their state so); its user closes it, before this link.
     */
    public StatefulRedisConnection<String, byte[]> connectBinary() {
        try {
            return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RedisException e) {
            throw new BrokerUnavailableException("cannot reach Redis", e);
        }
    }

    /** Called last, after the broker and members using this link were closed. */
    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        timer.stop();
    }

    private static boolean isUnavailability(String message) {
        if (message == null) {
            return false;
        }
        for (String code : new String[] {
            "LOADING", "BUSY", "MASTERDOWN", "READONLY", "OOM", "CLUSTERDOWN", "TRYAGAIN", "NOAUTH", "WRONGPASS"
        }) {
            if (message.startsWith(code)) {
                return true;
            }
        }
        return false;
    }
}
