package dev.zena.realtime.jetty;

import dev.zena.realtime.handshake.Refusal;
import dev.zena.realtime.http.ServletUpgradeRequest;
import dev.zena.realtime.http.UpgradeRefusal;
import dev.zena.realtime.websocket.HandshakeGuard;
import dev.zena.realtime.websocket.WsEndpoint;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee10.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Serves the upgrade of a WebSocket endpoint ({@code /ws}, the Pusher {@code /app/{key}}) below Javalin, on Jetty's core WebSocket API (ADR 0009): {@link HandshakeGuard}
 * refuses or admits the handshake, then the socket is a {@link WsSocket} that keeps only what the guard
 * resolved (client address, principal, and the close code the endpoint's protocol gives the request at once, if
 * any), so nothing of the HTTP request outlives the handshake. A request that is not a WebSocket upgrade goes on
 * to Javalin.
 */
final class WsUpgradeFilter implements Filter {

    private final HandshakeGuard guard;
    private final WsEndpoint endpoint;
    private final UpgradeRefusal refusal;
    private final WsHandshaker handshaker = new WsHandshaker();
    private volatile WebSocketComponents components;

    WsUpgradeFilter(HandshakeGuard guard, WsEndpoint endpoint, UpgradeRefusal refusal) {
        this.guard = guard;
        this.endpoint = endpoint;
        this.refusal = refusal;
    }

    @Override
    public void init(FilterConfig config) {
        ServletContextHandler context = ServletContextHandler.getServletContextHandler(config.getServletContext());
        components = WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        Request core = ServletCoreRequest.wrap(req);
        if (!handshaker.isWebSocketUpgradeRequest(core)) {
            chain.doFilter(request, response);
            return;
        }
        HandshakeGuard.Admitted admitted;
        try {
            admitted = guard.admit(new ServletUpgradeRequest(req));
        } catch (Refusal refused) {
            refusal.write(res, refused);
            return;
        }
        int closeAtOpen = endpoint.closeAtOpen(new ServletUpgradeRequest(req));
        Response coreResponse = ServletCoreResponse.wrap(core, res, false);
        WebSocketNegotiator negotiator = (upgradeRequest, upgradeResponse, negotiation) -> {
            // No permessage-deflate (ADR 0011): small JSON events, and no zlib state per connection.
            upgradeResponse.setExtensions(java.util.List.of());
            return new WsSocket(endpoint, admitted, closeAtOpen);
        };
        FutureCallback callback = new FutureCallback();
        if (handshaker.upgradeRequest(negotiator, core, coreResponse, callback, components, null)) {
            callback.block();
        } else {
            chain.doFilter(request, response);
        }
    }
}
