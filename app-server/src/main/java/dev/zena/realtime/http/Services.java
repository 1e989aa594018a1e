package dev.zena.realtime.http;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.admin.TrafficSource;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
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
                       ExecutorService workers, java.time.Instant startedAt, Limits limits, Metrics metrics,
                       TrafficSource traffic) {
}
