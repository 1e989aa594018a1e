package dev.zena.realtime.jetty;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.internal.AbstractHandshaker;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Negotiation;
import org.eclipse.jetty.websocket.core.server.internal.WebSocketNegotiation;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/**
 * The RFC 6455 upgrade (HTTP/1.1 {@code GET} with {@code Upgrade: websocket}) as Jetty's own handshaker does it,
 * except that the connection it makes is a {@link WsConnection} (ADR 0012). Jetty's handshaker is final and
 * creates its connection class itself, so this is the one place that can choose it. The server speaks HTTP/1.1
 * only, so the HTTP/2 upgrade (RFC 8441) is not offered.
 */
final class WsHandshaker extends AbstractHandshaker {

    private static final HttpField UPGRADE_WEBSOCKET = new PreEncodedHttpField(HttpHeader.UPGRADE, "websocket");
    private static final HttpField CONNECTION_UPGRADE =
            new PreEncodedHttpField(HttpHeader.CONNECTION, HttpHeader.UPGRADE.asString());

    @Override
    public boolean isWebSocketUpgradeRequest(Request request) {
        return HttpMethod.GET.is(request.getMethod())
                && HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())
                && super.isWebSocketUpgradeRequest(request);
    }

    @Override
    protected WebSocketNegotiation newNegotiation(
            Request request, Response response, Callback callback, WebSocketComponents components) {
        return new RFC6455Negotiation(request, response, callback, components);
    }

    @Override
    protected boolean validateNegotiation(WebSocketNegotiation negotiation) {
        if (!super.validateNegotiation(negotiation)) {
            return false;
        }
        if (((RFC6455Negotiation) negotiation).getKey() == null) {
            throw new BadMessageException("Missing request header 'Sec-WebSocket-Key'");
        }
        return true;
    }

    @Override
    protected WebSocketConnection createWebSocketConnection(Request request, WebSocketCoreSession session) {
        ConnectionMetaData metaData = request.getConnectionMetaData();
        Connector connector = metaData.getConnector();
        WsConnection connection = new WsConnection(
                metaData.getConnection().getEndPoint(),
                connector.getExecutor(),
                connector.getScheduler(),
                connector.getByteBufferPool(),
                session,
                (WsSocket) session.getHandler());
        session.setWebSocketConnection(connection);
        return connection;
    }

    @Override
    protected void prepareResponse(Response response, WebSocketNegotiation negotiation) {
        response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
        response.getHeaders().put(UPGRADE_WEBSOCKET);
        response.getHeaders().put(CONNECTION_UPGRADE);
        response.getHeaders()
                .put(
                        HttpHeader.SEC_WEBSOCKET_ACCEPT,
                        WebSocketUtils.hashKey(((RFC6455Negotiation) negotiation).getKey()));
    }
}
