package dev.zena.realtime.pusher;

import dev.zena.realtime.auth.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which user each {@code /app/{key}} socket of this node was bound to by {@code POST /broadcasting/auth} (or a
 * handshake token): the identity its subscriptions, limits and revocation then use. A binding is kept only for a
 * socket open on this node and forgotten when it closes. Thread-safe.
 */
public final class SocketBindings {

    private final Map<String, Principal> bound = new ConcurrentHashMap<>();

    /** Called for a socket open on this node: its latest authorised principal. */
    void bind(String socketId, Principal principal) {
        bound.put(socketId, principal);
    }

    /** The principal a socket was bound to, if any. */
    Optional<Principal> of(String socketId) {
        return Optional.ofNullable(bound.get(socketId));
    }

    /** Called when the socket closed. */
    void forget(String socketId) {
        bound.remove(socketId);
    }
}
