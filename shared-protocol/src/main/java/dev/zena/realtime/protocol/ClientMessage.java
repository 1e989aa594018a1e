package dev.zena.realtime.protocol;

/**
 * A message a client sends to the server (SPEC §3, §9, §10); produced by {@link WireCodec#decode(String)} on the
 * server.
 */
public sealed interface ClientMessage permits Authenticate, Subscribe, Unsubscribe, PresenceQuery, Ping {

    /** Most channels one {@code subscribe} or {@code unsubscribe} may name, and most entries in {@code since}. */
    int MAX_CHANNELS = 50;

    /** The client's id to echo in the reply, or null when the message had none. */
    MessageId id();

    /** The wire {@code type} value, e.g. {@code "subscribe"}; handy for logs and metrics. */
    String type();
}
