package dev.zena.realtime.transport;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.admin.TrafficSource;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Store;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What the transport needs from the rest of the server, wired once by {@code server.Server}. {@code traffic}
 * (the per-tenant per-second counters behind the admin traffic endpoint and feed) may be null: the admin API
 * then answers 503 {@code NOT_READY} for traffic.
 */
public record Services(ServerConfig config, Store store, Clock clock, WireCodec codec, TokenValidator validator,
                       AccessPolicy policy, ChannelCatalog catalog, Hub hub, Broker broker,
                       ExecutorService workers, java.time.Instant startedAt, TrafficSource traffic) {

    /** Services without a traffic source (until one is wired). */
    public Services(ServerConfig config, Store store, Clock clock, WireCodec codec, TokenValidator validator,
                    AccessPolicy policy, ChannelCatalog catalog, Hub hub, Broker broker,
                    ExecutorService workers, java.time.Instant startedAt) {
        this(config, store, clock, codec, validator, policy, catalog, hub, broker, workers, startedAt, null);
    }
}
