package dev.zena.realtime.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.http.ApiException;
import dev.zena.realtime.http.Json;
import dev.zena.realtime.http.RouteGroup;
import dev.zena.realtime.limits.KeyedRate;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.ImportError;
import dev.zena.realtime.sync.ImportException;
import dev.zena.realtime.sync.ImportReport;
import dev.zena.realtime.sync.Importer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-to-server API of SPEC §6: {@code POST /api/v1/broadcast} and {@code POST /api/v1/sync}, signed with
 * the server key. The body is read (at most 64 KiB), then authenticated by {@link SignatureVerifier}, then
 * parsed; so an unsigned request never reaches a JSON parser, and a well-signed invalid one is a 400. A signature
 * is claimed against replays once the request is known valid or not: a valid broadcast's claim goes with its
 * publish (one step on a cluster, ADR 0034), every other request's claim before it is answered, so that a replay
 * is a 401 whichever way the first use ended.
 */
public final class PublishApi implements RouteGroup {

    /** The largest body accepted (SPEC §6). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Bodies over the limit but up to this size are read to their end before the 413 (see {@code tooLarge}). */
    static final int DRAIN_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PublishApi.class);
    private static final int MAX_EVENT_LENGTH = 128;

    private final SignatureVerifier verifier;
    private final KeyedRate perKey;
    private final Importer importer;
    private final Store store;
    private final ChannelCatalog catalog;
    private final AccessPolicy policy;
    private final Broker broker;
    private final Metrics metrics;
    private final ObjectMapper mapper;

    /**
     * Built once per server. {@code perKey} is the request rate per server key ({@code limits.publish_per_key});
     * {@code sync} requests go to {@code importer}, broadcasts through {@code broker}, to channels whose resource
     * {@code policy} finds in the named tenant.
     */
    public PublishApi(
            SignatureVerifier verifier,
            KeyedRate perKey,
            Importer importer,
            Store store,
            ChannelCatalog catalog,
            AccessPolicy policy,
            Broker broker,
            Metrics metrics,
            ObjectMapper mapper) {
        this.verifier = verifier;
        this.perKey = perKey;
        this.importer = importer;
        this.store = store;
        this.catalog = catalog;
        this.policy = policy;
        this.broker = broker;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/broadcast", this::broadcast);
        routes.post("/api/v1/sync", this::sync);
    }

    private void broadcast(Context ctx) {
        Signed signed = signedBody(ctx);
        String scope = null;
        Envelope envelope;
        try {
            JsonNode body = parse(signed.body());
            scope = channelScope(body);
            envelope = envelope(body);
        } catch (ApiException invalid) {
            // A replayed request is refused as a replay however its body fares, as before its body was read
            claim(ctx, signed, scope);
            throw invalid;
        }
        int delivered;
        try {
            delivered = verifier.publishOnce(signed.authentic(), envelope, broker);
        } catch (PublishRefusal e) {
            throw refused(ctx, e);
        }
        LOG.info(
                "publish_broadcast tenant={} channel={} event={} delivered={}",
                envelope.tenantId(),
                LogText.of(envelope.channel()),
                LogText.of(envelope.event()),
                delivered);
        Json.write(ctx, 200, mapper.createObjectNode().put("delivered", delivered));
    }

    /** The event a broadcast body asks for, once every field is valid; throws the 400 of the first that is not. */
    private Envelope envelope(JsonNode body) {
        String tenantId = requiredString(body, "tenant_id");
        if (!ChannelCatalog.ID.matcher(tenantId).matches()
                || store.tenant(tenantId).isEmpty()) {
            throw ApiException.badInput("tenant_id", "Unknown tenant");
        }
        String channelName = requiredString(body, "channel");
        Channel channel = catalog.parse(channelName)
                .orElseThrow(() -> ApiException.badInput("channel", "Unknown channel: matches no channel pattern"));
        if (!policy.ownerTenant(channel).map(tenantId::equals).orElse(false)) {
            throw ApiException.badInput("channel", "The channel's resource does not exist in tenant " + tenantId);
        }
        String event = requiredString(body, "event");
        if (event.isBlank() || event.length() > MAX_EVENT_LENGTH) {
            throw ApiException.badInput("event", "event must be 1.." + MAX_EVENT_LENGTH + " characters");
        }
        JsonNode data = body.has("data") ? body.get("data") : mapper.createObjectNode();
        return new Envelope(tenantId, channelName, event, data, false);
    }

    /**
     * The channel a broadcast body names, when it is one by the catalog's patterns, else null: the scope its
     * signature is claimed in. It follows from the signed body alone, so a replay looks where the first use claimed,
     * whatever the store holds meanwhile.
     */
    private String channelScope(JsonNode body) {
        JsonNode channel = body.get("channel");
        if (channel == null
                || !channel.isTextual()
                || catalog.parse(channel.asText()).isEmpty()) {
            return null;
        }
        return channel.asText();
    }

    private void sync(Context ctx) {
        Signed signed = signedBody(ctx);
        claim(ctx, signed, null);
        broker.requireAvailable(); // SPEC §11: a 503 before changing anything, while Redis is unreachable
        try {
            ImportReport report = importer.importDocument(signed.body(), false);
            Json.write(ctx, 200, mapper.valueToTree(report.toMap()));
        } catch (ImportException e) {
            ImportError first = e.errors().isEmpty() ? null : e.errors().get(0);
            String field = first == null || first.field().isEmpty() ? "document" : first.field();
            throw ApiException.badInput(field, e.getMessage());
        }
    }

    /** A request's raw body with its checked signature, not yet claimed against replays. */
    private record Signed(byte[] body, SignatureVerifier.Authentic authentic) {}

    /**
     * The raw body, once its size, its signature and the per-key rate have been checked; throws the 413, 401, 429
     * or 503 otherwise. The signature is claimed afterwards, by {@link #claim} or with the publish.
     */
    private Signed signedBody(Context ctx) {
        if (!verifier.isEnabled()) {
            throw refused(
                    ctx,
                    new PublishRefusal(
                            503,
                            "PUBLISH_DISABLED",
                            "Publishing is disabled: set WEBSOCKET_PUBLISH_KEY and WEBSOCKET_PUBLISH_SECRET"));
        }
        byte[] body = boundedBody(ctx);
        try {
            SignatureVerifier.Authentic authentic = verifier.authenticate(
                    ctx.header("X-Zena-Key"), ctx.header("X-Zena-Timestamp"), ctx.header("X-Zena-Signature"), body);
            // SPEC §5: publish/sync requests per key, counted once the request is known to come from the key's
            // owner, and before its signature enters the replay cache, which the rate therefore bounds.
            perKey.tryAcquire(ctx.header("X-Zena-Key")).ifPresent(exceeded -> {
                LOG.info(
                        "publish_denied path={} limit={}",
                        LogText.of(ctx.path()),
                        exceeded.limit().tag());
                metrics.limitRefused(exceeded.limit().tag());
                throw new ApiException(
                        429,
                        ErrorCode.RATE_LIMITED.name(),
                        LimitExceeded.RATE_LIMITED_MESSAGE,
                        null,
                        exceeded.retryAfterSeconds());
            });
            return new Signed(body, authentic);
        } catch (PublishRefusal e) {
            throw refused(ctx, e);
        }
    }

    /** Records the request's signature in {@code channel}'s scope (null: none), or throws the 401 of a replay. */
    private void claim(Context ctx, Signed signed, String channel) {
        try {
            verifier.claim(signed.authentic(), channel);
        } catch (PublishRefusal e) {
            throw refused(ctx, e);
        }
    }

    private static byte[] boundedBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > MAX_BODY_BYTES) {
                throw tooLarge(declared <= DRAIN_BYTES ? in : null);
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The 413, after reading and discarding what is left of a body of up to {@link #DRAIN_BYTES}: answered over a
     * socket with unread data, the response would race the TCP reset that closing such a socket sends, and the
     * client could see a dropped connection instead of the 413. A larger body is not read; its connection closes.
     */
    private static ApiException tooLarge(InputStream rest) {
        if (rest != null) {
            try {
                byte[] discard = new byte[8192];
                long left = DRAIN_BYTES;
                for (int n; left > 0 && (n = rest.read(discard, 0, (int) Math.min(discard.length, left))) > 0; ) {
                    left -= n;
                }
            } catch (IOException e) {
                LOG.debug("publish_drain_failed", e);
            }
        }
        return tooLarge();
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw ApiException.badInput("body", "The body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw ApiException.badInput("body", "The body is not valid JSON");
        }
    }

    private static String requiredString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ApiException.badInput(field, field + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static ApiException refused(Context ctx, PublishRefusal refusal) {
        LOG.info(
                "publish_refused path={} remote={} status={} code={}",
                LogText.of(ctx.path()),
                ctx.ip(),
                refusal.status(),
                refusal.code());
        return new ApiException(refusal.status(), refusal.code(), refusal.getMessage(), null, null);
    }

    private static ApiException tooLarge() {
        return new ApiException(
                413, ErrorCode.MESSAGE_TOO_LARGE.name(), "Body exceeds " + MAX_BODY_BYTES + " bytes", null, null);
    }
}
