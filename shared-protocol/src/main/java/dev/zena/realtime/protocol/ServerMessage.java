package dev.zena.realtime.protocol;

import java.time.Instant;

/** A message the server sends to a client (SPEC §3, §9, §10); written by {@link WireCodec#encode(ServerMessage)}. */
public sealed interface ServerMessage
        permits Connection,
                Authentication,
                Subscription,
                Unsubscription,
                Pong,
                Event,
                ErrorReply,
                Resync,
                Presence,
                PresenceEvent,
                PresenceSummary {

    /** When the server produced the message; written with millisecond precision. */
    Instant timestamp();

    /** The wire {@code type} value, e.g. {@code "event"}; handy for logs and metrics. */
    String type();
}
