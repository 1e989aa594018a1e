package dev.zena.realtime.websocket;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.history.Catchup;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.presence.Members;
import dev.zena.realtime.presence.Roll;
import dev.zena.realtime.protocol.Denial;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.Presence;
import dev.zena.realtime.protocol.PresenceMember;
import dev.zena.realtime.protocol.PresenceQuery;
import dev.zena.realtime.protocol.Subscribe;
import dev.zena.realtime.protocol.Subscription;
import dev.zena.realtime.protocol.Unsubscribe;
import dev.zena.realtime.protocol.Unsubscription;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code subscribe} and {@code unsubscribe} of SPEC §3: per channel, in request order, the pattern check (400),
 * the channel limit (429) and then the access decision that REST shares; granted channels join the hub. Runs on
 * the connection's lane, called by {@link WsProtocol}.
 */
final class WsSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(WsSubscriptions.class);

    /** The answer to a channel name that matches no configured pattern. */
    static final String UNKNOWN_CHANNEL = "Unknown channel: matches no channel pattern";
    /** The answer to a channel the broker could not subscribe (SPEC §11). */
    static final String BROKER_UNAVAILABLE = "Service temporarily unavailable (broker): retry shortly";

    private final WsProtocol protocol;
    private final AccessPolicy policy;
    private final ChannelCatalog catalog;
    private final Hub hub;
    private final Store store;
    private final Clock clock;
    private final int channelLimit;
    private final Metrics metrics;
    private final Catchup catchup;
    private final Broker broker;
    private final Members members;
    private final int presenceMaxUsers;

    WsSubscriptions(
            WsProtocol protocol,
            AccessPolicy policy,
            ChannelCatalog catalog,
            Hub hub,
            Store store,
            Clock clock,
            int channelLimit,
            Metrics metrics,
            Catchup catchup,
            Members members,
            int presenceMaxUsers) {
        this.catchup = catchup;
        this.broker = catchup.broker();
        this.members = members;
        this.presenceMaxUsers = presenceMaxUsers;
        this.protocol = protocol;
        this.policy = policy;
        this.catalog = catalog;
        this.hub = hub;
        this.store = store;
        this.clock = clock;
        this.channelLimit = channelLimit;
        this.metrics = metrics;
    }

    /**
     * Called for a decoded {@code subscribe}: decides each channel in request order, then adds the granted ones with
     * their live events held ({@link Catchup}), queues the reply with every granted channel's position and the
     * recovery answers, then the replayed events, then releases the live ones.
     */
    void subscribe(Connection connection, Subscribe message) {
        if (!connection.isAuthenticated()) {
            protocol.error(connection, message.id(), ErrorCode.AUTH_REQUIRED, WsProtocol.AUTH_FIRST);
            return;
        }
        User caller = store.user(connection.principal().userId()).orElse(null);
        List<String> granted = new ArrayList<>();
        Set<String> adding = new LinkedHashSet<>();
        List<Denial> denied = new ArrayList<>();
        for (String name : message.channels()) {
            Denial denial = admit(connection, caller, name, adding);
            if (denial == null) {
                granted.add(name);
            } else {
                denied.add(denial);
            }
        }
        Set<String> unavailable = subscribeBroker(adding);
        if (!unavailable.isEmpty()) {
            // SPEC §11: with the broker unreachable each new channel is denied with 503, in request order.
            List<String> kept = new ArrayList<>();
            for (String name : granted) {
                if (unavailable.contains(name)) {
                    denied.add(new Denial(name, ErrorCode.BROKER_UNAVAILABLE, BROKER_UNAVAILABLE));
                } else {
                    kept.add(name);
                }
            }
            granted = kept;
            denied.sort(
                    java.util.Comparator.comparingInt(d -> message.channels().indexOf(d.channel())));
        }
        if (!denied.isEmpty()) {
            logDenied(connection, denied);
        }
        Set<String> unique = new LinkedHashSet<>(granted);
        Catchup.Plan plan = catchup.prepare(connection, List.copyOf(unique), message.since(), message.presenceEvents());
        protocol.reply(
                connection,
                new Subscription(message.id(), granted, denied, plan.positions(), plan.recovery(), clock.instant()));
        catchup.finish(connection, plan);
    }

    /**
     * Makes the broker deliver the new channels' publications to this node before any position is read (a
     * subscription per channel and holder; {@code Hub}'s listeners undo it when the connection leaves the
     * channel). Answers the channels the broker could not subscribe.
     */
    private Set<String> subscribeBroker(Set<String> adding) {
        Set<String> unavailable = new LinkedHashSet<>();
        for (String name : adding) {
            try {
                broker.subscribe(name);
            } catch (BrokerUnavailableException e) {
                unavailable.add(name);
            }
        }
        return unavailable;
    }

    /**
     * Called for a decoded {@code presence} query (SPEC §10): the same decision as {@code subscribe} (400 for a name
     * matching no pattern, then 401/403/404), then the channel's members, at most {@code presence.max_users}
     * listed. The connection need not hold the channel.
     */
    void presence(Connection connection, PresenceQuery message) {
        if (!connection.isAuthenticated()) {
            protocol.error(connection, message.id(), ErrorCode.AUTH_REQUIRED, WsProtocol.AUTH_FIRST);
            return;
        }
        Channel channel = catalog.parse(message.channel()).orElse(null);
        if (channel == null) {
            protocol.error(connection, message.id(), ErrorCode.INVALID_MESSAGE, UNKNOWN_CHANNEL);
            return;
        }
        User caller = store.user(connection.principal().userId()).orElse(null);
        Decision decision = policy.decide(caller, channel);
        if (!decision.isGranted()) {
            metrics.subscriptionDenied(decision.code().name());
            protocol.error(connection, message.id(), decision.code(), decision.message());
            return;
        }
        Roll roll = members.roll(channel.name(), presenceMaxUsers);
        protocol.reply(
                connection,
                new Presence(
                        message.id(),
                        channel.name(),
                        roll.count(),
                        roll.users().stream()
                                .map(m -> new PresenceMember(m.userId(), m.userName(), m.connections()))
                                .toList(),
                        roll.isTruncated(),
                        clock.instant()));
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
        LOG.info(
                "ws_denied stage=subscribe conn={} user={} tenant={} remote={} denied={} channels={} codes={}",
                connection.id(),
                connection.principal().userId(),
                connection.tenantId(),
                connection.remoteAddress(),
                denied.size(),
                LogText.names(names),
                codes);
    }

    /**
     * The denial of one channel, or null when it is granted; {@code adding} collects the granted channels this
     * message adds, so that the channel limit counts them before they are added.
     */
    private Denial admit(Connection connection, User caller, String name, Set<String> adding) {
        Channel channel = catalog.parse(name).orElse(null);
        if (channel == null) {
            return new Denial(name, ErrorCode.INVALID_MESSAGE, UNKNOWN_CHANNEL);
        }
        boolean isNew = !connection.holds(name) && !adding.contains(name);
        if (isNew && connection.channelCount() + adding.size() >= channelLimit) {
            return new Denial(name, ErrorCode.CHANNEL_LIMIT, "Channel limit reached (" + channelLimit + ")");
        }
        Decision decision = policy.decide(caller, channel);
        if (!decision.isGranted()) {
            return new Denial(name, decision.code(), decision.message());
        }
        if (isNew) {
            adding.add(name);
        }
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
        protocol.reply(
                connection, new Unsubscription(message.id(), removed, connection.channels(), null, clock.instant()));
    }
}
