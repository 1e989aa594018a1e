package dev.zena.realtime.bench.load;

/**
 * Pulls what the scenarios need out of an event's text without a JSON parser: the channel, the per-channel
 * {@code offset}, and the publisher's send time, written into the task title as {@code "title":"t=<nanoTime>"}.
 * Works for ours and Socket.IO (the fields are the same inside Socket.IO's array); {@link #pusher()} reads a
 * Pusher protocol 7 event, whose {@code data} is a JSON text (quotes escaped inside it) and has no server offset:
 * the publisher's own sequence number {@code seq} in the data stands in for it. Not thread-safe: one per thread.
 */
public final class EventScan {

    private static final String CHANNEL = "\"channel\":\"";

    private final String offsetField;
    private final String sentField;

    private long offset;
    private long sentNanos;
    private int channelStart;
    private int channelEnd;

    /** The scanner of our events and Socket.IO's: {@code "offset":N}, {@code "title":"t=N"}. */
    public EventScan() {
        this("\"offset\":", "\"title\":\"t=");
    }

    private EventScan(String offsetField, String sentField) {
        this.offsetField = offsetField;
        this.sentField = sentField;
    }

    /**
     * The scanner of Pusher events {@code {"event","channel","data":"{\"title\":\"t=N\",\"seq\":N}"}}: the
     * publisher's {@code seq} is the offset (Pusher events carry none of the server's).
     */
    public static EventScan pusher() {
        return new EventScan("\\\"seq\\\":", "\\\"title\\\":\\\"t=");
    }

    /** Scans {@code text}; false when a field is missing (then nothing else is valid). */
    public boolean scan(String text) {
        int c = text.indexOf(CHANNEL);
        if (c < 0) {
            return false;
        }
        channelStart = c + CHANNEL.length();
        channelEnd = text.indexOf('"', channelStart);
        int o = text.indexOf(offsetField, channelEnd);
        int t = text.indexOf(sentField, channelEnd);
        if (channelEnd < 0 || o < 0 || t < 0) {
            return false;
        }
        offset = digits(text, o + offsetField.length());
        sentNanos = digits(text, t + sentField.length());
        return offset >= 0 && sentNanos != -1;
    }

    /** True when the scanned channel is {@code channel}. */
    public boolean isChannel(String text, String channel) {
        return channelEnd - channelStart == channel.length() && text.startsWith(channel, channelStart);
    }

    public long offset() {
        return offset;
    }

    public long sentNanos() {
        return sentNanos;
    }

    /** The scanned channel name (allocates; for the rare path only). */
    public String channel(String text) {
        return text.substring(channelStart, channelEnd);
    }

    /** A signed decimal integer starting at {@code from}; -1 when there is no digit there. */
    static long digits(String text, int from) {
        int i = from;
        boolean isNegative = i < text.length() && text.charAt(i) == '-';
        if (isNegative) {
            i++;
        }
        long value = 0;
        int start = i;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                break;
            }
            value = value * 10 + (ch - '0');
        }
        if (i == start) {
            return -1;
        }
        return isNegative ? -value : value;
    }
}
