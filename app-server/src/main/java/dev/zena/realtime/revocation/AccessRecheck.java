package dev.zena.realtime.revocation;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.AccessRevocation;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.Reason;
import dev.zena.realtime.protocol.Unsubscription;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-checks one connection against the store: when the user or the token is no longer valid the connection
 * closes with 4003 (no unsubscriptions first); otherwise every held channel is decided again and those now
 * denied end with a server-initiated {@code unsubscription} carrying the reason. Runs on the connection's lane.
 */
final class AccessRecheck {

    private static final Logger LOG = LoggerFactory.getLogger(AccessRecheck.class);

    private final Store store;
    private final AccessPolicy policy;
    private final ChannelCatalog catalog;
    private final WireCodec codec;
    private final Clock clock;
    private final Hub hub;

    AccessRecheck(Store store, Hub hub, AccessPolicy policy, ChannelCatalog catalog, WireCodec codec,
                  Clock clock) {
        this.store = store;
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
        AccessRevocation revocation = revocation(principal, user);
        if (revocation != null) {
            LOG.info("ws_revoked conn={} user={} tenant={} reason={}", connection.id(), principal.userId(),
                    principal.tenantId(), revocation.reason());
            connection.close(CloseCode.ACCESS_REVOKED.code(), revocation.reason());
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
            LOG.info("ws_unsubscribed conn={} user={} channels={} code={}", connection.id(), principal.userId(),
                    channels, code);
            connection.send(codec.encode(new Unsubscription(null, channels, connection.channels(),
                    new Reason(code, messages.get(code)), clock.instant())));
        });
    }

    private AccessRevocation revocation(Principal principal, User user) {
        if (user == null || !user.isActive() || !user.tenantId().equals(principal.tenantId())) {
            return AccessRevocation.USER_DISABLED;
        }
        if (principal.jti() != null && store.isRevoked(principal.jti())) {
            return AccessRevocation.TOKEN_REVOKED;
        }
        if (user.tokensValidAfter() != null && (principal.issuedAt() == null
                || principal.issuedAt().getEpochSecond() < user.tokensValidAfter().getEpochSecond())) {
            return AccessRevocation.TOKEN_REVOKED;
        }
        return null;
    }
}
