package dev.zena.realtime.bench.load;

/**
 * The wire protocol a target speaks. {@code ZENA} is ours (SPEC §3), also spoken by the Node {@code ws} peer;
 * {@code SOCKETIO} is the minimal subset of Engine.IO v4 / Socket.IO v5 over a raw WebSocket that the scenarios
 * need: open, namespace connect with an auth token, {@code subscribe}, {@code event}, ping/pong.
 */
public enum Dialect {
    ZENA,
    SOCKETIO;

    /** The request path of the WebSocket handshake, given the path configured for the target. */
    public String handshakePath(String wsPath) {
        return this == SOCKETIO ? "/socket.io/?EIO=4&transport=websocket" : wsPath;
    }

    /** The message that authenticates; sent when the server has greeted the connection. */
    public String authenticate(String token) {
        return this == SOCKETIO
                ? "40{\"token\":\"" + token + "\"}"
                : "{\"type\":\"authenticate\",\"token\":\"" + token + "\"}";
    }

    /** The message that subscribes to {@code channels}. */
    public String subscribe(String[] channels) {
        StringBuilder list = new StringBuilder();
        for (String channel : channels) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(channel).append('"');
        }
        return this == SOCKETIO
                ? "42[\"subscribe\",{\"channels\":[" + list + "]}]"
                : "{\"type\":\"subscribe\",\"channels\":[" + list + "]}";
    }

    /** What a received text is, judged by its first bytes only (events are the hot path). */
    public Kind classify(String text) {
        if (this == SOCKETIO) {
            if (text.startsWith("42[\"event\"")) {
                return Kind.EVENT;
            }
            if (text.equals("2")) {
                return Kind.PING;
            }
            if (text.startsWith("0{")) {
                return Kind.GREETING;
            }
            if (text.startsWith("40")) {
                return Kind.AUTHENTICATED;
            }
            if (text.startsWith("42[\"subscription\"")) {
                return Kind.SUBSCRIBED;
            }
            return text.startsWith("44") ? Kind.ERROR : Kind.OTHER;
        }
        if (text.startsWith("{\"type\":\"event\"")) {
            return Kind.EVENT;
        }
        if (text.startsWith("{\"type\":\"connection\"")) {
            return Kind.GREETING;
        }
        if (text.startsWith("{\"type\":\"authentication\"")) {
            return Kind.AUTHENTICATED;
        }
        if (text.startsWith("{\"type\":\"subscription\"")) {
            return Kind.SUBSCRIBED;
        }
        return text.startsWith("{\"type\":\"error\"") ? Kind.ERROR : Kind.OTHER;
    }

    /** The reply to a protocol-level ping ({@link Kind#PING}). */
    public String pong() {
        return "3";
    }

    /** Kinds of server message the scenarios react to. */
    public enum Kind {
        GREETING,
        AUTHENTICATED,
        SUBSCRIBED,
        EVENT,
        PING,
        ERROR,
        OTHER
    }
}
