package dev.zena.realtime.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.broker.Publication;
import dev.zena.realtime.history.HistoryRead;
import dev.zena.realtime.http.ApiException;
import dev.zena.realtime.http.Json;
import dev.zena.realtime.http.RestAuth;
import dev.zena.realtime.http.RouteGroup;
import dev.zena.realtime.presence.Member;
import dev.zena.realtime.presence.Members;
import dev.zena.realtime.presence.Roll;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.StreamPosition;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The REST twins of a channel's history (SPEC §9) and presence (SPEC §10):
 * {@code GET /api/v1/app/channels/{channel}/history?since=&epoch=&limit=} and
 * {@code GET /api/v1/app/channels/{channel}/presence}. Each asks {@code AccessPolicy.decide} what {@code subscribe}
 * asks for the channel (a name matching no pattern is a 400, as a subscribe's denial), so their statuses are equal.
 */
public final class ChannelApi implements RouteGroup {

    private final AccessPolicy policy;
    private final ChannelCatalog catalog;
    private final RestAuth auth;
    private final Views views;
    private final HistoryRead history;
    private final Members members;
    private final int presenceMaxUsers;

    /** Built once per server; {@code presenceMaxUsers} is {@code presence.max_users}. */
    public ChannelApi(
            AccessPolicy policy,
            ChannelCatalog catalog,
            RestAuth auth,
            Views views,
            HistoryRead history,
            Members members,
            int presenceMaxUsers) {
        this.policy = policy;
        this.catalog = catalog;
        this.auth = auth;
        this.views = views;
        this.history = history;
        this.members = members;
        this.presenceMaxUsers = presenceMaxUsers;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/app/channels/{channel}/history", this::history);
        routes.get("/api/v1/app/channels/{channel}/presence", this::presence);
    }

    private void history(Context ctx) {
        Channel channel = granted(ctx);
        StreamPosition since = since(ctx);
        int limit = limit(ctx);
        HistoryRead.Answer answer = history.read(channel.name(), since, limit);
        ObjectNode root = views.mapper().createObjectNode();
        ArrayNode data = root.putArray("data");
        for (Publication publication : answer.events()) {
            ObjectNode event = data.addObject()
                    .put("type", "event")
                    .put("channel", channel.name())
                    .put("event", publication.envelope().event());
            event.set("data", publication.envelope().data());
            event.put("offset", publication.offset()).put("epoch", publication.epoch());
            if (publication.envelope().isTest()) {
                event.put("test", true);
            }
            event.put("timestamp", WireCodec.formatInstant(publication.timestamp()));
        }
        root.put("offset", answer.position().offset())
                .put("epoch", answer.position().epoch())
                .put("recovered", answer.recovery().recovered())
                .put(
                        "reason",
                        answer.recovery().recovered()
                                ? null
                                : answer.recovery().reason().wireName());
        Json.write(ctx, 200, root);
    }

    private void presence(Context ctx) {
        Channel channel = granted(ctx);
        Roll roll = members.roll(channel.name(), presenceMaxUsers);
        ObjectNode root =
                views.mapper().createObjectNode().put("channel", channel.name()).put("count", roll.count());
        ArrayNode users = root.putArray("users");
        for (Member member : roll.users()) {
            users.addObject()
                    .put("user_id", member.userId())
                    .put("user_name", member.userName())
                    .put("connections", member.connections());
        }
        root.put("truncated", roll.isTruncated());
        Json.write(ctx, 200, root);
    }

    /** The channel of the path when the caller may subscribe to it; the subscribe's denial as HTTP otherwise. */
    private Channel granted(Context ctx) {
        User caller = auth.callerOrNull(ctx);
        if (caller == null) {
            throw RestAuth.unauthenticated(ctx);
        }
        Channel channel = catalog.parse(ctx.pathParam("channel"))
                .orElseThrow(() -> new ApiException(
                        400,
                        ErrorCode.INVALID_MESSAGE.name(),
                        "Unknown channel: matches no channel pattern",
                        "channel",
                        null));
        Decision decision = policy.decide(caller, channel);
        if (!decision.isGranted()) {
            throw new ApiException(decision.status(), decision.code().name(), decision.message(), null, null);
        }
        return channel;
    }

    private static StreamPosition since(Context ctx) {
        String offset = ctx.queryParam("since");
        String epoch = ctx.queryParam("epoch");
        if (offset == null && epoch == null) {
            return null;
        }
        if (offset == null || epoch == null || epoch.isEmpty() || epoch.length() > 64) {
            throw ApiException.badInput(
                    offset == null ? "since" : "epoch",
                    "since and epoch go together: an offset and the epoch it belongs to");
        }
        try {
            long value = Long.parseLong(offset);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return new StreamPosition(value, epoch);
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput("since", "since must be a non-negative integer offset");
        }
    }

    private int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return HistoryRead.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > history.maxLimit()) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.badInput("limit", "limit must be an integer from 1 to " + history.maxLimit());
        }
    }
}
