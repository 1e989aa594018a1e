package dev.zena.realtime.jetty;

import dev.zena.realtime.handshake.UpgradeRequest;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * An upgrade request as Jetty's core API shows it, in front of Javalin ({@link WsUpgradeHandler}): read on demand,
 * the query string decoded (UTF-8) at the first parameter asked for and kept for the next.
 */
final class CoreUpgradeRequest implements UpgradeRequest {

    private final Request request;
    private Fields query;

    /** Called once per handshake, on its HTTP thread; used on that thread only. */
    CoreUpgradeRequest(Request request) {
        this.request = request;
    }

    @Override
    public String path() {
        return request.getHttpURI().getPath();
    }

    @Override
    public String peerAddress() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public String queryParam(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query.getValue(name);
    }
}
