package dev.zena.realtime.jetty;

import dev.zena.realtime.websocket.HandshakeGuard;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * In front of every WebSocket endpoint ({@code /ws} and the admin feed, whichever serves the upgrade): a {@code GET}
 * asking for {@code Upgrade: websocket} is first checked by {@link HandshakeGuard#hasValidHeaders}, so that a bad
 * {@code Sec-WebSocket-Key} or {@code Sec-WebSocket-Version} is refused the same way on both. Any other request,
 * a plain {@code GET} of the endpoint included, goes on unchecked.
 */
public final class UpgradeHeadersFilter implements Filter {

    private final HandshakeGuard guard;

    public UpgradeHeadersFilter(HandshakeGuard guard) {
        this.guard = guard;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse res
                && isWebSocketUpgrade(req) && !guard.hasValidHeaders(req, res)) {
            return; // refused: the answer is written
        }
        chain.doFilter(request, response);
    }

    /** A {@code GET} whose {@code Upgrade} header lists {@code websocket} (RFC 6455 §4.2.1 items 1 and 3). */
    static boolean isWebSocketUpgrade(HttpServletRequest req) {
        String upgrade = req.getHeader("Upgrade");
        if (upgrade == null || !"GET".equals(req.getMethod())) {
            return false;
        }
        for (String protocol : upgrade.split(",")) {
            if ("websocket".equalsIgnoreCase(protocol.strip())) {
                return true;
            }
        }
        return false;
    }
}
