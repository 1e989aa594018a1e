package dev.zena.realtime.http;

import dev.zena.realtime.handshake.UpgradeRequest;
import jakarta.servlet.http.HttpServletRequest;

/** An upgrade request as the servlet API shows it (below Javalin, and under a Javalin context): read on demand. */
public final class ServletUpgradeRequest implements UpgradeRequest {

    private final HttpServletRequest request;

    /** Called once per handshake, on its HTTP thread. */
    public ServletUpgradeRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public String peerAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String queryParam(String name) {
        return request.getParameter(name);
    }
}
