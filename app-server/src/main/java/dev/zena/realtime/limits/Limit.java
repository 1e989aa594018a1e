package dev.zena.realtime.limits;

import java.util.Locale;

/** The limits of SPEC §5 that refuse something; the tag of refusals in metrics and logs. */
public enum Limit {
    MESSAGES_PER_CONNECTION,
    MESSAGES_PER_TENANT,
    CONNECTIONS_PER_TENANT,
    CONNECTIONS_PER_USER,
    CONNECTIONS_PER_IP,
    HANDSHAKES_PER_IP,
    ADMIN_FEEDS_PER_USER,
    REST_PER_USER,
    PUBLISH_PER_KEY;

    /** The lower-case name used as a metric tag and a log field ({@code messages_per_connection}). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
