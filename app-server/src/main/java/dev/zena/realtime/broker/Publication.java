package dev.zena.realtime.broker;

import java.time.Instant;

/** An event with its place in its channel, as the broker stamped it: offset, epoch and time of publishing. */
public record Publication(Envelope envelope, long offset, String epoch, Instant timestamp) {

    /** The channel the event was published on. */
    public String channel() {
        return envelope.channel();
    }
}
