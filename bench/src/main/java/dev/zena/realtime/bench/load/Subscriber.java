package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Link;
import dev.zena.realtime.bench.client.LinkListener;

/**
 * One scripted client: on the server's greeting it authenticates, then subscribes, then counts events and checks
 * each channel's offsets (a repeated or lower offset is a duplicate, a skipped one a gap). Calls arrive one at a
 * time per connection, so its state needs no lock; the {@link EventScan} is per thread.
 */
final class Subscriber implements LinkListener {

    private static final ThreadLocal<EventScan> SCAN = ThreadLocal.withInitial(EventScan::new);

    private final Dialect dialect;
    private final String token;
    private final String[] channels;
    private final OffsetTrack[] tracks;
    private final Tally tally;
    private volatile boolean isReady;
    private boolean isClosed;
    private volatile Link link;

    Subscriber(Dialect dialect, String token, String[] channels, Tally tally) {
        this.dialect = dialect;
        this.token = token;
        this.channels = channels;
        this.tracks = new OffsetTrack[channels.length];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new OffsetTrack();
        }
        this.tally = tally;
    }

    @Override
    public void opened(Link opened) {
        this.link = opened;
        tally.onOpened();
    }

    @Override
    public void text(Link from, String text) {
        switch (dialect.classify(text)) {
            case EVENT -> onEvent(text);
            case GREETING -> from.send(dialect.authenticate(token));
            case AUTHENTICATED -> from.send(dialect.subscribe(channels));
            case SUBSCRIBED -> {
                if (!isReady) {
                    isReady = true;
                    tally.onReady();
                }
            }
            case PING -> from.send(dialect.pong());
            case ERROR -> tally.onError();
            case OTHER -> {}
        }
    }

    private void onEvent(String text) {
        long now = System.nanoTime();
        EventScan scan = SCAN.get();
        if (!scan.scan(text)) {
            tally.onError();
            return;
        }
        int i = indexOf(text, scan);
        if (i < 0) {
            tally.onError();
            return;
        }
        tally.onEvent(scan.sentNanos(), now, tracks[i].accept(scan.offset()));
    }

    private int indexOf(String text, EventScan scan) {
        for (int i = 0; i < channels.length; i++) {
            if (scan.isChannel(text, channels[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void closed(Link from, int code, String reason) {
        if (isClosed) {
            return;
        }
        isClosed = true;
        if (from == null || !isReady) {
            tally.onFailed(reason);
        }
        tally.onClosed(code);
    }

    /** Distinct events received (all channels). */
    long received() {
        long sum = 0;
        for (OffsetTrack t : tracks) {
            sum += t.distinct();
        }
        return sum;
    }

    /** Offsets skipped and never received (all channels). */
    long openGaps() {
        long sum = 0;
        for (OffsetTrack t : tracks) {
            sum += t.openGaps();
        }
        return sum;
    }

    /** The channels this connection subscribed to. */
    String[] channels() {
        return channels;
    }

    /** The offset track of channel {@code i} of {@link #channels()}. */
    OffsetTrack track(int i) {
        return tracks[i];
    }

    boolean isReady() {
        return isReady;
    }

    /** Closes the connection if it is open. */
    void close() {
        Link l = link;
        if (l != null) {
            l.close();
        }
    }
}
