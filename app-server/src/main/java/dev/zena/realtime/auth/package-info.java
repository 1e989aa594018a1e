/**
 * Tokens: turns a bearer JWT into a {@link dev.zena.realtime.auth.Principal} or one typed
 * {@link dev.zena.realtime.auth.AuthException} (SPEC §2), and signs tokens for the {@code token} command and the
 * admin API. The REST API and the WebSocket both call the same {@link dev.zena.realtime.auth.TokenValidator}.
 * Nothing here logs a token, a claim value or a key.
 */
package dev.zena.realtime.auth;
