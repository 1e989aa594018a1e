package dev.zena.realtime.admin;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.store.Store;

import java.time.Clock;

/**
 * What the admin API needs from the rest of the server, handed over by the transport when it registers the
 * routes. {@code traffic} is null until a traffic source is wired; the traffic endpoint then answers 503.
 * {@code limits} and {@code metrics} are the server's own: the feed is a connection like any other, under the
 * same caps and counted in the same figures.
 */
public record AdminServices(ServerConfig config, Store store, Clock clock, TokenValidator validator,
                            AccessPolicy policy, ChannelCatalog catalog, Hub hub, Broker broker,
                            TrafficSource traffic, Limits limits, Metrics metrics) {
}
