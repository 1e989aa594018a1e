package dev.zena.realtime.broker;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-process broker: publishing is stamping the event in its channel's {@link ChannelLog} and delivering
 * it locally, synchronously. Each channel's epoch is drawn at random when the channel is first used in this
 * process, so positions of another process (or of a channel forgotten after {@link #FORGET_AFTER} of silence)
 * never pass for positions of this one. A caller that got a channel's log just as it was forgotten finds it
 * marked so and looks the channel up again (the loops below), so nothing is ever stamped in a forgotten log.
 */
public final class MemoryBroker implements Broker {

    /** The delivery before {@link #attach} and after {@link #close}: nothing reaches anyone. */
    private static final LocalDelivery NOWHERE = (channel, stamp) -> 0;
    /** A channel with no kept event and no use for this long is forgotten (its next use starts a new epoch). */
    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final Clock clock;
    private final int historySize;
    private final Duration historyTtl;
    private final Map<String, ChannelLog> logs = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile LocalDelivery delivery = NOWHERE;

    /** Keeps {@code historySize} events per channel, each for {@code historyTtl}. */
    public MemoryBroker(Clock clock, int historySize, Duration historyTtl) {
        this.clock = clock;
        this.historySize = historySize;
        this.historyTtl = historyTtl;
    }

    @Override
    public void attach(LocalDelivery newDelivery) {
        this.delivery = newDelivery;
    }

    /** Nothing to do: one process delivers every publication locally anyway. */
    @Override
    public void subscribe(String channel) {}

    /** Nothing to do, as for {@link #subscribe}. */
    @Override
    public void unsubscribe(String channel) {}

    @Override
    public int publish(Envelope envelope) {
        return delivery.deliver(envelope.channel(), () -> {
            for (; ; ) {
                Publication publication = log(envelope.channel()).append(envelope, clock.instant());
                if (publication != null) {
                    return publication;
                }
            }
        });
    }

    @Override
    public void publishPresence(String tenantId, String channel, String message) {
        delivery.deliverPresence(tenantId, channel, message);
    }

    @Override
    public Position position(String channel) {
        for (; ; ) {
            Position position = log(channel).position(clock.instant());
            if (position != null) {
                return position;
            }
        }
    }

    @Override
    public History history(String channel, long after, int limit) {
        for (; ; ) {
            History history = log(channel).after(after, limit, clock.instant());
            if (history != null) {
                return history;
            }
        }
    }

    @Override
    public void evictExpired() {
        Instant now = clock.instant();
        logs.entrySet().removeIf(entry -> entry.getValue().forgetIfIdle(now, FORGET_AFTER));
    }

    /** Always: nothing outside this process can fail. */
    @Override
    public boolean isAvailable() {
        return true;
    }

    /** The number of channels this broker currently keeps a position for (for tests and metrics). */
    public int channelCount() {
        return logs.size();
    }

    @Override
    public void close() {
        delivery = NOWHERE;
    }

    private ChannelLog log(String channel) {
        ChannelLog log = logs.get(channel);
        return log != null
                ? log
                : logs.computeIfAbsent(
                        channel, c -> new ChannelLog(newEpoch(), historySize, historyTtl, clock.instant()));
    }

    private String newEpoch() {
        return Long.toString(random.nextLong() >>> 1, 36);
    }
}
