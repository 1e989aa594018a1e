package dev.zena.realtime.hub;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One text message fanned out to many connections: its text, its UTF-8 bytes encoded once, and the transport's
 * wire form of those bytes, also made once (for WebSocket: the whole frame, which is the same for every receiver
 * since server frames are not masked). Shared by every receiver: nothing in it is ever modified.
 */
public final class SharedText {

    private final String text;
    private final byte[] utf8;
    /** Made by the first connection that needs it; a race only makes it twice. */
    private volatile Object wire;
    /** Another protocol's reading of the text (Pusher, SPEC §12); made by its first receiver, a race makes it twice. */
    private volatile Object reading;

    public SharedText(String text) {
        this.text = text;
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    public String text() {
        return text;
    }

    /** The UTF-8 bytes; shared, never to be modified. */
    public byte[] utf8() {
        return utf8;
    }

    public int byteLength() {
        return utf8.length;
    }

    /**
     * The transport's wire form, made from the UTF-8 bytes by {@code make} on first use and kept. One transport
     * serves a server, so one form is kept; it must never be modified by its users.
     */
    @SuppressWarnings("unchecked")
    public <T> T wire(Function<byte[], T> make) {
        Object made = wire;
        if (made == null) {
            made = make.apply(utf8);
            wire = made;
        }
        return (T) made;
    }

    /**
     * Another protocol's reading of the text, made by {@code read} on first use and kept, so that a fan-out to many
     * connections of that protocol reads the message once (the Pusher connections translate the events of
     * SPEC §3 into Pusher frames). Never to be modified by its users.
     */
    @SuppressWarnings("unchecked")
    public <T> T reading(Function<String, T> read) {
        Object made = reading;
        if (made == null) {
            made = read.apply(text);
            reading = made;
        }
        return (T) made;
    }
}
