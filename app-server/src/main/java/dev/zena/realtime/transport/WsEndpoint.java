package dev.zena.realtime.transport;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.ErrorReply;
import dev.zena.realtime.protocol.WireCodec;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The {@code /ws} endpoint: handshake checks before the upgrade, then one {@link Connection} per socket whose
 * messages are handed, in order, to {@link WsProtocol} on the worker pool.
 */
final class WsEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);
    private static final String PRINCIPAL = "zena.principal";

    private final ServerConfig config;
    private final WsProtocol protocol;
    private final Hub hub;
    private final TokenValidator validator;
    private final Executor workers;
    private final Clock clock;
    private final WireCodec codec;
    private final UpgradeRefusal refusal;
    private final Map<String, WsLink> links = new ConcurrentHashMap<>();

    WsEndpoint(ServerConfig config, WsProtocol protocol, Hub hub, TokenValidator validator, Executor workers,
               Clock clock, WireCodec codec, UpgradeRefusal refusal) {
        this.refusal = refusal;
        this.config = config;
        this.protocol = protocol;
        this.hub = hub;
        this.validator = validator;
        this.workers = workers;
        this.clock = clock;
        this.codec = codec;
    }

    /** Called before every upgrade of {@code /ws}: a token given at the handshake must be valid (else 401). */
    void beforeUpgrade(Context ctx) {
        String token = Tokens.fromHandshake(ctx.header("Authorization"), ctx.queryParam("token"));
        if (token == null) {
            return;
        }
        try {
            ctx.attribute(PRINCIPAL, validator.validate(token));
        } catch (AuthException e) {
            LOG.info("ws_denied stage=handshake remote={} reason={}", ctx.ip(), e.reason());
            throw refusal.refuse(ctx, new ApiException(401, ErrorCode.AUTH_INVALID.name(), e.getMessage(), null, null));
        }
    }

    /** Called once at start-up to attach the socket handlers. */
    void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onMessage(ctx -> onText(ctx, ctx.message()));
        ws.onBinaryMessage(ctx -> onBinary(ctx, ctx.data().remaining()));
        ws.onClose(ctx -> onClose(ctx, ctx.status()));
        ws.onError(ctx -> LOG.debug("ws_error conn={}", ctx.sessionId(), ctx.error()));
    }

    private void onConnect(WsContext ctx) {
        ctx.session.setMaxTextMessageSize(hardMessageCap());
        ctx.session.setMaxBinaryMessageSize(hardMessageCap());
        ctx.session.setIdleTimeout(java.time.Duration.ZERO);
        JettyOutbound outbound = new JettyOutbound(ctx.session, config.limits().sendQueueBytes(), n -> { });
        SerialExecutor lane = new SerialExecutor(workers);
        Connection connection = new Connection(UlidCreator.getMonotonicUlid().toString(), remoteIp(ctx),
                clock.instant(), outbound, lane);
        WsLink link = new WsLink(connection, outbound, lane);
        links.put(ctx.sessionId(), link);
        hub.register(connection);
        LOG.info("ws_open conn={} remote={}", connection.id(), connection.remoteAddress());
        protocol.reply(connection, new dev.zena.realtime.protocol.Connection(connection.id(),
                (int) config.heartbeat().interval().toSeconds(), (int) config.heartbeat().timeout().toSeconds(),
                clock.instant()));
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal != null) {
            link.serial().execute(() -> protocol.accept(connection, principal, null));
        }
    }

    private void onText(WsContext ctx, String text) {
        WsLink link = links.get(ctx.sessionId());
        if (link == null) {
            return;
        }
        Connection connection = link.connection();
        int bytes = utf8Length(text);
        connection.recordInbound(bytes, clock.millis());
        if (bytes > config.limits().messageSize()) {
            tooLarge(link);
            return;
        }
        link.serial().execute(() -> protocol.handle(connection, text));
    }

    private void onBinary(WsContext ctx, int bytes) {
        WsLink link = links.get(ctx.sessionId());
        if (link == null) {
            return;
        }
        link.connection().recordInbound(bytes, clock.millis());
        if (bytes > config.limits().messageSize()) {
            tooLarge(link);
            return;
        }
        link.serial().execute(() -> protocol.reply(link.connection(), new ErrorReply(null,
                ErrorCode.INVALID_MESSAGE, "Binary frames are not supported: send JSON text", clock.instant())));
    }

    private void tooLarge(WsLink link) {
        Connection connection = link.connection();
        link.serial().execute(() -> {
            protocol.reply(connection, new ErrorReply(null, ErrorCode.MESSAGE_TOO_LARGE,
                    "Message exceeds " + config.limits().messageSize() + " bytes", clock.instant()));
            connection.close(CloseCode.MESSAGE_TOO_BIG.code(), CloseCode.MESSAGE_TOO_BIG.reason());
        });
    }

    private void onClose(WsContext ctx, int status) {
        WsLink link = links.remove(ctx.sessionId());
        if (link != null) {
            hub.unregister(link.connection(), status);
            Connection c = link.connection();
            LOG.info("ws_close conn={} user={} tenant={} remote={} code={}", c.id(),
                    c.isAuthenticated() ? c.principal().userId() : "-", c.tenantId() == null ? "-" : c.tenantId(),
                    c.remoteAddress(), status);
        }
    }

    /** Called periodically: authentication deadline (4001), token expiry (4003) and heartbeat (ping, 4002). */
    void sweep() {
        long now = clock.millis();
        for (WsLink link : links.values()) {
            new Sweep(config, link, now).run();
        }
    }

    private int hardMessageCap() {
        // Jetty closes with 1009 by itself beyond this; up to it we answer MESSAGE_TOO_LARGE first.
        return Math.max(config.limits().messageSize() * 16, 1 << 20);
    }

    private static String remoteIp(WsContext ctx) {
        if (ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress address) {
            return address.getAddress().getHostAddress();
        }
        return String.valueOf(ctx.session.getRemoteSocketAddress());
    }

    private static int utf8Length(String text) {
        int chars = text.length();
        for (int i = 0; i < chars; i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return chars;
    }
}
