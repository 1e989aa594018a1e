package dev.zena.realtime.config;

import java.util.List;

/**
 * Which browser origins may call the App API from another origin (CORS), and whether such a call may carry
 * credentials (cookies, HTTP authentication). A Bearer token in {@code Authorization} is a header the preflight
 * allows, not a credential in the CORS sense, so a browser app with a token needs no {@code allow_credentials}.
 *
 * @param allowedOrigins    {@code scheme://host[:port]} entries, or the single entry {@code *}; empty = no
 *                          cross-origin caller ({@code cors.allowed_origins})
 * @param allowsCredentials whether responses carry {@code Access-Control-Allow-Credentials: true}; never with
 *                          {@code *} ({@code cors.allow_credentials})
 */
public record CorsConfig(List<String> allowedOrigins, boolean allowsCredentials) {

    /** The entry that admits any origin. */
    public static final String ANY = "*";

    public CorsConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** No cross-origin caller: the default. */
    public static CorsConfig none() {
        return new CorsConfig(List.of(), false);
    }

    /** Whether any origin at all is allowed (otherwise the server adds no CORS handling). */
    public boolean isEnabled() {
        return !allowedOrigins.isEmpty();
    }

    /** Whether the single entry is {@code *}. */
    public boolean isAnyOrigin() {
        return allowedOrigins.equals(List.of(ANY));
    }
}
