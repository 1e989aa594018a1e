package dev.zena.realtime.revocation;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.auth.AuthFailure;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.Reason;
import dev.zena.realtime.protocol.Unsubscription;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks one connection against the store: when its token no longer holds for its user (the one rule,
 * {@link TokenValidator#failureOf}) the connection closes with 4003 and that failure's reason, without
 * unsubscriptions first; otherwise every held channel is decided again ({@link AccessPolicy#decide}, on the same
 * user record) and those now denied end with a server-initiated {@code unsubscription} carrying the reason. Runs on
 * the connection's lane.
 */
final class AccessRecheck {

    private static final Logger LOG = LoggerFactory.getLogger(AccessRecheck.class);

    private final Store store;
    private final TokenValidator validator;
    private final AccessPolicy policy;
    private final ChannelCatalog catalog;
    private final WireCodec codec;
    private final Clock clock;
    private final Hub hub;

    AccessRecheck(
            Store store,
            Hub hub,
            TokenValidator validator,
            AccessPolicy policy,
            ChannelCatalog catalog,
            WireCodec codec,
            Clock clock) {
        this.store = store;
        this.validator = validator;
        this.policy = policy;
        this.catalog = catalog;
        this.codec = codec;
        this.clock = clock;
        this.hub = hub;
    }

    /** Called on the connection's lane after a change that may affect it. */
    void run(Connection connection) {
        Principal principal = connection.principal();
        if (principal == null || !connection.isOpen()) {
            return;
        }
        User user = store.user(principal.userId()).orElse(null);
        AuthFailure failure = validator.failureOf(principal, user).orElse(null);
        if (failure != null) {
            String reason = failure.revocation().reason();
            LOG.info(
                    "ws_revoked conn={} user={} tenant={} reason={}",
                    connection.id(),
                    principal.userId(),
                    principal.tenantId(),
                    reason);
            connection.close(CloseCode.ACCESS_REVOKED.code(), reason);
            return;
        }
        Map<ErrorCode, List<String>> lost = new LinkedHashMap<>();
        Map<ErrorCode, String> messages = new LinkedHashMap<>();
        for (String name : connection.channels()) {
            Channel channel = catalog.parse(name).orElse(null);
            Decision decision = channel == null ? null : policy.decide(user, channel);
            if (decision != null && !decision.isGranted() && hub.remove(connection, name)) {
                lost.computeIfAbsent(decision.code(), c -> new ArrayList<>()).add(name);
                messages.putIfAbsent(decision.code(), decision.message());
            }
        }
        lost.forEach((code, channels) -> {
            LOG.info(
                    "ws_unsubscribed conn={} user={} channels={} code={}",
                    connection.id(),
                    principal.userId(),
                    channels,
                    code);
            connection.send(codec.encode(new Unsubscription(
                    null, channels, connection.channels(), new Reason(code, messages.get(code)), clock.instant())));
        });
    }
}
