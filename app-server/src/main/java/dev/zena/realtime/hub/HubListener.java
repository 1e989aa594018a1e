package dev.zena.realtime.hub;

/**
 * Told of connection opens and closes and of deliveries; implemented by metrics and the admin feed. Called on
 * the thread that caused the event: implementations must be quick and must not block.
 */
public interface HubListener {

    /** A socket opened. */
    default void opened(Connection connection) {}

    /**
     * A connection's first token was accepted: it now has a user and a tenant. Not called again when the same
     * user refreshes the connection's token.
     */
    default void authenticated(Connection connection) {}

    /** A socket closed with this close code. */
    default void closed(Connection connection, int closeCode) {}

    /**
     * An authenticated connection started holding a channel ({@link Hub#addHeld} or {@link Hub#add}), before its
     * {@code subscription} reply is queued. Called on the connection's lane.
     */
    default void joined(Connection connection, String channel) {}

    /** A connection stopped holding a channel: unsubscribed, lost access, or closed. */
    default void left(Connection connection, String channel) {}

    /** An event was queued to {@code count} connections of a tenant. */
    default void delivered(String tenantId, int count) {}
}
