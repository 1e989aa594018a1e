package dev.zena.realtime.limits;

import java.util.Locale;

/** The limits that refuse something (SPEC §5, and the header timeout); the tag of refusals in metrics and logs. */
public enum Limit {
    MESSAGES_PER_CONNECTION,
    MESSAGES_PER_TENANT,
    CONNECTIONS_PER_TENANT,
    CONNECTIONS_PER_USER,
    CONNECTIONS_PER_IP,
    HANDSHAKES_PER_IP,
    HEADER_TIMEOUT,
    ADMIN_FEEDS_PER_USER,
    REST_PER_USER,
    PUBLISH_PER_KEY;

    /** The lower-case name used as a metric tag and a log field ({@code messages_per_connection}). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
