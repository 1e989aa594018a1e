package dev.zena.realtime.hub;

import dev.zena.realtime.auth.Principal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One live client connection: who it is (once authenticated), what it holds, and its traffic counters.
 * Thread-safe: the principal is replaced atomically, the channel set is guarded by this object's lock.
 */
public final class Connection {

    private final String id;
    private final String remoteAddress;
    private final Instant connectedAt;
    private final Outbound outbound;
    private final Executor lane;
    private final String protocol;
    private final Set<String> channels = new LinkedHashSet<>();
    // Traffic counters: plain fields updated atomically through the handles below, not AtomicLong objects — one
    // object and one cache line fewer per counter on every delivery, and ~100 bytes less per connection.
    private volatile long messagesIn;
    private volatile long messagesOut;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long lastActivityMillis;
    private volatile Principal principal;
    /** The channels whose subscription is being answered (see {@link Pending}); null when none, nearly always. */
    volatile Pending pending;
    /** 1 while batched frames (see {@link #send(SharedText, boolean, List)}) wait for {@link #flush()}. */
    private volatile int unflushed;

    private static final AtomicIntegerFieldUpdater<Connection> UNFLUSHED =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "unflushed");
    private static final VarHandle MESSAGES_IN = counter("messagesIn");
    private static final VarHandle MESSAGES_OUT = counter("messagesOut");
    private static final VarHandle BYTES_IN = counter("bytesIn");
    private static final VarHandle BYTES_OUT = counter("bytesOut");

    private static VarHandle counter(String field) {
        try {
            return MethodHandles.lookup().findVarHandle(Connection.class, field, long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Called by the transport when a socket opens. {@code lane} runs this connection's work one task at a time,
     * in order: its messages, and server-side re-checks of its access.
     */
    public Connection(String id, String remoteAddress, Instant connectedAt, Outbound outbound, Executor lane) {
        this(id, remoteAddress, connectedAt, outbound, lane, ZENA);
    }

    /** As above, for a connection speaking {@code protocol} ({@link #ZENA} or {@link #PUSHER}). */
    public Connection(
            String id, String remoteAddress, Instant connectedAt, Outbound outbound, Executor lane, String protocol) {
        this.protocol = protocol;
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.connectedAt = connectedAt;
        this.outbound = outbound;
        this.lane = lane;
        this.lastActivityMillis = connectedAt.toEpochMilli();
    }

    /** The protocol of SPEC §3 ({@code /ws}). */
    public static final String ZENA = "zena";
    /** The Pusher protocol 7 of SPEC §12 ({@code /app/{key}}). */
    public static final String PUSHER = "pusher";

    /** The protocol the client speaks, {@link #ZENA} or {@link #PUSHER}: shown by the admin API. */
    public String protocol() {
        return protocol;
    }

    public String id() {
        return id;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** The serial lane of this connection (see the constructor). */
    public Executor lane() {
        return lane;
    }

    /** The authenticated identity, or null before authentication. */
    public Principal principal() {
        return principal;
    }

    /** True once a token has been accepted. */
    public boolean isAuthenticated() {
        return principal != null;
    }

    /** The tenant of the authenticated user, or null before authentication. */
    public String tenantId() {
        Principal p = principal;
        return p == null ? null : p.tenantId();
    }

    /** Called when a token is accepted (first authentication or a refresh by the same user). */
    public void authenticate(Principal newPrincipal) {
        this.principal = newPrincipal;
    }

    /** Queues a frame to the client and counts it; false when it was not queued. */
    public boolean send(String text) {
        return counted(outbound.send(text), text);
    }

    /**
     * Queues a frame to the client, counted, that waits until the next {@link #send(String)} or
     * {@link #flushSent()} on this lane, which writes both in one socket write: for replies sent in a row (the
     * greeting and the authentication of a handshake with a token). False when it was not queued.
     */
    public boolean sendBatched(String text) {
        return counted(outbound.sendBatched(text), text);
    }

    /** Counts {@code text} as sent when it was queued; returns whether it was. */
    private boolean counted(boolean isQueued, String text) {
        if (isQueued) {
            MESSAGES_OUT.getAndAdd(this, 1L);
            BYTES_OUT.getAndAdd(this, (long) text.length());
        }
        return isQueued;
    }

    /** Writes what {@link #sendBatched} queued, when no send followed it. */
    public void flushSent() {
        outbound.flush();
    }

    /**
     * Queues a frame of a fan-out. With {@code batch} it is not written yet (see
     * {@link Outbound#send(SharedText, boolean)}): the first such frame since the last {@link #flush()} adds
     * this connection to {@code toFlush}, whose owner must flush it. Without, it is written with whatever was
     * batched before it. False when it was not queued.
     */
    boolean send(SharedText message, boolean batch, List<Connection> toFlush) {
        if (!batch && unflushed != 0) {
            // This frame's write carries the batched ones too.
            UNFLUSHED.set(this, 0);
        }
        if (!outbound.send(message, batch)) {
            return false;
        }
        MESSAGES_OUT.getAndAdd(this, 1L);
        BYTES_OUT.getAndAdd(this, (long) message.text().length());
        if (batch && unflushed == 0 && UNFLUSHED.compareAndSet(this, 0, 1)) {
            toFlush.add(this);
        }
        return true;
    }

    /** Writes the frames batched so far (a later batched frame registers again). */
    void flush() {
        if (UNFLUSHED.getAndSet(this, 0) != 0) {
            outbound.flush();
        }
    }

    /** Starts closing the connection with a close code and reason. */
    public void close(int code, String reason) {
        outbound.close(code, reason);
    }

    /** True until the socket has closed or started to close. */
    public boolean isOpen() {
        return outbound.isOpen();
    }

    /** Called for every inbound frame, valid or not. */
    public void recordInbound(int bytes, long nowMillis) {
        MESSAGES_IN.getAndAdd(this, 1L);
        BYTES_IN.getAndAdd(this, (long) bytes);
        lastActivityMillis = nowMillis;
    }

    /** Called when any sign of life (a pong, a frame) arrives. */
    public void recordActivity(long nowMillis) {
        lastActivityMillis = nowMillis;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    public long messagesIn() {
        return messagesIn;
    }

    public long messagesOut() {
        return messagesOut;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** Bytes queued to the client and not yet written. */
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /** The most bytes ever queued to the client at once. */
    public long peakQueuedBytes() {
        return outbound.peakQueuedBytes();
    }

    /** A snapshot of the held channels, in the order they were first subscribed. */
    public synchronized List<String> channels() {
        return new ArrayList<>(channels);
    }

    /** True when the channel is held. */
    public synchronized boolean holds(String channel) {
        return channels.contains(channel);
    }

    /** Number of channels held. */
    public synchronized int channelCount() {
        return channels.size();
    }

    synchronized boolean addChannel(String channel) {
        return channels.add(channel);
    }

    synchronized boolean removeChannel(String channel) {
        return channels.remove(channel);
    }

    @Override
    public String toString() {
        return "Connection[" + id + "]";
    }
}
