package dev.zena.realtime.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.http.RouteGroup;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.pusher.PusherHttpApi;
import dev.zena.realtime.pusher.PusherRefusal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pusher HTTP API of SPEC §12 on Javalin: turns each request into a call on {@link PusherHttpApi} and its
 * refusals into Pusher's {@code {"error":"…"}} with their status, in this one place.
 */
public final class PusherApi implements RouteGroup {

    private static final Logger LOG = LoggerFactory.getLogger(PusherApi.class);

    private final PusherHttpApi api;
    private final ObjectMapper mapper;

    /** Built once per server. */
    public PusherApi(PusherHttpApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(
                "/apps/{app_id}/events",
                ctx -> answer(
                        ctx, () -> api.events(ctx.pathParam("app_id"), ctx.path(), query(ctx), ctx.bodyAsBytes())));
        routes.post(
                "/apps/{app_id}/batch_events",
                ctx -> answer(
                        ctx,
                        () -> api.batchEvents(ctx.pathParam("app_id"), ctx.path(), query(ctx), ctx.bodyAsBytes())));
        routes.get(
                "/apps/{app_id}/channels",
                ctx -> answer(ctx, () -> api.channels(ctx.pathParam("app_id"), ctx.path(), query(ctx))));
        routes.get(
                "/apps/{app_id}/channels/{channel}",
                ctx -> answer(
                        ctx,
                        () -> api.channel(ctx.pathParam("app_id"), ctx.path(), query(ctx), ctx.pathParam("channel"))));
        routes.get(
                "/apps/{app_id}/channels/{channel}/users",
                ctx -> answer(
                        ctx,
                        () -> api.users(ctx.pathParam("app_id"), ctx.path(), query(ctx), ctx.pathParam("channel"))));
    }

    private void answer(Context ctx, java.util.function.Supplier<PusherHttpApi.Reply> call) {
        try {
            PusherHttpApi.Reply reply = call.get();
            ctx.status(reply.status())
                    .contentType("application/json")
                    .result(reply.body().toString());
        } catch (PusherRefusal e) {
            LOG.info(
                    "pusher_refused path={} remote={} status={} message={}",
                    LogText.of(ctx.path()),
                    ctx.ip(),
                    e.status(),
                    LogText.of(e.getMessage()));
            error(ctx, e.status(), e.getMessage());
        } catch (BrokerUnavailableException e) {
            LOG.warn("pusher_refused path={} status=503 reason=broker_unavailable", LogText.of(ctx.path()));
            error(ctx, 503, "Service temporarily unavailable (broker): retry shortly");
        }
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status)
                .contentType("application/json")
                .result(mapper.createObjectNode().put("error", message).toString());
    }

    /** The decoded query parameters, each once (Pusher signs each once). */
    private static Map<String, String> query(Context ctx) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!e.getValue().isEmpty()) {
                query.put(e.getKey(), e.getValue().get(0));
            }
        }
        return query;
    }
}
