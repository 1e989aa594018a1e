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
 * parsed; so an unsigned request never reaches a JSON parser, and a well-signed invalid one is a 400.
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
        JsonNode body = parse(authenticatedBody(ctx));
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
        int delivered = broker.publish(new Envelope(tenantId, channelName, event, data, false));
        LOG.info(
                "publish_broadcast tenant={} channel={} event={} delivered={}",
                tenantId,
                LogText.of(channelName),
                LogText.of(event),
                delivered);
        Json.write(ctx, 200, mapper.createObjectNode().put("delivered", delivered));
    }

    private void sync(Context ctx) {
        byte[] body = authenticatedBody(ctx);
        broker.requireAvailable(); // SPEC §11: a 503 before changing anything, while Redis is unreachable
        try {
            ImportReport report = importer.importDocument(body, false);
            Json.write(ctx, 200, mapper.valueToTree(report.toMap()));
        } catch (ImportException e) {
            ImportError first = e.errors().isEmpty() ? null : e.errors().get(0);
            String field = first == null || first.field().isEmpty() ? "document" : first.field();
            throw ApiException.badInput(field, e.getMessage());
        }
    }

    /** The raw body, once its size and signature have been checked; throws the 413, 401 or 503 otherwise. */
    private byte[] authenticatedBody(Context ctx) {
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
            verifier.claim(authentic);
        } catch (PublishRefusal e) {
            throw refused(ctx, e);
        }
        return body;
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
