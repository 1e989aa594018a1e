package dev.zena.realtime.pusher;

import dev.zena.realtime.hub.Outbound;
import dev.zena.realtime.hub.SharedText;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.websocket.ClientSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The sending side of one {@code /app/{key}} connection: what the rest of the server sends in the wire form of
 * SPEC §3 (events, presence events, access lost) leaves as Pusher frames, once per Pusher channel name the
 * connection subscribed that maps to the channel; the protocol's own frames (which begin with {@code {"event"})
 * pass as they are. Close codes become those of SPEC §12. Thread-safe.
 */
final class PusherOutbound implements Outbound {

    private static final String PUSHER_FRAME = "{\"event\"";

    private final ClientSocket socket;
    private final PusherSubscriptions registry;
    /** Per channel held in the hub, the Pusher names this connection subscribed it by. */
    private final Map<String, Set<String>> names = new ConcurrentHashMap<>();

    PusherOutbound(ClientSocket socket, PusherSubscriptions registry) {
        this.socket = socket;
        this.registry = registry;
    }

    /** Called on the lane when {@code pusherName} (mapping to {@code channel}) is subscribed; false if already. */
    boolean addName(String channel, String pusherName) {
        boolean added =
                names.computeIfAbsent(channel, c -> new CopyOnWriteArraySet<>()).add(pusherName);
        if (added) {
            registry.added(pusherName);
        }
        return added;
    }

    /**
     * Called on the lane when {@code pusherName} is unsubscribed: answers true when it was the last name of
     * {@code channel}, which the connection then leaves in the hub.
     */
    boolean removeName(String channel, String pusherName) {
        Set<String> set = names.get(channel);
        if (set == null || !set.remove(pusherName)) {
            return false;
        }
        registry.removed(pusherName);
        if (set.isEmpty()) {
            names.remove(channel, set);
            return true;
        }
        return false;
    }

    /** True when the connection holds {@code pusherName}. */
    boolean holds(String channel, String pusherName) {
        Set<String> set = names.get(channel);
        return set != null && set.contains(pusherName);
    }

    /** Called once when the connection closed: its names leave the registry. */
    void forgetAll() {
        names.values().forEach(set -> set.forEach(registry::removed));
        names.clear();
    }

    @Override
    public boolean send(String text) {
        if (text.startsWith(PUSHER_FRAME)) {
            return socket.send(text);
        }
        return translate(ServerFrame.read(text));
    }

    /** A fan-out's message: an event's Pusher frame is encoded once per message and name, and may be batched. */
    @Override
    public boolean send(SharedText message, boolean batch) {
        PusherReading reading = PusherReading.of(message);
        return reading.frame().kind() == ServerFrame.Kind.EVENT ? event(reading, batch) : translate(reading.frame());
    }

    private boolean translate(ServerFrame frame) {
        return switch (frame.kind()) {
            case EVENT -> event(frame);
            case PRESENCE -> presence(frame);
            case ACCESS_LOST -> accessLost(frame);
            case OTHER -> true; // no Pusher equivalent (pong, resync, ...): nothing to send
        };
    }

    private boolean event(ServerFrame frame) {
        Set<String> set = names.get(frame.channel());
        boolean sent = false;
        if (set != null) {
            for (String name : set) {
                sent |= socket.send(ServerFrame.pusher(frame.name(), name, frame.data()));
            }
        }
        return sent;
    }

    private boolean event(PusherReading reading, boolean batch) {
        Set<String> set = names.get(reading.frame().channel());
        boolean sent = false;
        if (set != null) {
            for (String name : set) {
                sent |= socket.send(reading.event(name), batch);
            }
        }
        return sent;
    }

    /** {@code pusher_internal:member_added} / {@code member_removed} on the connection's presence names. */
    private boolean presence(ServerFrame frame) {
        Set<String> set = names.get(frame.channel());
        if (set == null) {
            return false;
        }
        boolean joined = "joined".equals(frame.name());
        var data = ServerFrame.object().put("user_id", frame.userId());
        if (joined) {
            data.putObject("user_info").put("name", frame.userName());
        }
        boolean sent = false;
        for (String name : set) {
            if (name.startsWith("presence-")) {
                sent |= socket.send(ServerFrame.pusher(
                        joined ? "pusher_internal:member_added" : "pusher_internal:member_removed",
                        name,
                        ServerFrame.json(data)));
            }
        }
        return sent;
    }

    /** Access lost (SPEC §12): a {@code pusher:error} per Pusher name, then nothing more on it. */
    private boolean accessLost(ServerFrame frame) {
        boolean sent = false;
        for (String channel : frame.channels()) {
            Set<String> set = names.remove(channel);
            if (set == null) {
                continue;
            }
            for (String name : set) {
                registry.removed(name);
                var data = ServerFrame.object()
                        .put("code", PusherProtocol.ERROR_ACCESS_LOST)
                        .put("message", frame.reason() + ": " + name);
                sent |= socket.send(ServerFrame.pusher("pusher:error", null, ServerFrame.json(data)));
            }
        }
        return sent;
    }

    @Override
    public void flush() {
        socket.flush();
    }

    /** Closes with the Pusher code of SPEC §12 for the server's own close code. */
    @Override
    public void close(int code, String reason) {
        socket.close(pusherCode(code), reason);
    }

    static int pusherCode(int code) {
        if (code == CloseCode.ACCESS_REVOKED.code()) {
            return PusherProtocol.CLOSE_UNAUTHORIZED;
        } else if (code == CloseCode.CONNECTION_LIMIT.code()) {
            return PusherProtocol.CLOSE_OVER_QUOTA;
        } else if (code == CloseCode.ABUSE.code()) {
            return PusherProtocol.CLOSE_OVER_CAPACITY;
        } else if (code == CloseCode.GOING_AWAY.code()) {
            return PusherProtocol.CLOSE_RECONNECT;
        } else if (code == CloseCode.HEARTBEAT_TIMEOUT.code()) {
            return PusherProtocol.CLOSE_PONG_MISSING;
        }
        return code;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public long queuedBytes() {
        return socket.queuedBytes();
    }

    @Override
    public long peakQueuedBytes() {
        return socket.peakQueuedBytes();
    }

    /** The Pusher names held, for tests and logs. */
    List<String> allNames() {
        return names.values().stream().flatMap(Set::stream).sorted().toList();
    }
}
