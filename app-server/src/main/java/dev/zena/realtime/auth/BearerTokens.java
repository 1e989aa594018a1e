package dev.zena.realtime.auth;

/**
 * Where a request carries its token, for REST, WebSocket handshakes and the admin API alike: {@code Authorization: Bearer}
 * first, then (handshakes only) {@code ?token=}.
 */
public final class BearerTokens {

    private BearerTokens() {}

    /** The bearer token of an {@code Authorization} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** The token of a WebSocket handshake (header, else query parameter), or null when it carries none. */
    public static String fromHandshake(String authorization, String queryToken) {
        String header = bearer(authorization);
        if (header != null) {
            return header;
        }
        return queryToken == null || queryToken.isEmpty() ? null : queryToken;
    }
}
