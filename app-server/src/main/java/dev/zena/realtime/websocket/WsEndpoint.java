package dev.zena.realtime.websocket;

import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.limits.InboundVerdict;
import dev.zena.realtime.limits.Limit;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.DropCause;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.CloseCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket endpoint after {@link HandshakeGuard} let the upgrade through: one {@link Connection} per socket
 * whose frames are counted, rate-limited and handed, in order, to its {@link SocketProtocol} on the worker pool
 * ({@link WsProtocol} at {@code /ws}, {@code pusher.PusherProtocol} at {@code /app/{key}}). The server's
 * socket (on Jetty: {@code jetty.WsSocket}) calls it on the thread that read each frame.
 */
public final class WsEndpoint {

    /** The path of the endpoint. */
    public static final String PATH = "/ws";

    private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);
    /**
     * Stripes when the heartbeat interval is at least {@link #STRIPED_INTERVAL_MILLIS}: with the server's sweep
     * every 200 ms, each connection's heartbeat is looked at once a second. A shorter interval keeps one stripe.
     */
    static final int STRIPES = 5;

    static final long STRIPED_INTERVAL_MILLIS = 2_000;

    private final ServerConfig config;
    private final SocketProtocol protocol;
    private final Hub hub;
    private final Executor workers;
    private final Clock clock;
    private final Limits limits;
    private final Metrics metrics;
    /**
     * The open links, spread over stripes; each sweep visits one stripe in turn (ADR 0033), so a connection's
     * heartbeat bookkeeping runs once per pass rather than at every sweep.
     */
    private final List<Map<String, WsLink>> stripes;

    private final AtomicInteger opened = new AtomicInteger();
    /** Sweeps so far; touched by the sweeper thread only. */
    private int sweeps;

    private final Deadlines deadlines = new Deadlines();
    private final ReadPause readPause = new ReadPause();

    /** Built once per server; {@code workers} is the pool the connections' lanes run on. */
    public WsEndpoint(
            ServerConfig config,
            SocketProtocol protocol,
            Hub hub,
            Executor workers,
            Clock clock,
            Limits limits,
            Metrics metrics) {
        this.config = config;
        this.protocol = protocol;
        this.hub = hub;
        this.workers = workers;
        this.clock = clock;
        this.limits = limits;
        this.metrics = metrics;
        int count = protocol.heartbeat().interval().toMillis() >= STRIPED_INTERVAL_MILLIS ? STRIPES : 1;
        List<Map<String, WsLink>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(new ConcurrentHashMap<>());
        }
        this.stripes = List.copyOf(all);
    }

    /**
     * Called by the socket when it opened, with what its handshake admitted ({@code principal} null without a
     * handshake token): answers what the socket keeps and hands back with every later call (the link).
     */
    public WsLink onOpen(String remote, Principal principal, ClientSocket.Opener opener) {
        return onOpen(remote, principal, opener, 0);
    }

    /**
     * Called on an HTTP thread before the upgrade, once {@link HandshakeGuard} admitted it: 0, or the close code
     * the socket gets right after it opens (see {@link SocketProtocol#closeAtOpen}), handed back to
     * {@link #onOpen(String, Principal, ClientSocket.Opener, int)}.
     */
    public int closeAtOpen(dev.zena.realtime.handshake.UpgradeRequest request) {
        return protocol.closeAtOpen(request);
    }

    /** As {@link #onOpen(String, Principal, ClientSocket.Opener)}, closing at once with {@code closeCode} if not 0. */
    public WsLink onOpen(String remote, Principal principal, ClientSocket.Opener opener, int closeCode) {
        AtomicReference<Connection> self = new AtomicReference<>();
        ClientSocket socket = opener.open(
                config.limits().sendQueueBytes(),
                n -> metrics.dropped(self.get().tenantId(), DropCause.SEND_QUEUE, n),
                clock);
        SerialExecutor lane = new SerialExecutor(workers);
        String id = protocol.newConnectionId();
        Connection connection =
                new Connection(id, remote, clock.instant(), protocol.outbound(id, socket), lane, protocol.name());
        self.set(connection);
        int stripe = Math.floorMod(opened.getAndIncrement(), stripes.size());
        WsLink link = new WsLink(connection, socket, lane, limits.newInboundRate(), stripe);
        stripes.get(stripe).put(connection.id(), link);
        if (protocol.heartbeat().hasAuthDeadline()) {
            deadlines.authDeadline(
                    link,
                    connection.connectedAt().toEpochMilli()
                            + config.authDeadline().toMillis());
        }
        hub.register(connection);
        LOG.info("ws_open conn={} remote={}", connection.id(), remote);
        if (!limits.addresses().opened(remote)) {
            // Concurrent handshakes from one address all passed the check: the one over the cap goes.
            LOG.info(
                    "ws_denied stage=open conn={} remote={} code={} limit=connections_per_ip",
                    connection.id(),
                    remote,
                    CloseCode.CONNECTION_LIMIT.code());
            metrics.limitRefused(Limit.CONNECTIONS_PER_IP.tag());
            connection.close(CloseCode.CONNECTION_LIMIT.code(), CloseCode.CONNECTION_LIMIT.reason());
            return link;
        }
        if (closeCode != 0) {
            link.serial().execute(() -> protocol.refusedAtOpen(connection, closeCode));
        } else {
            link.serial().execute(() -> {
                protocol.opened(connection, principal);
                deadlines.principalSeen(link, connection.principal());
            });
        }
        return link;
    }

    /**
     * Called by the socket for every inbound message within the size limit: counted, rate-limited, then handled on
     * the lane. {@code text} null = binary. Answers true when a rate limit refused it and the connection is flooding
     * ({@link InboundVerdict#isFlooding()}): the socket then reads again only after a pause ({@link #pause}).
     */
    public boolean onFrame(WsLink link, String text, int bytes) {
        Connection connection = link.connection();
        metrics.frameReceived(connection.tenantId());
        connection.recordInbound(bytes, clock.millis());
        InboundVerdict verdict = link.rate()
                .onFrame(
                        connection.tenantId(),
                        connection.isAuthenticated() ? connection.principal().userId() : null);
        if (verdict.isRefused()) {
            refused(link, verdict, text);
            return verdict.isFlooding();
        }
        link.serial().execute(() -> {
            protocol.handle(connection, text);
            deadlines.principalSeen(link, connection.principal()); // a new token: its expiry is queued
        });
        return false;
    }

    /** Called by a flooding socket: runs {@code resume} (its next read) after the pause of ADR 0010. */
    public void pause(Runnable resume) {
        readPause.schedule(resume);
    }

    /** Called when the server stops. */
    public void close() {
        readPause.close();
    }

    private void refused(WsLink link, InboundVerdict verdict, String text) {
        Connection connection = link.connection();
        metrics.dropped(connection.tenantId(), DropCause.RATE_LIMIT, 1);
        metrics.limitRefused(verdict.limit().tag());
        switch (verdict.action()) {
            case REFUSE_WITH_REPLY -> link.serial().execute(() -> protocol.rateLimited(connection, text));
            case CLOSE_ABUSE ->
                link.serial().execute(() -> {
                    if (connection.isOpen()) {
                        LOG.info(
                                "ws_denied stage=message conn={} user={} tenant={} remote={} code={} limit={}",
                                connection.id(),
                                userOf(connection),
                                tenantOf(connection),
                                connection.remoteAddress(),
                                CloseCode.ABUSE.code(),
                                verdict.limit().tag());
                        connection.close(CloseCode.ABUSE.code(), CloseCode.ABUSE.reason());
                    }
                });
            default -> {}
        }
    }

    /** The largest inbound message in bytes ({@code limits.message_size}); read by the socket for every fragment. */
    public int messageSizeLimit() {
        return config.limits().messageSize();
    }

    /**
     * Called by the socket at the frame header (or fragment) that takes a message past {@link #messageSizeLimit()}
     * ({@code bytes} of it read so far): counted as a received message, answered with {@code MESSAGE_TOO_LARGE}, then
     * the connection closes with 1009. Nothing else of that message, nor after it, is handled.
     */
    public void tooLarge(WsLink link, long bytes) {
        Connection connection = link.connection();
        metrics.frameReceived(connection.tenantId());
        connection.recordInbound((int) Math.min(bytes, Integer.MAX_VALUE), clock.millis());
        link.serial()
                .execute(() -> protocol.tooLarge(connection, config.limits().messageSize()));
    }

    /** Called by the socket once, when the server reports it closed with {@code status}. */
    public void onClose(WsLink link, int status) {
        if (stripes.get(link.stripe()).remove(link.connection().id()) != null) {
            deadlines.forget(link);
            link.socket().markClosed();
            Connection c = link.connection();
            hub.unregister(c, status);
            limits.connections().release(c.id());
            limits.addresses().closed(c.remoteAddress());
            protocol.closed(c);
            LOG.info(
                    "ws_close conn={} user={} tenant={} remote={} code={}",
                    c.id(),
                    userOf(c),
                    tenantOf(c),
                    c.remoteAddress(),
                    status);
        }
    }

    /**
     * Called periodically (every 200 ms by the server): authentication deadline (4001, where the protocol has one)
     * and token expiry (4003) of the connections whose moment came, then heartbeat (the protocol's ping, 4002; a
     * protocol's outbound may translate these codes), deadline and expiry of one stripe of the connections in turn.
     */
    public void sweep() {
        long now = clock.millis();
        SocketProtocol.Heartbeat heartbeat = protocol.heartbeat();
        for (WsLink link : deadlines.due(now)) {
            new Sweep(config, heartbeat, link, now).run();
        }
        Map<String, WsLink> stripe = stripes.get(Math.floorMod(sweeps++, stripes.size()));
        for (WsLink link : stripe.values()) {
            new Sweep(config, heartbeat, link, now).run();
        }
    }

    private static String userOf(Connection c) {
        return c.isAuthenticated() ? c.principal().userId() : "-";
    }

    private static String tenantOf(Connection c) {
        return c.tenantId() == null ? "-" : c.tenantId();
    }
}
