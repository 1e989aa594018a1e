/**
 * The limits of SPEC §5: token buckets (bucket4j) for message, handshake, REST and publish rates, counters for
 * connection caps, trusted-proxy address resolution and the origin allow-list. Guards return one typed denial,
 * {@link dev.zena.realtime.limits.LimitExceeded}, which the transport turns into the wire form. Memory stays
 * bounded: per-key buckets are forgotten once idle for a whole period, counters once they fall to zero. Time comes
 * from the injected {@link java.time.Clock}. With {@code broker: redis} the caps per user and per tenant and the
 * REST and publish rates count for the whole cluster ({@link dev.zena.realtime.limits.RedisConnectionCaps},
 * {@link dev.zena.realtime.limits.RedisKeyedRate}, ADR 0019); the rest stays per node. No Javalin here.
 */
package dev.zena.realtime.limits;
