package dev.zena.realtime.console.client;

/** How the console's link to its server stands; drives the banner. */
public enum LinkStatus {
    /** Not yet known: the first call or the feed is on its way. */
    CONNECTING,
    /** The last call succeeded or the feed said hello. */
    CONNECTED,
    /** The server could not be reached, or does not serve the admin API; the feed keeps retrying. */
    UNREACHABLE,
    /** The server refused the token (401, or 403 for a token without {@code admin.access}). */
    TOKEN_REFUSED
}
