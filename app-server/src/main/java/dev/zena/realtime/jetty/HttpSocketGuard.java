package dev.zena.realtime.jetty;

import dev.zena.realtime.limits.Limit;
import dev.zena.realtime.limits.PeerSockets;
import dev.zena.realtime.metrics.Metrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the sockets that speak HTTP, from their accept until they are upgraded to WebSocket or closed (ADR 0013):
 * <ul>
 *   <li>each is counted against its peer address ({@link PeerSockets}); the one over the cap is closed at accept;</li>
 *   <li>each request must have sent its headers within {@code limits.header_timeout}, counted from the accept for
 *   the socket's first request and from its first byte for a later one, however slowly its bytes keep coming;
 *   {@link #sweep()} closes the socket otherwise. A kept-alive connection waiting for its next request is left to
 *   Jetty's idle timeout.</li>
 * </ul>
 * It listens to the HTTP connections of the connector's factory: Jetty tells it when one opens and when one closes
 * or is upgraded (the HTTP connection is then closed in favour of the WebSocket one).
 */
public final class HttpSocketGuard implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSocketGuard.class);

    /** An open HTTP socket: its peer (null when it has no IP address), when it was accepted, what the sweep saw. */
    private static final class Accepted {
        final InetAddress peer;
        final long atNanos;
        /** Written by the sweep only: the requests whose headers were read, when it last looked. */
        long requests;
        /** Written by the sweep only: since when headers were due, when it last looked; 0 when none were. */
        long headersSince;

        Accepted(InetAddress peer, long atNanos) {
            this.peer = peer;
            this.atNanos = atNanos;
        }
    }

    private final PeerSockets peers;
    private final long timeoutNanos;
    private final Metrics metrics;
    private final Map<Connection, Accepted> open = new ConcurrentHashMap<>();

    public HttpSocketGuard(PeerSockets peers, Duration headerTimeout, Metrics metrics) {
        this.peers = peers;
        this.timeoutNanos = headerTimeout.toNanos();
        this.metrics = metrics;
    }

    /** Called by Jetty on a selector thread when an accepted socket's HTTP connection opens, before it reads. */
    @Override
    public void onOpened(Connection connection) {
        InetAddress peer = connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress address
                ? address.getAddress()
                : null;
        open.put(connection, new Accepted(peer, System.nanoTime()));
        if (peer != null && !peers.opened(peer)) {
            // An attacker chooses how many of these there are: counted, logged at DEBUG only.
            LOG.debug(
                    "http_denied stage=accept remote={} limit={}",
                    peer.getHostAddress(),
                    Limit.CONNECTIONS_PER_IP.tag());
            metrics.limitRefused(Limit.CONNECTIONS_PER_IP.tag());
            connection.getEndPoint().close();
        }
    }

    /** Called by Jetty when an HTTP connection closes, or hands its socket over to a WebSocket connection. */
    @Override
    public void onClosed(Connection connection) {
        Accepted accepted = open.remove(connection);
        if (accepted != null && accepted.peer != null) {
            peers.closed(accepted.peer);
        }
    }

    /** Called periodically (the server's sweep): closes every socket whose request headers are overdue. */
    public void sweep() {
        long now = System.nanoTime();
        open.forEach((connection, accepted) -> {
            if (connection instanceof HttpConnection http
                    && http.getEndPoint().isOpen()
                    && isOverdue(http, accepted, now)) {
                LOG.info(
                        "http_denied stage=headers remote={} limit={}",
                        accepted.peer == null ? "-" : accepted.peer.getHostAddress(),
                        Limit.HEADER_TIMEOUT.tag());
                metrics.limitRefused(Limit.HEADER_TIMEOUT.tag());
                connection.getEndPoint().close();
            }
        });
    }

    private boolean isOverdue(HttpConnection connection, Accepted accepted, long now) {
        HttpParser parser = connection.getParser();
        // The parser's state is volatile and written after its begin time: read it first.
        boolean isReadingHeaders = parser.inHeaderState();
        long begin = parser.getBeginNanoTime(); // when the request being read began; 0 before its first byte
        long requests = connection.getMessagesIn(); // requests whose headers were read
        long since;
        if (!isReadingHeaders) {
            since = 0; // headers read: a request is being handled, or its body read
        } else if (requests == 0) {
            since = accepted.atNanos; // the socket's first request: from the accept
        } else if (begin != 0) {
            since = begin;
        } else {
            since = 0; // kept alive, waiting for a request: Jetty's idle timeout applies
        }
        // Jetty stamps the begin time again at every read of blank lines before a request line: the earliest one
        // seen for this request counts, so that a trickle of CRLFs cannot push the deadline on.
        if (since != 0 && requests == accepted.requests && accepted.headersSince != 0) {
            since = Math.min(since, accepted.headersSince);
        }
        accepted.requests = requests;
        accepted.headersSince = since;
        return since != 0 && now - since > timeoutNanos;
    }
}
