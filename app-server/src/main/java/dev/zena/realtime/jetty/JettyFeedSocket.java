package dev.zena.realtime.jetty;

import dev.zena.realtime.admin.FeedSocket;
import io.javalin.websocket.WsConnectContext;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * An admin feed's socket on Jetty's WebSocket API (the session under Javalin's context), which reports when a text
 * is written. A feed has no idle timeout: a console only listens, and the feed's re-check and send queue end it.
 */
public final class JettyFeedSocket implements FeedSocket {

    private final Session session;

    private JettyFeedSocket(Session session) {
        this.session = session;
    }

    /** Called when a feed's socket opens (a {@link FeedSocket.Opener}). */
    public static FeedSocket open(WsConnectContext ctx) {
        ctx.session.setIdleTimeout(Duration.ZERO);
        return new JettyFeedSocket(ctx.session);
    }

    @Override
    public void send(String text, Runnable done) {
        session.sendText(text, Callback.from(done, failure -> done.run()));
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void disconnect() {
        session.disconnect();
    }
}
