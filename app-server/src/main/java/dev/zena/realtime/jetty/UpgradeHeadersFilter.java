package dev.zena.realtime.jetty;

import dev.zena.realtime.handshake.Refusal;
import dev.zena.realtime.handshake.UpgradeHeaders;
import dev.zena.realtime.http.ServletUpgradeRequest;
import dev.zena.realtime.http.UpgradeRefusal;
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
 * asking for {@code Upgrade: websocket} is first checked by {@link UpgradeHeaders}, so that a bad
 * {@code Sec-WebSocket-Key} or {@code Sec-WebSocket-Version} is refused the same way on both. Any other request,
 * a plain {@code GET} of the endpoint included, goes on unchecked.
 */
final class UpgradeHeadersFilter implements Filter {

    private final UpgradeHeaders headers;
    private final UpgradeRefusal refusal;

    UpgradeHeadersFilter(UpgradeHeaders headers, UpgradeRefusal refusal) {
        this.headers = headers;
        this.refusal = refusal;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req
                && response instanceof HttpServletResponse res
                && UpgradeHeaders.isWebSocketUpgrade(req.getMethod(), req.getHeader("Upgrade"))) {
            try {
                headers.check(new ServletUpgradeRequest(req));
            } catch (Refusal refused) {
                refusal.write(res, refused);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
