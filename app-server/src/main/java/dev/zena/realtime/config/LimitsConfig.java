package dev.zena.realtime.config;

import java.time.Duration;

/**
 * The limits of SPEC §5. Rates are token buckets of the given capacity refilled over their period (per second
 * unless named otherwise).
 *
 * @param messagesPerConnection inbound frames per connection per second
 * @param messagesPerTenant     inbound frames of all of a tenant's connections per second
 * @param connectionsPerTenant  authenticated connections per tenant
 * @param connectionsPerUser    authenticated connections per user
 * @param connectionsPerIp      open WebSockets per client address; also the cap of the sockets not upgraded to
 *                              WebSocket per peer address
 * @param handshakesPerIp       handshakes per client address per second
 * @param channelsPerConnection channels one connection may hold
 * @param messageSize           largest inbound message in bytes
 * @param sendQueueBytes        bytes queued to one connection ({@code /ws} or admin feed) before it is closed as a
 *                              slow consumer
 * @param restPerUserPerMinute  App API requests per user per minute
 * @param publishPerKey         publish/sync requests per server key per second
 * @param headerTimeout         time a socket has from its accept, and a later request from its first byte, to send
 *                              its request headers
 * @param adminFeedsPerUser     open admin feeds per user
 */
public record LimitsConfig(
        int messagesPerConnection,
        int messagesPerTenant,
        int connectionsPerTenant,
        int connectionsPerUser,
        int connectionsPerIp,
        int handshakesPerIp,
        int channelsPerConnection,
        int messageSize,
        long sendQueueBytes,
        int restPerUserPerMinute,
        int publishPerKey,
        Duration headerTimeout,
        int adminFeedsPerUser) {}
