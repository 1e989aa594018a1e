package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Link;
import dev.zena.realtime.bench.client.LinkListener;

/**
 * One scripted client: on the server's greeting it authenticates, then subscribes, then counts events and checks
 * each channel's offsets (a repeated or lower offset is a duplicate, a skipped one a gap). A Pusher client has no
 * authenticate step: on the greeting it gets an {@code auth} per channel for its socket id ({@link PusherAuth}) and
 * subscribes each; its offsets are the publisher's {@code seq} (Pusher events carry none of the server's). Calls
 * arrive one at a time per connection, so its state needs no lock (the auth answers only send); the
 * {@link EventScan} is per thread.
 */
final class Subscriber implements LinkListener {

    private static final ThreadLocal<EventScan> SCAN = ThreadLocal.withInitial(EventScan::new);
    private static final ThreadLocal<EventScan> PUSHER_SCAN = ThreadLocal.withInitial(EventScan::pusher);

    private final Dialect dialect;
    private final String token;
    private final String[] channels;
    /** The channels as the dialect names them on the wire (Pusher: {@code private-task.…}). */
    private final String[] wireChannels;

    private final PusherAuth pusherAuth;
    private int subscribed;
    private volatile String failure;
    private final OffsetTrack[] tracks;
    private final Tally tally;
    private volatile boolean isReady;
    private boolean isClosed;
    private volatile Link link;
    /** The token went in the handshake's {@code token} query parameter: no {@code authenticate} message. */
    private boolean isTokenAtHandshake;

    Subscriber(Dialect dialect, String token, String[] channels, Tally tally) {
        this(dialect, token, channels, tally, null);
    }

    /** {@code pusherAuth}: where a {@link Dialect#PUSHER} connection gets its channels' {@code auth}. */
    Subscriber(Dialect dialect, String token, String[] channels, Tally tally, PusherAuth pusherAuth) {
        if (dialect == Dialect.PUSHER && pusherAuth == null) {
            throw new IllegalArgumentException("a Pusher subscriber needs a PusherAuth");
        }
        this.dialect = dialect;
        this.token = token;
        this.channels = channels;
        this.pusherAuth = pusherAuth;
        this.wireChannels = new String[channels.length];
        for (int i = 0; i < channels.length; i++) {
            wireChannels[i] = dialect.wireChannel(channels[i]);
        }
        this.tracks = new OffsetTrack[channels.length];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new OffsetTrack();
        }
        this.tally = tally;
    }

    /** The token is sent at the handshake (SPEC §2, {@code ?token=}): wait for the authentication, then subscribe. */
    Subscriber tokenAtHandshake() {
        this.isTokenAtHandshake = true;
        return this;
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
            case GREETING -> {
                if (dialect == Dialect.PUSHER) {
                    subscribePusher(from, text);
                } else if (!isTokenAtHandshake) {
                    from.send(dialect.authenticate(token));
                }
            }
            case AUTHENTICATED -> from.send(dialect.subscribe(channels));
            case SUBSCRIBED -> {
                if (dialect == Dialect.PUSHER && ++subscribed < channels.length) {
                    return;
                }
                if (!isReady) {
                    isReady = true;
                    tally.onReady();
                }
            }
            case PING -> from.send(dialect.pong());
            case ERROR -> {
                tally.onError();
                if (dialect == Dialect.PUSHER && !isReady) {
                    // A refused pusher:subscribe leaves the socket open: count the connection failed, not pending.
                    fail(from, text.length() > 120 ? text.substring(0, 120) : text);
                }
            }
            case OTHER -> {}
        }
    }

    /** Pusher: one {@code auth} per channel for the greeting's socket id, then one subscribe per channel. */
    private void subscribePusher(Link from, String greeting) {
        String socketId = Dialect.pusherSocketId(greeting);
        if (socketId == null) {
            fail(from, "no socket_id in " + greeting);
            return;
        }
        for (String wire : wireChannels) {
            pusherAuth.auth(socketId, wire, token).whenComplete((auth, error) -> {
                if (error != null) {
                    fail(from, String.valueOf(error.getCause() != null ? error.getCause() : error));
                } else {
                    from.send(dialect.pusherSubscribe(wire, auth));
                }
            });
        }
    }

    /** Counts the connection failed with {@code why} (once, when it closes) and closes it. */
    private void fail(Link from, String why) {
        failure = why;
        from.close();
    }

    private void onEvent(String text) {
        long now = System.nanoTime();
        EventScan scan = dialect == Dialect.PUSHER ? PUSHER_SCAN.get() : SCAN.get();
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
            if (scan.isChannel(text, wireChannels[i])) {
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
            tally.onFailed(failure != null ? failure : reason);
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
