package dev.zena.realtime.limits;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sockets not upgraded to WebSocket (handshakes in flight, half-sent requests, kept-alive REST connections) per
 * peer address, capped at {@code limits.connections_per_ip} and counted apart from the WebSockets of
 * {@link AddressCaps}. The address is the socket's own peer: when a socket is accepted no header naming a client
 * behind a proxy has been read yet. A trusted proxy's sockets are never capped (its clients all share its address).
 * Thread-safe; counters that fall to zero are removed.
 */
public final class PeerSockets {

    private final int perPeer;
    private final ClientAddresses addresses;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    PeerSockets(int perPeer, ClientAddresses addresses) {
        this.perPeer = perPeer;
        this.addresses = addresses;
    }

    /**
     * Called when a socket is accepted; false when it took its peer over the cap (the caller then closes it). It
     * stays counted until {@link #closed}. A trusted proxy's socket is not counted and never over.
     */
    public boolean opened(InetAddress peer) {
        return addresses.isTrustedProxy(peer) || open.merge(peer, 1, Integer::sum) <= perPeer;
    }

    /** Called when a socket that {@link #opened} counted is upgraded or closed. */
    public void closed(InetAddress peer) {
        if (!addresses.isTrustedProxy(peer)) {
            open.computeIfPresent(peer, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Sockets of {@code peer} open and not upgraded. */
    public int openFrom(InetAddress peer) {
        return open.getOrDefault(peer, 0);
    }
}
