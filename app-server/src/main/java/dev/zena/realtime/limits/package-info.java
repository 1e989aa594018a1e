/**
 * The limits of SPEC §5: token buckets (bucket4j) for message, handshake, REST and publish rates, counters for
 * connection caps, trusted-proxy address resolution and the origin allow-list. Guards return one typed denial,
 * {@link dev.zena.realtime.limits.LimitExceeded}, which the transport turns into the wire form. Memory stays
 * bounded: per-key buckets are forgotten once idle for a whole period, counters once they fall to zero. Time comes
 * from the injected {@link java.time.Clock}. No Javalin here.
 */
package dev.zena.realtime.limits;
