package dev.zena.realtime.bench.load;

/**
 * The wire protocol a target speaks. {@code ZENA} is ours (SPEC §3), also spoken by the Node {@code ws} peer;
 * {@code SOCKETIO} is the minimal subset of Engine.IO v4 / Socket.IO v5 over a raw WebSocket that the scenarios
 * need: open, namespace connect with an auth token, {@code subscribe}, {@code event}, ping/pong. {@code PUSHER} is
 * Pusher protocol 7 as pusher-js speaks it (SPEC §12): {@code pusher:connection_established} carries the socket id,
 * each private channel is subscribed with an {@code auth} got for that socket id ({@link PusherAuth}), events are
 * {@code {"event","channel","data"}} with {@code data} a JSON text.
 */
public enum Dialect {
    ZENA,
    SOCKETIO,
    PUSHER;

    /** What pusher-js 8 puts in the query of its handshake. */
    static final String PUSHER_QUERY = "?protocol=7&client=js&version=8.4.0&flash=false";

    /** The request path of the WebSocket handshake, given the path configured for the target. */
    public String handshakePath(String wsPath) {
        return switch (this) {
            case SOCKETIO -> "/socket.io/?EIO=4&transport=websocket";
            case PUSHER -> wsPath + PUSHER_QUERY;
            case ZENA -> wsPath;
        };
    }

    /**
     * The channel as this dialect names it on the wire: for Pusher the private Laravel name that maps to it
     * (SPEC §12: {@code private-task.{id}} → {@code task.{id}}), otherwise the channel itself.
     */
    public String wireChannel(String channel) {
        return this == PUSHER ? "private-" + channel : channel;
    }

    /** Pusher: the subscribe message of one channel with its {@code auth}. */
    public String pusherSubscribe(String wireChannel, String auth) {
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + wireChannel + "\",\"auth\":\"" + auth
                + "\"}}";
    }

    /** Pusher: the socket id in {@code pusher:connection_established}, or null. */
    public static String pusherSocketId(String text) {
        String marker = "socket_id\\\":\\\"";
        int at = text.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int from = at + marker.length();
        int to = text.indexOf('\\', from);
        return to < 0 ? null : text.substring(from, to);
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
        if (this == PUSHER) {
            return classifyPusher(text);
        }
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

    private static Kind classifyPusher(String text) {
        // Ours writes "event" first (Jackson, in order); Soketi too (JSON.stringify of {event, channel, data}).
        if (!text.startsWith("{\"event\":\"pusher")) {
            return text.startsWith("{\"event\":\"") ? Kind.EVENT : Kind.OTHER;
        }
        if (text.startsWith("{\"event\":\"pusher:connection_established\"")) {
            return Kind.GREETING;
        }
        if (text.startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"")) {
            return Kind.SUBSCRIBED;
        }
        if (text.startsWith("{\"event\":\"pusher:ping\"")) {
            return Kind.PING;
        }
        if (text.startsWith("{\"event\":\"pusher:error\"")
                || text.startsWith("{\"event\":\"pusher:subscription_error\"")) {
            return Kind.ERROR;
        }
        return Kind.OTHER;
    }

    /** The reply to a protocol-level ping ({@link Kind#PING}). */
    public String pong() {
        return this == PUSHER ? "{\"event\":\"pusher:pong\",\"data\":{}}" : "3";
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
