package dev.zena.realtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.http.RouteGroup;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.pusher.PusherChannelGate;
import dev.zena.realtime.pusher.PusherRefusal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /broadcasting/auth} (SPEC §12): Laravel Echo's {@code authEndpoint}, answered by the server itself
 * with the caller's {@code Authorization: Bearer} token and the §4 decision ({@link PusherChannelGate}), so a
 * private or presence channel is granted exactly when its REST twin is. {@code socket_id} and
 * {@code channel_name} come as a form (what Echo sends) or as JSON.
 */
public final class BroadcastingAuthApi implements RouteGroup {

    /** The path Echo's {@code authEndpoint} points at. */
    public static final String PATH = "/broadcasting/auth";

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastingAuthApi.class);

    private final PusherChannelGate gate;
    private final ObjectMapper mapper;

    /** Built once per server. */
    public BroadcastingAuthApi(PusherChannelGate gate, ObjectMapper mapper) {
        this.gate = gate;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::authorize);
    }

    private void authorize(Context ctx) {
        String socketId;
        String channel;
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/json")) {
            JsonNode body;
            try {
                body = mapper.readTree(ctx.bodyAsBytes());
            } catch (IOException e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                error(ctx, 400, "The body must be a JSON object with socket_id and channel_name");
                return;
            }
            socketId = body.path("socket_id").asText(null);
            channel = body.path("channel_name").asText(null);
        } else {
            socketId = ctx.formParam("socket_id");
            channel = ctx.formParam("channel_name");
        }
        if (channel == null || channel.isEmpty()) {
            error(ctx, 400, "channel_name is required");
            return;
        }
        try {
            String token = BearerTokens.bearer(ctx.header("Authorization"));
            ctx.status(200)
                    .contentType("application/json")
                    .result(gate.authorize(token, socketId, channel).toString());
        } catch (PusherRefusal e) {
            LOG.info(
                    "broadcasting_auth_denied remote={} channel={} status={}",
                    ctx.ip(),
                    LogText.of(channel),
                    e.status());
            error(ctx, e.status(), e.getMessage());
        }
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status)
                .contentType("application/json")
                .result(mapper.createObjectNode().put("error", message).toString());
    }
}
