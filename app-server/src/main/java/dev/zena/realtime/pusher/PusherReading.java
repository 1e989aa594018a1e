package dev.zena.realtime.pusher;

import dev.zena.realtime.hub.SharedText;

/**
 * What every {@code /app/{key}} connection of one fan-out makes of the same message: the message read once
 * ({@link ServerFrame}), and its Pusher event frame under the last Pusher channel name asked for, encoded once
 * and shared like the {@code /ws} frame is (ADR 0012) — nearly every receiver of a channel subscribed it by the same
 * name, so one entry is enough; another name costs one more encoding. Kept in the message's {@link SharedText};
 * never modified once made (a race only makes an entry twice).
 */
final class PusherReading {

    private final ServerFrame frame;
    private volatile Encoded last;

    private record Encoded(String name, SharedText text) {}

    PusherReading(ServerFrame frame) {
        this.frame = frame;
    }

    static PusherReading of(SharedText message) {
        return message.reading(text -> new PusherReading(ServerFrame.read(text)));
    }

    ServerFrame frame() {
        return frame;
    }

    /** The Pusher frame of this event on the Pusher channel {@code name}. */
    SharedText event(String name) {
        Encoded encoded = last;
        if (encoded == null || !encoded.name().equals(name)) {
            encoded = new Encoded(name, new SharedText(ServerFrame.pusher(frame.name(), name, frame.data())));
            last = encoded;
        }
        return encoded.text();
    }
}
