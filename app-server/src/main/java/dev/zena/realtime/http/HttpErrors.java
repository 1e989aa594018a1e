package dev.zena.realtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.log.LogText;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where HTTP refusals become the SPEC §6 error body. */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private final ObjectMapper mapper;

    /** Built once per server. */
    public HttpErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Called by Javalin for every {@link ApiException} a route or guard throws. */
    void render(ApiException e, Context ctx) {
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        write(ctx, e.status(), e.code(), e.getMessage(), e.field());
    }

    /** {@code Retry-After} of a 503 for an unreachable broker: Redis is retried at most every few seconds. */
    public static final int BROKER_RETRY_SECONDS = 2;
    /** The message of a 503 for an unreachable broker. */
    public static final String BROKER_MESSAGE = "Service temporarily unavailable (broker): retry shortly";

    /** Called by Javalin for its own refusals (404 route, 405, bad JSON). */
    void renderJavalin(HttpResponseException e, Context ctx) {
        String code = switch (e.getStatus()) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "MESSAGE_TOO_LARGE";
            default -> e.getStatus() < 500 ? "INVALID_MESSAGE" : "INTERNAL";
        };
        write(ctx, e.getStatus(), code, e.getMessage(), null);
    }

    /**
     * Called when the cluster's broker could not be reached during a request (SPEC §11): 503
     * {@code BROKER_UNAVAILABLE} with {@code Retry-After}, no stack trace (an outage is not a bug).
     */
    void renderBrokerUnavailable(BrokerUnavailableException e, Context ctx) {
        LOG.warn("http_broker_unavailable path={} method={}", LogText.of(ctx.path()), ctx.method());
        ctx.header("Retry-After", String.valueOf(BROKER_RETRY_SECONDS));
        write(ctx, 503, "BROKER_UNAVAILABLE", BROKER_MESSAGE, null);
    }

    /** Called for an unexpected failure: logged once with its stack, answered without detail. */
    void renderUnexpected(Exception e, Context ctx) {
        LOG.error("http_internal_error path={} method={}", LogText.of(ctx.path()), ctx.method(), e);
        write(ctx, 500, "INTERNAL", "Internal server error", null);
    }

    /** The error body as JSON text (also used by the WebSocket handshake refusals). */
    String body(int status, String code, String message, String field) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", code).put("status", status).put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        ObjectNode root = mapper.createObjectNode();
        root.set("error", error);
        return root.toString();
    }

    private void write(Context ctx, int status, String code, String message, String field) {
        ctx.status(status).contentType("application/json").result(body(status, code, message, field));
    }
}
