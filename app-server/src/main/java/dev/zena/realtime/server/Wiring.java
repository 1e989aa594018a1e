package dev.zena.realtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Actions;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.admin.AdminApi;
import dev.zena.realtime.admin.TrafficSource;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Position;
import dev.zena.realtime.broker.Publication;
import dev.zena.realtime.config.LaravelConfig;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.handshake.AddressGuard;
import dev.zena.realtime.handshake.UpgradeHeaders;
import dev.zena.realtime.history.Catchup;
import dev.zena.realtime.history.HistoryRead;
import dev.zena.realtime.http.AdminMount;
import dev.zena.realtime.http.AppCors;
import dev.zena.realtime.http.DebugPage;
import dev.zena.realtime.http.FeedHandshake;
import dev.zena.realtime.http.Health;
import dev.zena.realtime.http.HttpErrors;
import dev.zena.realtime.http.HttpServer;
import dev.zena.realtime.http.MetricsApi;
import dev.zena.realtime.http.RestAuth;
import dev.zena.realtime.http.RouteGroup;
import dev.zena.realtime.http.UpgradeRefusal;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.hub.HubListener;
import dev.zena.realtime.jetty.HttpSocketGuard;
import dev.zena.realtime.jetty.JettyFeedSocket;
import dev.zena.realtime.jetty.JettySetup;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.presence.Announcer;
import dev.zena.realtime.presence.Members;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.publish.PublishApi;
import dev.zena.realtime.publish.PusherApi;
import dev.zena.realtime.publish.SignatureVerifier;
import dev.zena.realtime.pusher.LaravelChannels;
import dev.zena.realtime.pusher.LaravelEvent;
import dev.zena.realtime.pusher.LaravelRedisListener;
import dev.zena.realtime.pusher.PusherChannelGate;
import dev.zena.realtime.pusher.PusherHttpApi;
import dev.zena.realtime.pusher.PusherProtocol;
import dev.zena.realtime.pusher.PusherSignature;
import dev.zena.realtime.pusher.PusherSubscriptions;
import dev.zena.realtime.pusher.SocketBindings;
import dev.zena.realtime.rest.AppApi;
import dev.zena.realtime.rest.BroadcastingAuthApi;
import dev.zena.realtime.rest.ChannelApi;
import dev.zena.realtime.rest.TaskApi;
import dev.zena.realtime.rest.Views;
import dev.zena.realtime.revocation.LiveRevocation;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.websocket.HandshakeGuard;
import dev.zena.realtime.websocket.WsEndpoint;
import dev.zena.realtime.websocket.WsProtocol;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The composition root: builds every part of a server, top to bottom, each with exactly what it uses, and starts
 * its HTTP side. {@link Server} adds the ticker and the drain; the test harness uses it as it is, with its own
 * traffic source and no ticker.
 */
public final class Wiring implements AutoCloseable {

    private final ExecutorService workers;
    private final Hub hub;
    private final Metrics metrics;
    private final Cluster cluster;
    private final Broker broker;
    private final Limits limits;
    private final LiveRevocation revocation;
    private final Announcer announcer;
    private final Health health;
    private final WsEndpoint ws;
    private final WsEndpoint pusher;
    private final LaravelRedisListener laravelRedis;
    private final HttpSocketGuard sockets;
    private final AdminApi admin;
    private final HttpServer http;

    private Wiring(ServerConfig config, Store store, Clock clock, Function<Metrics, TrafficSource> trafficOf) {
        Instant startedAt = clock.instant();
        // What this node shares with others (SPEC §11): first, so that a node that must not join refuses to start
        // before any thread or socket exists.
        this.cluster = Cluster.of(config, store, clock);
        // The product's own rules: wire format, channels, live connections, counters, pub/sub, limits, tokens, access.
        WireCodec codec = new WireCodec();
        ChannelCatalog catalog = new ChannelCatalog(config.channels());
        this.workers = Executors.newFixedThreadPool(config.workers(), named("zena-worker"));
        this.hub = new Hub(codec, clock);
        this.metrics = new Metrics(
                hub,
                clock,
                config.metricsTenantTags(),
                config.cluster().isCluster() ? cluster.nodeId() : null); // node label: a cluster's nodes only
        this.broker = cluster.broker();
        broker.attach(new Broker.LocalDelivery() {
            @Override
            public int deliver(String channel, Supplier<Publication> stamp) {
                return metrics.timeFanOut(() -> hub.deliver(channel, stamp));
            }

            @Override
            public void deliverPresence(String tenantId, String channel, String message) {
                hub.deliverPresence(tenantId, channel, message);
            }

            @Override
            public void resync(String channel, Position position, String reason) {
                hub.resync(channel, position, reason);
            }
        });
        // History and presence (SPEC §9, §10): positions and recovery on subscribe, who is in each channel.
        Members members = cluster.members();
        this.announcer = new Announcer(members, broker, codec, clock, config.presence());
        hub.addListener(announcer);
        // Each holder of a channel took a broker subscription on subscribe (websocket.WsSubscriptions): given back
        // when it leaves the channel, however it leaves (unsubscribe, access lost, closed).
        hub.addListener(new HubListener() {
            @Override
            public void left(Connection connection, String channel) {
                broker.unsubscribe(channel);
            }
        });
        Catchup catchup = new Catchup(broker, hub, codec, config.history().recoverMax());
        this.limits = cluster.limits();
        TokenValidator validator = new TokenValidator(config.jwt(), store, clock);
        AccessPolicy policy = new AccessPolicy(store, catalog);
        Actions actions = new Actions(store);
        ObjectMapper mapper = new ObjectMapper();
        this.revocation = new LiveRevocation(store, hub, validator, policy, catalog, codec, clock);
        // The WebSocket endpoints: the checks of every handshake, then /ws itself.
        this.health = new Health(store, broker::isAvailable, mapper);
        AddressGuard addresses = new AddressGuard(limits, metrics);
        HandshakeGuard guard = new HandshakeGuard(addresses, validator, metrics, health::isDraining);
        WsProtocol protocol = new WsProtocol(
                codec,
                validator,
                policy,
                catalog,
                hub,
                store,
                clock,
                config.limits().channelsPerConnection(),
                (connection, principal) ->
                        limits.connections().admit(connection.id(), principal.tenantId(), principal.userId()),
                metrics,
                catchup,
                members,
                config.presence().maxUsers(),
                config.heartbeat());
        this.ws = new WsEndpoint(config, protocol, hub, workers, clock, limits, metrics);
        // Laravel and Echo (SPEC §12): the same hub, limits, access and handshake checks under the Pusher protocol.
        LaravelConfig laravel = config.laravel();
        PusherSignature pusherSignature =
                laravel.isPusherEnabled() ? new PusherSignature(laravel.key(), laravel.secret(), clock) : null;
        LaravelChannels laravelChannels = new LaravelChannels(laravel.channels(), catalog, policy);
        SocketBindings bindings = new SocketBindings();
        PusherSubscriptions pusherSubscriptions = new PusherSubscriptions();
        PusherChannelGate pusherGate = new PusherChannelGate(
                pusherSignature,
                laravelChannels,
                policy,
                validator,
                store,
                hub,
                broker,
                members,
                bindings,
                metrics,
                config.limits().channelsPerConnection(),
                config.presence().maxUsers());
        this.pusher = new WsEndpoint(
                config,
                new PusherProtocol(
                        laravel.isPusherEnabled() ? laravel.key() : null,
                        pusherGate,
                        pusherSubscriptions,
                        bindings,
                        (connection, principal) ->
                                limits.connections().admit(connection.id(), principal.tenantId(), principal.userId()),
                        hub,
                        metrics),
                hub,
                workers,
                clock,
                limits,
                metrics);
        LaravelEvent laravelEvents = new LaravelEvent(laravelChannels, broker, mapper);
        this.laravelRedis = laravel.isRedisListenerEnabled()
                ? LaravelRedisListener.start(laravel.redisUrl(), laravel.redisPrefix(), laravelEvents, metrics, mapper)
                : null;
        // HTTP: the route groups, then Javalin on the Jetty that also serves /ws below it.
        HttpErrors errors = new HttpErrors(mapper);
        UpgradeRefusal refusal = new UpgradeRefusal(errors);
        RestAuth auth = new RestAuth(validator, store, limits.rest(), metrics);
        Views views = new Views(mapper);
        FeedHandshake feedHandshake = new FeedHandshake(addresses, refusal);
        this.admin = new AdminApi(
                config,
                clock,
                store,
                validator,
                policy,
                actions,
                catalog,
                hub,
                broker,
                trafficOf.apply(metrics),
                limits,
                metrics,
                feedHandshake,
                feedHandshake,
                JettyFeedSocket::open,
                cluster.nodes());
        List<RouteGroup> routes = new java.util.ArrayList<>(List.of(
                health,
                new AppApi(policy, catalog, auth, views, store, broker, hub, clock, startedAt),
                new TaskApi(store, policy, actions, catalog, broker, auth, views),
                new ChannelApi(
                        policy,
                        catalog,
                        auth,
                        views,
                        new HistoryRead(broker, config.history().recoverMax()),
                        members,
                        config.presence().maxUsers()),
                new PublishApi(
                        new SignatureVerifier(config.publish(), clock, cluster.replays()),
                        limits.publish(),
                        new Importer(store),
                        store,
                        catalog,
                        policy,
                        broker,
                        metrics,
                        mapper),
                new AdminMount(admin, errors),
                new MetricsApi(metrics, auth, actions, mapper, config.metricsToken(), cluster.nodes()),
                new PusherApi(
                        new PusherHttpApi(
                                laravel,
                                pusherSignature,
                                limits.publish(),
                                laravelEvents,
                                laravelChannels,
                                pusherSubscriptions,
                                members,
                                metrics,
                                mapper),
                        mapper),
                new BroadcastingAuthApi(pusherGate, mapper)));
        if (config.isDebugPage()) {
            routes.add(new DebugPage());
        }
        this.sockets = new HttpSocketGuard(limits.peerSockets(), config.limits().headerTimeout(), metrics);
        JettySetup jetty = new JettySetup(
                        config, sockets, new UpgradeHeaders(addresses), List.of(AdminApi.FEED_PATH), guard, ws, refusal)
                .withEndpoint(PusherProtocol.PATH_PREFIX + "*", pusher);
        this.http = HttpServer.start(
                config.host(),
                config.port(),
                jetty,
                errors,
                routes,
                List.of("GET " + WsEndpoint.PATH, "GET " + PusherProtocol.PATH_PREFIX + "{key}"),
                new AppCors(config.cors()));
        // Listening: this node's card appears in the cluster's list of nodes (its answers were registered above).
        cluster.nodes().join(config.host() + ":" + http.port(), startedAt);
    }

    /**
     * Builds a server on {@code config}'s address over an open store (the caller keeps it) and starts listening.
     * {@code traffic} makes the admin traffic source from the server's counters (it may answer null: the traffic
     * endpoint then answers 503).
     */
    public static Wiring start(
            ServerConfig config, Store store, Clock clock, Function<Metrics, TrafficSource> traffic) {
        return new Wiring(config, store, clock, traffic);
    }

    /** The bound port. */
    public int port() {
        return http.port();
    }

    /** The HTTP server (its routes, for the OpenAPI check). */
    public HttpServer http() {
        return http;
    }

    /**
     * What the ticker does to the sockets, several times a second: the {@code /ws} sweep (deadlines, expiry,
     * heartbeat), the header timeout of HTTP sockets, and the admin feeds' tick.
     */
    public void sweep() {
        ws.sweep();
        pusher.sweep();
        sockets.sweep();
        admin.tick();
    }

    Hub hub() {
        return hub;
    }

    Broker broker() {
        return broker;
    }

    Metrics metrics() {
        return metrics;
    }

    Limits limits() {
        return limits;
    }

    Health health() {
        return health;
    }

    LiveRevocation revocation() {
        return revocation;
    }

    Announcer announcer() {
        return announcer;
    }

    /** The listener of Laravel's {@code redis} broadcaster, null when {@code laravel.redis.url} is unset. */
    LaravelRedisListener laravelRedis() {
        return laravelRedis;
    }

    Cluster cluster() {
        return cluster;
    }

    /** Stops listening and closes every socket, then the broker, the workers and the counters; the store stays open. */
    @Override
    public void close() {
        http.close();
        ws.close();
        pusher.close();
        if (laravelRedis != null) {
            laravelRedis.close();
        }
        cluster.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
