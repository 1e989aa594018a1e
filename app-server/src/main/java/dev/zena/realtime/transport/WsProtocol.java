package dev.zena.realtime.transport;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.Authenticate;
import dev.zena.realtime.protocol.Authentication;
import dev.zena.realtime.protocol.ClientMessage;
import dev.zena.realtime.protocol.Denial;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.ErrorReply;
import dev.zena.realtime.protocol.MessageId;
import dev.zena.realtime.protocol.Ping;
import dev.zena.realtime.protocol.Pong;
import dev.zena.realtime.protocol.ProtocolException;
import dev.zena.realtime.protocol.ServerMessage;
import dev.zena.realtime.protocol.Subscribe;
import dev.zena.realtime.protocol.Subscription;
import dev.zena.realtime.protocol.Unsubscribe;
import dev.zena.realtime.protocol.Unsubscription;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The client half of SPEC §3: decodes one text message of a connection and answers it. Called on the
 * connection's serial executor, so one connection's messages are handled one at a time, in order.
 */
final class WsProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(WsProtocol.class);
    static final String AUTH_MISSING = "Authentication required: send a token";
    static final String AUTH_FIRST = "Authentication required before this message";

    private final WireCodec codec;
    private final TokenValidator validator;
    private final AccessPolicy policy;
    private final ChannelCatalog catalog;
    private final Hub hub;
    private final Store store;
    private final Clock clock;
    private final int channelLimit;
    private final AuthGate gate;

    WsProtocol(WireCodec codec, TokenValidator validator, AccessPolicy policy, ChannelCatalog catalog, Hub hub,
               Store store, Clock clock, int channelLimit, AuthGate gate) {
        this.codec = codec;
        this.validator = validator;
        this.policy = policy;
        this.catalog = catalog;
        this.hub = hub;
        this.store = store;
        this.clock = clock;
        this.channelLimit = channelLimit;
        this.gate = gate;
    }

    /** Called for each inbound text message, after the size check. */
    void handle(Connection connection, String text) {
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
            reply(connection, new ErrorReply(message.id(), ErrorCode.INTERNAL, "Internal server error",
                    clock.instant()));
        }
    }

    private void dispatch(Connection connection, ClientMessage message) {
        if (message instanceof Authenticate a) {
            authenticate(connection, a);
        } else if (message instanceof Subscribe s) {
            subscribe(connection, s);
        } else if (message instanceof Unsubscribe u) {
            unsubscribe(connection, u);
        } else if (message instanceof Ping p) {
            reply(connection, new Pong(p.id(), clock.instant()));
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
            error(connection, id, ErrorCode.AUTH_INVALID, AuthException.MESSAGE);
            return;
        }
        if (current == null && !gate.admit(connection, principal, id)) {
            return;
        }
        connection.authenticate(principal);
        if (current == null) {
            hub.authenticated(connection);
        }
        reply(connection, new Authentication(id, principal.userId(), principal.tenantId(), principal.userName(),
                principal.expiresAt(), clock.instant()));
    }

    private void subscribe(Connection connection, Subscribe message) {
        if (!connection.isAuthenticated()) {
            error(connection, message.id(), ErrorCode.AUTH_REQUIRED, AUTH_FIRST);
            return;
        }
        User caller = store.user(connection.principal().userId()).orElse(null);
        List<String> granted = new ArrayList<>();
        List<Denial> denied = new ArrayList<>();
        for (String name : message.channels()) {
            Denial denial = admit(connection, caller, name);
            if (denial == null) {
                granted.add(name);
            } else {
                denied.add(denial);
            }
        }
        reply(connection, new Subscription(message.id(), granted, denied, clock.instant()));
    }

    private Denial admit(Connection connection, User caller, String name) {
        Channel channel = catalog.parse(name).orElse(null);
        if (channel == null) {
            return new Denial(name, ErrorCode.INVALID_MESSAGE, "Unknown channel: matches no channel pattern");
        }
        if (!connection.holds(name) && connection.channelCount() >= channelLimit) {
            return new Denial(name, ErrorCode.CHANNEL_LIMIT, "Channel limit reached (" + channelLimit + ")");
        }
        Decision decision = policy.decide(caller, channel);
        if (!decision.isGranted()) {
            LOG.info("ws_denied conn={} user={} tenant={} channel={} code={}", connection.id(),
                    connection.principal().userId(), connection.tenantId(), name, decision.code());
            return new Denial(name, decision.code(), decision.message());
        }
        hub.add(connection, name);
        return null;
    }

    private void unsubscribe(Connection connection, Unsubscribe message) {
        if (!connection.isAuthenticated()) {
            error(connection, message.id(), ErrorCode.AUTH_REQUIRED, AUTH_FIRST);
            return;
        }
        List<String> removed = new ArrayList<>();
        for (String name : message.channels()) {
            if (hub.remove(connection, name) && !removed.contains(name)) {
                removed.add(name);
            }
        }
        reply(connection, new Unsubscription(message.id(), removed, connection.channels(), null, clock.instant()));
    }

    private void error(Connection connection, MessageId id, ErrorCode code, String text) {
        reply(connection, new ErrorReply(id, code, text, clock.instant()));
    }

    void reply(Connection connection, ServerMessage message) {
        connection.send(codec.encode(message));
    }

    /** Decides whether a first authentication may proceed (connection caps); replies itself when it refuses. */
    interface AuthGate {
        boolean admit(Connection connection, Principal principal, MessageId id);
    }
}
