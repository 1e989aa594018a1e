package dev.zena.realtime.websocket;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.config.HeartbeatConfig;
import dev.zena.realtime.history.Catchup;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.presence.Members;
import dev.zena.realtime.protocol.Authenticate;
import dev.zena.realtime.protocol.Authentication;
import dev.zena.realtime.protocol.ClientMessage;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.ErrorReply;
import dev.zena.realtime.protocol.MessageId;
import dev.zena.realtime.protocol.Ping;
import dev.zena.realtime.protocol.Pong;
import dev.zena.realtime.protocol.PresenceQuery;
import dev.zena.realtime.protocol.ProtocolException;
import dev.zena.realtime.protocol.ServerMessage;
import dev.zena.realtime.protocol.Subscribe;
import dev.zena.realtime.protocol.Unsubscribe;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Store;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client half of SPEC §3: decodes one text message of a connection and answers it. Called on the
 * connection's serial executor, so one connection's messages are handled one at a time, in order.
 */
public final class WsProtocol implements SocketProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(WsProtocol.class);
    static final String AUTH_MISSING = "Authentication required: send a token";
    static final String AUTH_FIRST = "Authentication required before this message";
    static final String RATE_LIMITED = LimitExceeded.RATE_LIMITED_MESSAGE;

    private final WireCodec codec;
    private final TokenValidator validator;
    private final Hub hub;
    private final Clock clock;
    private final AuthGate gate;
    private final Metrics metrics;
    private final WsSubscriptions subscriptions;
    private final Heartbeat heartbeat;

    /**
     * Built once per server. {@code channelLimit} is {@code limits.channels_per_connection}; {@code gate} admits a
     * connection's first authentication against the connection caps; {@code catchup} answers subscriptions with
     * positions and recovery (SPEC §9); {@code members} answers presence queries, listing at most
     * {@code presenceMaxUsers} (SPEC §10).
     */
    public WsProtocol(
            WireCodec codec,
            TokenValidator validator,
            AccessPolicy policy,
            ChannelCatalog catalog,
            Hub hub,
            Store store,
            Clock clock,
            int channelLimit,
            AuthGate gate,
            Metrics metrics,
            Catchup catchup,
            Members members,
            int presenceMaxUsers,
            HeartbeatConfig heartbeat) {
        this.heartbeat = new Heartbeat(true, heartbeat.interval(), heartbeat.timeout(), ClientSocket::ping);
        this.metrics = metrics;
        this.codec = codec;
        this.validator = validator;
        this.hub = hub;
        this.clock = clock;
        this.gate = gate;
        this.subscriptions = new WsSubscriptions(
                this, policy, catalog, hub, store, clock, channelLimit, metrics, catchup, members, presenceMaxUsers);
    }

    @Override
    public String name() {
        return Connection.ZENA;
    }

    /** A ULID: sortable by opening time, unique across nodes. */
    @Override
    public String newConnectionId() {
        return UlidCreator.getMonotonicUlid().toString();
    }

    /** Replies {@code connection} (SPEC §3), then accepts a handshake token. */
    @Override
    public void opened(Connection connection, Principal handshakePrincipal) {
        String greeting = codec.encode(new dev.zena.realtime.protocol.Connection(
                connection.id(),
                (int) heartbeat.interval().toSeconds(),
                (int) heartbeat.timeout().toSeconds(),
                clock.instant()));
        if (handshakePrincipal == null) {
            connection.send(greeting);
            return;
        }
        // The greeting waits for the authentication (or the refusal) that follows it: one socket write for both.
        connection.sendBatched(greeting);
        accept(connection, handshakePrincipal, null);
        connection.flushSent();
    }

    @Override
    public void tooLarge(Connection connection, int limitBytes) {
        reply(
                connection,
                new ErrorReply(
                        null,
                        ErrorCode.MESSAGE_TOO_LARGE,
                        "Message exceeds " + limitBytes + " bytes",
                        clock.instant()));
        connection.close(CloseCode.MESSAGE_TOO_BIG.code(), CloseCode.MESSAGE_TOO_BIG.reason());
    }

    /** WebSocket pings every {@code heartbeat.interval}, 4002 after {@code heartbeat.timeout}, an auth deadline. */
    @Override
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** Called for each inbound message, after the size check ({@code text} null: binary, refused). */
    @Override
    public void handle(Connection connection, String text) {
        if (text == null) {
            reply(
                    connection,
                    new ErrorReply(
                            null,
                            ErrorCode.INVALID_MESSAGE,
                            "Binary frames are not supported: send JSON text",
                            clock.instant()));
            return;
        }
        ClientMessage message;
        try {
            message = codec.decode(text);
        } catch (ProtocolException e) {
            reply(connection, new ErrorReply(e.id(), e.code(), e.getMessage(), clock.instant()));
            return;
        }
        try {
            dispatch(connection, message);
        } catch (RuntimeException e) {
            LOG.error("ws_internal_error conn={}", connection.id(), e);
            reply(
                    connection,
                    new ErrorReply(message.id(), ErrorCode.INTERNAL, "Internal server error", clock.instant()));
        }
    }

    private void dispatch(Connection connection, ClientMessage message) {
        if (message instanceof Authenticate a) {
            authenticate(connection, a);
        } else if (message instanceof Subscribe s) {
            subscriptions.subscribe(connection, s);
        } else if (message instanceof Unsubscribe u) {
            subscriptions.unsubscribe(connection, u);
        } else if (message instanceof Ping p) {
            reply(connection, new Pong(p.id(), clock.instant()));
        } else if (message instanceof PresenceQuery q) {
            subscriptions.presence(connection, q);
        }
    }

    private void authenticate(Connection connection, Authenticate message) {
        if (message.token() == null) {
            error(connection, message.id(), ErrorCode.AUTH_REQUIRED, AUTH_MISSING);
            return;
        }
        Principal principal;
        try {
            principal = validator.validate(message.token());
        } catch (AuthException e) {
            LOG.info("ws_auth_refused conn={} reason={}", connection.id(), e.reason());
            metrics.authFailed(e.reason().name());
            error(connection, message.id(), ErrorCode.AUTH_INVALID, e.getMessage());
            return;
        }
        accept(connection, principal, message.id());
    }

    /** Called for a token accepted by message or at the handshake; replies {@code authentication} or refuses. */
    void accept(Connection connection, Principal principal, MessageId id) {
        Principal current = connection.principal();
        if (current != null && !current.userId().equals(principal.userId())) {
            LOG.info("ws_auth_refused conn={} reason=OTHER_USER", connection.id());
            metrics.authFailed("OTHER_USER");
            error(connection, id, ErrorCode.AUTH_INVALID, AuthException.MESSAGE);
            return;
        }
        if (current == null) {
            Optional<LimitExceeded> refusal = gate.admit(connection, principal);
            if (refusal.isPresent()) {
                refuseConnection(connection, principal, id, refusal.get());
                return;
            }
        }
        connection.authenticate(principal);
        if (current == null) {
            hub.authenticated(connection);
        }
        reply(
                connection,
                new Authentication(
                        id,
                        principal.userId(),
                        principal.tenantId(),
                        principal.userName(),
                        principal.expiresAt(),
                        clock.instant()));
    }

    void error(Connection connection, MessageId id, ErrorCode code, String text) {
        reply(connection, new ErrorReply(id, code, text, clock.instant()));
    }

    /**
     * Called on the lane for a frame a rate limit refused with a reply: {@code RATE_LIMITED}, echoing the frame's
     * id (decoding costs little here: at most one such reply per second). {@code text} is null for a binary frame.
     */
    @Override
    public void rateLimited(Connection connection, String text) {
        MessageId id = null;
        if (text != null) {
            try {
                id = codec.decode(text).id();
            } catch (ProtocolException e) {
                id = e.id();
            }
        }
        error(connection, id, ErrorCode.RATE_LIMITED, RATE_LIMITED);
    }

    private void refuseConnection(Connection connection, Principal principal, MessageId id, LimitExceeded refusal) {
        LOG.info(
                "ws_denied stage=authenticate conn={} user={} tenant={} remote={} code={} limit={}",
                connection.id(),
                principal.userId(),
                principal.tenantId(),
                connection.remoteAddress(),
                CloseCode.CONNECTION_LIMIT.code(),
                refusal.limit().tag());
        metrics.limitRefused(refusal.limit().tag());
        error(
                connection,
                id,
                ErrorCode.CONNECTION_LIMIT,
                "Connection limit reached (" + refusal.limit().tag().replace('_', ' ') + ")");
        connection.close(CloseCode.CONNECTION_LIMIT.code(), CloseCode.CONNECTION_LIMIT.reason());
    }

    /** Sends one server message; every {@code error} reply is counted here, the one place replies leave. */
    void reply(Connection connection, ServerMessage message) {
        if (message instanceof ErrorReply error) {
            metrics.errorReplied(connection.tenantId(), error.code().name());
        }
        connection.send(codec.encode(message));
    }

    /** Decides whether a first authentication may proceed (connection caps): empty, or the cap it would exceed. */
    @FunctionalInterface
    public interface AuthGate {

        /** Called on the connection's lane at its first authentication. */
        Optional<LimitExceeded> admit(Connection connection, Principal principal);
    }
}
