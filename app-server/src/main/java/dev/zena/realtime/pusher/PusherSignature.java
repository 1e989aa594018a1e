package dev.zena.realtime.pusher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pusher's signatures with one app's key and secret (SPEC §12): the HTTP API's request signature and the
 * {@code auth} string of a private or presence subscription. Every comparison is in constant time. Thread-safe.
 */
public final class PusherSignature {

    /** The most a request's {@code auth_timestamp} may differ from now, in seconds. */
    static final long WINDOW_SECONDS = 600;

    private final String key;
    private final byte[] secret;
    private final Clock clock;

    /** Built once per server with the configured app key and secret. */
    public PusherSignature(String key, String secret, Clock clock) {
        this.key = key;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** The app key: {@code auth_key} of every request, prefix of every {@code auth}. */
    public String key() {
        return key;
    }

    /**
     * The {@code auth} of a subscription: {@code key:} + hex HMAC-SHA256 over {@code socket_id:channel}, with
     * {@code :channel_data} for a presence channel ({@code channelData} null otherwise).
     */
    public String auth(String socketId, String channel, String channelData) {
        String signed = socketId + ":" + channel + (channelData == null ? "" : ":" + channelData);
        return key + ":" + hmac(signed);
    }

    /** True when {@code auth} is the one {@link #auth} makes for these values; constant time. */
    public boolean isValidAuth(String auth, String socketId, String channel, String channelData) {
        return auth != null && equal(auth, auth(socketId, channel, channelData));
    }

    /**
     * Checks one HTTP API request, in order: {@code auth_key}, {@code auth_version}, {@code auth_timestamp} within
     * {@value #WINDOW_SECONDS} s, {@code body_md5} against the body, then {@code auth_signature} over
     * {@code METHOD\npath\nsorted-params}. {@code query} holds the decoded query parameters (each once).
     * {@code hasBody} false for a GET, which Pusher's libraries sign without {@code body_md5}.
     *
     * @throws PusherRefusal 401 naming what failed
     */
    public void verifyRequest(String method, String path, Map<String, String> query, byte[] body, boolean hasBody) {
        if (!key.equals(query.get("auth_key"))) {
            throw PusherRefusal.unauthorized("Invalid auth_key");
        }
        if (!"1.0".equals(query.get("auth_version"))) {
            throw PusherRefusal.unauthorized("auth_version must be 1.0");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(query.getOrDefault("auth_timestamp", ""));
        } catch (NumberFormatException e) {
            throw PusherRefusal.unauthorized("auth_timestamp must be seconds since the epoch");
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > WINDOW_SECONDS) {
            throw PusherRefusal.unauthorized(
                    "Timestamp expired: auth_timestamp is more than " + WINDOW_SECONDS + " s from the server's time");
        }
        String md5 = query.get("body_md5");
        if (hasBody && (md5 == null || !equal(md5, md5Hex(body)))) {
            throw PusherRefusal.unauthorized("body_md5 is missing or is not the MD5 of the body");
        }
        String signature = query.get("auth_signature");
        if (signature == null || !equal(signature, hmac(canonical(method, path, query)))) {
            throw PusherRefusal.unauthorized("Invalid signature: expected HMAC-SHA256 hex of the canonical request");
        }
    }

    /** {@code METHOD\npath\nk=v&k=v} of every parameter but {@code auth_signature}, sorted by name. */
    static String canonical(String method, String path, Map<String, String> query) {
        StringBuilder text = new StringBuilder(method).append('\n').append(path).append('\n');
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
            if (e.getKey().equals("auth_signature")) {
                continue;
            }
            text.append(first ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return text.toString();
    }

    String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String md5Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static boolean equal(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
