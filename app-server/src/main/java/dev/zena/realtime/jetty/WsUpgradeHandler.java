package dev.zena.realtime.jetty;

import dev.zena.realtime.handshake.Refusal;
import dev.zena.realtime.handshake.UpgradeHeaders;
import dev.zena.realtime.http.UpgradeRefusal;
import dev.zena.realtime.websocket.HandshakeGuard;
import dev.zena.realtime.websocket.WsEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Serves the upgrade of the WebSocket endpoints ({@code /ws}, the Pusher {@code /app/{key}}) on Jetty's core API, in
 * front of Javalin's servlet context (ADRs 0009 and 0038): RFC 6455's header checks ({@link UpgradeHeaders}), then
 * {@link HandshakeGuard} refuses or admits the handshake, then the socket is a {@link WsSocket} that keeps only what
 * the guard resolved (client address, principal, and the close code the endpoint's protocol gives the request at
 * once, if any), so nothing of the HTTP request outlives the handshake. Any other request, a plain {@code GET} of an
 * endpoint included, goes on to Javalin.
 */
final class WsUpgradeHandler extends Handler.Wrapper {

    private record Endpoint(PathSpec path, WsEndpoint endpoint) {}

    private final UpgradeHeaders headers;
    private final HandshakeGuard guard;
    private final UpgradeRefusal refusal;
    private final WsHandshaker handshaker = new WsHandshaker();
    private final List<Endpoint> endpoints;
    private volatile WebSocketComponents components;

    /** {@code endpoints} by servlet path spec ({@code /ws}, {@code /app/*}), in the order they are matched. */
    WsUpgradeHandler(
            UpgradeHeaders headers, HandshakeGuard guard, UpgradeRefusal refusal, Map<String, WsEndpoint> endpoints) {
        this.headers = headers;
        this.guard = guard;
        this.refusal = refusal;
        this.endpoints = endpoints.entrySet().stream()
                .map(e -> new Endpoint(PathSpec.from(e.getKey()), e.getValue()))
                .toList();
    }

    @Override
    protected void doStart() throws Exception {
        components = WebSocketServerComponents.ensureWebSocketComponents(getServer());
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        WsEndpoint endpoint = endpointAt(Request.getPathInContext(request));
        if (endpoint == null
                || !UpgradeHeaders.isWebSocketUpgrade(
                        request.getMethod(), request.getHeaders().get(HttpHeader.UPGRADE))) {
            return super.handle(request, response, callback);
        }
        CoreUpgradeRequest upgrade = new CoreUpgradeRequest(request);
        HandshakeGuard.Admitted admitted;
        try {
            headers.check(upgrade);
            if (!handshaker.isWebSocketUpgradeRequest(request)) {
                return super.handle(request, response, callback);
            }
            admitted = guard.admit(upgrade);
        } catch (Refusal refused) {
            write(response, callback, refusal.answer(refused));
            return true;
        }
        int closeAtOpen = endpoint.closeAtOpen(upgrade);
        WebSocketNegotiator negotiator = (upgradeRequest, upgradeResponse, negotiation) -> {
            // No permessage-deflate (ADR 0011): small JSON events, and no zlib state per connection.
            upgradeResponse.setExtensions(List.of());
            return new WsSocket(endpoint, admitted, closeAtOpen);
        };
        if (handshaker.upgradeRequest(negotiator, request, response, callback, components, null)) {
            return true;
        }
        return super.handle(request, response, callback);
    }

    private WsEndpoint endpointAt(String path) {
        for (Endpoint candidate : endpoints) {
            if (candidate.path().matches(path)) {
                return candidate.endpoint();
            }
        }
        return null;
    }

    private static void write(Response response, Callback callback, UpgradeRefusal.Answer answer) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
