package dev.zena.realtime.websocket;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.Denial;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.Subscribe;
import dev.zena.realtime.protocol.Subscription;
import dev.zena.realtime.protocol.Unsubscribe;
import dev.zena.realtime.protocol.Unsubscription;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code subscribe} and {@code unsubscribe} of SPEC §3: per channel, in request order, the pattern check (400),
 * the channel limit (429) and then the access decision that REST shares; granted channels join the hub. Runs on
 * the connection's lane, called by {@link WsProtocol}.
 */
final class WsSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(WsSubscriptions.class);

    private final WsProtocol protocol;
    private final AccessPolicy policy;
    private final ChannelCatalog catalog;
    private final Hub hub;
    private final Store store;
    private final Clock clock;
    private final int channelLimit;
    private final Metrics metrics;

    WsSubscriptions(WsProtocol protocol, AccessPolicy policy, ChannelCatalog catalog, Hub hub, Store store,
                    Clock clock, int channelLimit, Metrics metrics) {
        this.protocol = protocol;
        this.policy = policy;
        this.catalog = catalog;
        this.hub = hub;
        this.store = store;
        this.clock = clock;
        this.channelLimit = channelLimit;
        this.metrics = metrics;
    }

    /** Called for a decoded {@code subscribe}. */
    void subscribe(Connection connection, Subscribe message) {
        if (!connection.isAuthenticated()) {
            protocol.error(connection, message.id(), ErrorCode.AUTH_REQUIRED, WsProtocol.AUTH_FIRST);
            return;
        }
        User caller = store.user(connection.principal().userId()).orElse(null);
        List<String> granted = new ArrayList<>();
        List<Denial> denied = new ArrayList<>();
        for (String name : message.channels()) {
            Denial denial = admit(connection, caller, name);
            if (denial == null) {
                granted.add(name);
            } else {
                denied.add(denial);
            }
        }
        if (!denied.isEmpty()) {
            logDenied(connection, denied);
        }
        protocol.reply(connection, new Subscription(message.id(), granted, denied, clock.instant()));
    }

    /**
     * One line per message, however many channels it named (a message names up to 50, ten times a second): the
     * count, the first names (escaped and cut by {@link LogText}) and the distinct codes.
     */
    private void logDenied(Connection connection, List<Denial> denied) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        List<String> names = new ArrayList<>(denied.size());
        for (Denial denial : denied) {
            metrics.subscriptionDenied(denial.code().name());
            codes.add(denial.code());
            names.add(denial.channel());
        }
        LOG.info("ws_denied stage=subscribe conn={} user={} tenant={} remote={} denied={} channels={} codes={}",
                connection.id(), connection.principal().userId(), connection.tenantId(), connection.remoteAddress(),
                denied.size(), LogText.names(names), codes);
    }

    private Denial admit(Connection connection, User caller, String name) {
        Channel channel = catalog.parse(name).orElse(null);
        if (channel == null) {
            return new Denial(name, ErrorCode.INVALID_MESSAGE, "Unknown channel: matches no channel pattern");
        }
        if (!connection.holds(name) && connection.channelCount() >= channelLimit) {
            return new Denial(name, ErrorCode.CHANNEL_LIMIT, "Channel limit reached (" + channelLimit + ")");
        }
        Decision decision = policy.decide(caller, channel);
        if (!decision.isGranted()) {
            return new Denial(name, decision.code(), decision.message());
        }
        hub.add(connection, name);
        return null;
    }

    /** Called for a decoded {@code unsubscribe}. */
    void unsubscribe(Connection connection, Unsubscribe message) {
        if (!connection.isAuthenticated()) {
            protocol.error(connection, message.id(), ErrorCode.AUTH_REQUIRED, WsProtocol.AUTH_FIRST);
            return;
        }
        List<String> removed = new ArrayList<>();
        for (String name : message.channels()) {
            if (hub.remove(connection, name) && !removed.contains(name)) {
                removed.add(name);
            }
        }
        protocol.reply(connection, new Unsubscription(message.id(), removed, connection.channels(), null, clock.instant()));
    }
}
