package dev.zena.realtime.pusher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.presence.Members;
import dev.zena.realtime.presence.Roll;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;

/**
 * Who may hold a Laravel channel (SPEC §12), in one place for {@code POST /broadcasting/auth} and for
 * {@code pusher:subscribe}: the name is mapped ({@link LaravelChannels}), then the §4 decision of
 * {@link AccessPolicy} answers with the status REST would (401 / 403 / 404); a name stating a tenant that does not
 * own the resource denotes nothing (404). {@code /broadcasting/auth} then signs the {@code auth} and binds the
 * socket to the user; a subscription checks that {@code auth} and decides again. Thread-safe.
 */
public final class PusherChannelGate {

    private final PusherSignature signature;
    private final LaravelChannels channels;
    private final AccessPolicy policy;
    private final TokenValidator validator;
    private final Store store;
    private final Hub hub;
    private final Broker broker;
    private final Members members;
    private final SocketBindings bindings;
    private final Metrics metrics;
    private final int channelLimit;
    private final int presenceMaxUsers;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Built once per server; {@code signature} null when the Pusher app is not configured. {@code channelLimit}
     * is {@code limits.channels_per_connection}, {@code presenceMaxUsers} {@code presence.max_users}.
     */
    public PusherChannelGate(
            PusherSignature signature,
            LaravelChannels channels,
            AccessPolicy policy,
            TokenValidator validator,
            Store store,
            Hub hub,
            Broker broker,
            Members members,
            SocketBindings bindings,
            Metrics metrics,
            int channelLimit,
            int presenceMaxUsers) {
        this.signature = signature;
        this.channels = channels;
        this.policy = policy;
        this.validator = validator;
        this.store = store;
        this.hub = hub;
        this.broker = broker;
        this.members = members;
        this.bindings = bindings;
        this.metrics = metrics;
        this.channelLimit = channelLimit;
        this.presenceMaxUsers = presenceMaxUsers;
    }

    /** The decision on one subscription: its status (200 granted), code and message, the user and the mapping. */
    record Verdict(int status, String code, String message, Principal principal, LaravelChannels.Mapping mapping) {

        static Verdict denied(int status, String code, String message) {
            return new Verdict(status, code, message, null, null);
        }
    }

    /**
     * Called by {@code POST /broadcasting/auth} with the caller's bearer token (null when none), on an HTTP
     * thread: the {@code auth} (and {@code channel_data} for presence) as JSON, once the name is mapped and the
     * §4 decision granted; the socket, when open on this node, is bound to the token's user.
     *
     * @throws PusherRefusal 503 (Pusher not configured), 400 (bad socket id, unmapped name), 401, 403, 404
     */
    public ObjectNode authorize(String token, String socketId, String channelName) {
        if (signature == null) {
            throw PusherRefusal.disabled();
        }
        if (!PusherProtocol.isSocketId(socketId)) {
            throw PusherRefusal.badRequest("socket_id is required and must match \\d+\\.\\d+");
        }
        LaravelChannels.Mapping mapping = channels.map(channelName)
                .orElseThrow(() -> PusherRefusal.badRequest(
                        "Unknown channel " + channelName + ": it maps to no channel of laravel.channels"));
        Principal principal;
        try {
            if (token == null) {
                throw new PusherRefusal(401, Decision.UNAUTHENTICATED_MESSAGE);
            }
            principal = validator.validate(token);
        } catch (AuthException e) {
            metrics.authFailed(e.reason().name());
            throw new PusherRefusal(401, e.getMessage());
        }
        Decision decision = decide(principal, mapping);
        if (!decision.isGranted()) {
            metrics.subscriptionDenied(decision.code().name());
            throw new PusherRefusal(decision.status(), decision.message());
        }
        hub.connection(socketId)
                .filter(c -> Connection.PUSHER.equals(c.protocol()))
                .ifPresent(c -> bindings.bind(socketId, principal));
        ObjectNode reply = mapper.createObjectNode();
        String channelData = null;
        if (mapping.isPresence()) {
            ObjectNode member = mapper.createObjectNode().put("user_id", principal.userId());
            member.putObject("user_info").put("name", principal.userName());
            channelData = member.toString();
        }
        reply.put("auth", signature.auth(socketId, channelName, channelData));
        if (channelData != null) {
            reply.put("channel_data", channelData);
        }
        return reply;
    }

    /**
     * Called on the connection's lane for {@code pusher:subscribe}: checks the {@code auth} of a private or presence
     * name against the connection's socket id, finds its user (the connection's, or the one
     * {@code /broadcasting/auth} bound it to) and decides as {@link #authorize} did.
     */
    Verdict admit(Connection connection, Principal bound, String channelName, String auth, String channelData) {
        LaravelChannels.Mapping mapping = channels.map(channelName).orElse(null);
        if (mapping == null) {
            return Verdict.denied(
                    400,
                    ErrorCode.INVALID_MESSAGE.name(),
                    "Unknown channel " + channelName + ": it maps to no channel of laravel.channels");
        }
        if (mapping.needsAuth()
                && (signature == null
                        || !signature.isValidAuth(
                                auth, connection.id(), channelName, mapping.isPresence() ? channelData : null))) {
            return Verdict.denied(
                    401,
                    ErrorCode.AUTH_INVALID.name(),
                    "Invalid auth: get it from POST /broadcasting/auth for this socket_id");
        }
        Principal current = connection.principal();
        Principal principal = current;
        if (bound != null && (current == null || current.userId().equals(bound.userId()))) {
            principal = bound;
        }
        if (principal == null) {
            return Verdict.denied(
                    401,
                    ErrorCode.AUTH_REQUIRED.name(),
                    "Authentication required: authorise a private channel through POST /broadcasting/auth first");
        }
        if (mapping.isPresence() && !principal.userId().equals(memberOf(channelData))) {
            return Verdict.denied(401, ErrorCode.AUTH_INVALID.name(), "channel_data names another user");
        }
        Decision decision = decide(principal, mapping);
        if (!decision.isGranted()) {
            return Verdict.denied(decision.status(), decision.code().name(), decision.message());
        }
        return new Verdict(200, null, null, principal, mapping);
    }

    /**
     * Called on the lane for a granted subscription: joins the channel in the hub (one broker subscription per
     * channel the connection holds, whatever the number of Pusher names mapping to it), then replies
     * {@code pusher_internal:subscription_succeeded}, with the members for a presence name.
     */
    void join(Connection connection, PusherOutbound outbound, Verdict verdict, String pusherName) {
        String channel = verdict.mapping().channel().name();
        boolean isNew = !connection.holds(channel);
        if (isNew && connection.channelCount() >= channelLimit) {
            subscriptionError(connection, pusherName, 429, "Channel limit reached (" + channelLimit + ")");
            return;
        }
        if (isNew) {
            try {
                broker.subscribe(channel);
            } catch (BrokerUnavailableException e) {
                subscriptionError(connection, pusherName, 503, "Service temporarily unavailable (broker)");
                return;
            }
        }
        outbound.addName(channel, pusherName);
        if (isNew) {
            hub.add(connection, channel);
        }
        String data = "{}";
        if (verdict.mapping().isPresence()) {
            data = presenceData(channel);
            hub.watchPresence(connection, channel);
        }
        connection.send(ServerFrame.pusher("pusher_internal:subscription_succeeded", pusherName, data));
    }

    /** Called on the lane for {@code pusher:unsubscribe}: the channel is left when no name maps to it any more. */
    void leave(Connection connection, PusherOutbound outbound, String pusherName) {
        LaravelChannels.Mapping mapping = channels.map(pusherName).orElse(null);
        if (mapping != null && outbound.removeName(mapping.channel().name(), pusherName)) {
            hub.remove(connection, mapping.channel().name());
        }
    }

    private Decision decide(Principal principal, LaravelChannels.Mapping mapping) {
        User user = store.user(principal.userId()).orElse(null);
        if (user != null && user.isActive() && channels.contradictsTenant(mapping)) {
            return new Decision(404, ErrorCode.NOT_FOUND, Decision.NOT_FOUND_MESSAGE, java.util.List.of());
        }
        return policy.decide(user, mapping.channel());
    }

    private String presenceData(String channel) {
        Roll roll = members.roll(channel, presenceMaxUsers);
        ObjectNode presence = mapper.createObjectNode();
        var ids = presence.putArray("ids");
        ObjectNode hash = presence.putObject("hash");
        roll.users().forEach(m -> {
            ids.add(m.userId());
            hash.putObject(m.userId()).put("name", m.userName());
        });
        presence.put("count", roll.count());
        ObjectNode root = mapper.createObjectNode();
        root.set("presence", presence);
        return root.toString();
    }

    private String memberOf(String channelData) {
        if (channelData == null) {
            return null;
        }
        try {
            return mapper.readTree(channelData).path("user_id").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void subscriptionError(Connection connection, String pusherName, int status, String message) {
        ObjectNode error = mapper.createObjectNode()
                .put("type", "Error")
                .put("error", message)
                .put("status", status);
        connection.send(ServerFrame.pusher("pusher:subscription_error", pusherName, error.toString()));
    }
}
