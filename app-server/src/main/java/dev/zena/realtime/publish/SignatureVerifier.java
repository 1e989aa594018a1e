package dev.zena.realtime.publish;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.config.PublishConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the server key, timestamp and signature of a publish or sync request (SPEC §6): the signature is the
 * lowercase hex HMAC-SHA256 of {@code timestamp + "." + raw body} with the configured secret, compared in
 * constant time; a timestamp more than 300 s old or 30 s ahead is refused, and so is a signature already
 * accepted. Every authentication failure is the same 401 so that a prober learns nothing. Thread-safe.
 */
public final class SignatureVerifier {

    /** How old a timestamp may be, and how long an accepted signature is remembered. */
    public static final long MAX_AGE_SECONDS = 300;
    /** How far ahead of this server's clock a timestamp may be. */
    public static final long MAX_AHEAD_SECONDS = 30;

    static final String UNSIGNED = "Request not authenticated: send X-Zena-Key, X-Zena-Timestamp and X-Zena-Signature";
    static final String REFUSED = "Request signature refused (key, timestamp or signature)";
    private static final String ALGORITHM = "HmacSHA256";

    private final PublishConfig config;
    private final Clock clock;
    private final ReplayGuard replays;

    /** Built once per server of one process: replays are remembered in memory. */
    public SignatureVerifier(PublishConfig config, Clock clock) {
        this(config, clock, new MemoryReplayGuard(MAX_AGE_SECONDS));
    }

    /** Built once per server with the replay guard it shares ({@link #MAX_AGE_SECONDS} window). */
    public SignatureVerifier(PublishConfig config, Clock clock, ReplayGuard replays) {
        this.config = config;
        this.clock = clock;
        this.replays = replays;
    }

    /** True when a key and secret are configured; otherwise every request is a 503 {@code PUBLISH_DISABLED}. */
    public boolean isEnabled() {
        return config.isEnabled();
    }

    /** A request whose key, timestamp and signature are good, not yet checked against replays. */
    public record Authentic(String signature, long timestampSecond) {}

    /**
     * Called for every request once its body has been read in full; answers the authentic request without
     * remembering it, so that a request then refused by a rate limit neither fills the replay cache nor is
     * burnt for a retry: {@link #claim} it once it may proceed.
     *
     * @throws PublishRefusal 503 when publishing is disabled, 401 otherwise
     */
    public Authentic authenticate(String key, String timestamp, String signature, byte[] body) throws PublishRefusal {
        if (!isEnabled()) {
            throw new PublishRefusal(
                    503,
                    "PUBLISH_DISABLED",
                    "Publishing is disabled: set WEBSOCKET_PUBLISH_KEY and WEBSOCKET_PUBLISH_SECRET");
        }
        if (isBlank(key) || isBlank(timestamp) || isBlank(signature)) {
            throw new PublishRefusal(401, "AUTH_REQUIRED", UNSIGNED);
        }
        long seconds = parseSeconds(timestamp);
        long now = clock.instant().getEpochSecond();
        boolean keyMatches = constantTimeEquals(key, config.key());
        boolean signatureMatches = constantTimeEquals(signature, sign(config.secret(), timestamp, body));
        if (!keyMatches || !signatureMatches || now - seconds > MAX_AGE_SECONDS || seconds - now > MAX_AHEAD_SECONDS) {
            throw unauthenticated(REFUSED);
        }
        return new Authentic(signature, seconds);
    }

    /**
     * Called once an authentic request passed the per-key rate limit, just before it takes effect: records its
     * signature, or refuses it (401) when that signature was already used within the window.
     *
     * @throws dev.zena.realtime.broker.BrokerUnavailableException when a cluster's shared guard is unreachable
     */
    public void claim(Authentic request) throws PublishRefusal {
        if (!replays.firstUse(
                request.signature(), request.timestampSecond(), clock.instant().getEpochSecond())) {
            throw unauthenticated(REFUSED);
        }
    }

    /**
     * {@link #claim(Authentic)} for a request whose signed body names {@code channel} (null when it names none): the
     * scope in which {@link #publishOnce} claims it, so that a replay is refused whichever way it ends.
     */
    public void claim(Authentic request, String channel) throws PublishRefusal {
        if (channel == null) {
            claim(request);
        } else if (!replays.firstUse(
                request.signature(),
                channel,
                request.timestampSecond(),
                clock.instant().getEpochSecond())) {
            throw unauthenticated(REFUSED);
        }
    }

    /**
     * Claims an authentic request that passed the per-key rate limit and publishes its {@code envelope} through
     * {@code broker}, as one step where the replay guard can make it so: answers the broker's count, or refuses a
     * signature already used (401), in which case nothing is published.
     *
     * @throws dev.zena.realtime.broker.BrokerUnavailableException when the broker or the shared guard is unreachable
     */
    public int publishOnce(Authentic request, Envelope envelope, Broker broker) throws PublishRefusal {
        OptionalInt delivered = replays.publishOnce(
                request.signature(), request.timestampSecond(), clock.instant().getEpochSecond(), envelope, broker);
        if (delivered.isEmpty()) {
            throw unauthenticated(REFUSED);
        }
        return delivered.getAsInt();
    }

    /** The signature a sender computes: lowercase hex HMAC-SHA256(secret, timestamp + "." + body). */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static long parseSeconds(String timestamp) throws PublishRefusal {
        if (timestamp.length() > 12 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw unauthenticated(REFUSED);
        }
        return Long.parseLong(timestamp);
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static PublishRefusal unauthenticated(String message) {
        return new PublishRefusal(401, "AUTH_INVALID", message);
    }
}
