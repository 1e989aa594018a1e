package dev.zena.realtime.broker;

import io.lettuce.core.ScriptOutputType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each channel's position and recent events in Redis, for a {@link RedisBroker}: a meta hash
 * ({@code zena:{ch}:meta}: {@code epoch}, {@code offset}, {@code used}) and a stream ({@code zena:{ch}:history})
 * whose entry ids are the offsets ({@code 58-0}) and whose fields are the time ({@code t}, millis) and the body
 * ({@code d}). Three scripts, each one atomic step on one channel's two keys (a fourth, {@link #startOver}, for a
 * Redis that lost writes):
 * <ul>
 * <li>publish: stands the channel (below), takes the next offset, appends the event (trimmed to the history size,
 * the stream expiring a history TTL after its last event) and PUBLISHes it on the channel's pub/sub channel;</li>
 * <li>position: stands the channel and answers its position;</li>
 * <li>history: stands the channel, deletes events older than the history TTL from the head of the stream, and
 * answers the position, the first kept offset and the events after an offset.</li>
 * </ul>
 * "Standing" a channel: a channel whose meta is missing, or unused for {@link #idle} by the node clocks'
 * reckoning, starts over at offset 0 in the epoch the caller drew (its stream is dropped); otherwise its
 * {@code used} time moves forward and its meta expires {@link #idle} later in Redis. Times are the callers'
 * (the injected clock), as in {@link MemoryBroker}; Redis's own expiry only collects what nobody touches.
 */
final class StreamHistory {

    /** A channel unused this long is forgotten and comes back in a new epoch, as in {@link MemoryBroker}. */
    static final Duration FORGET_AFTER = MemoryBroker.FORGET_AFTER;

    private static final String STAND = """
            local function stand(meta, stream, fresh, now, idle)
              local m = redis.call('HMGET', meta, 'epoch', 'offset', 'used')
              local epoch, offset, used = m[1], tonumber(m[2]), tonumber(m[3])
              if not epoch or not offset or not used or used + idle <= now then
                epoch, offset = fresh, 0
                redis.call('DEL', stream)
                redis.call('HSET', meta, 'epoch', epoch, 'offset', 0, 'used', now)
              elseif now > used then
                redis.call('HSET', meta, 'used', now)
              end
              redis.call('PEXPIRE', meta, idle)
              return epoch, offset
            end
            local now, idle = tonumber(ARGV[2]), tonumber(ARGV[3])
            local epoch, offset = stand(KEYS[1], KEYS[2], ARGV[1], now, idle)
            """;

    /**
     * KEYS: meta, history and, for a signed request's one use (SPEC §6), its claim, which must share the channel's
     * hash tag. ARGV: fresh epoch, now, idle, history size, history ttl, pub/sub channel, body, and the claim's
     * expiry (Unix seconds). A claim already made answers {@code {-1, ''}} and publishes nothing.
     */
    private static final LuaScript PUBLISH = new LuaScript("""
            if KEYS[3] and not redis.call('SET', KEYS[3], '1', 'NX', 'EXAT', ARGV[8]) then
              return {-1, ''}
            end
            """ + STAND + """
            offset = redis.call('HINCRBY', KEYS[1], 'offset', 1)
            if tonumber(ARGV[4]) > 0 then
              redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[4], offset .. '-0', 't', ARGV[2], 'd', ARGV[7])
              redis.call('PEXPIRE', KEYS[2], ARGV[5])
            end
            redis.call('PUBLISH', ARGV[6], offset .. ' ' .. epoch .. ' ' .. ARGV[2] .. ' ' .. ARGV[7])
            return {offset, epoch}
            """);

    /** ARGV: fresh epoch, now, idle. */
    private static final LuaScript POSITION = new LuaScript(STAND + """
            return {offset, epoch}
            """);

    /** ARGV: fresh epoch, now, idle, history ttl, after, limit. Answers offset, epoch, first kept, then id/t/d. */
    private static final LuaScript HISTORY = new LuaScript(STAND + """
            local cutoff = now - tonumber(ARGV[4])
            local expired = true
            while expired do
              local head = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 16)
              if #head == 0 then break end
              for _, entry in ipairs(head) do
                if tonumber(entry[2][2]) >= cutoff then expired = false break end
                redis.call('XDEL', KEYS[2], entry[1])
              end
            end
            local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
            local firstKept = offset + 1
            if #first > 0 then firstKept = tonumber(string.match(first[1][1], '^%d+')) end
            local out = {offset, epoch, firstKept}
            if tonumber(ARGV[6]) > 0 then
              local from = (tonumber(ARGV[5]) + 1) .. '-0'
              for _, e in ipairs(redis.call('XRANGE', KEYS[2], from, '+', 'COUNT', ARGV[6])) do
                out[#out + 1] = e[1]
                out[#out + 1] = e[2][2]
                out[#out + 1] = e[2][4]
              end
            end
            return out
            """);

    /**
     * ARGV: fresh epoch, now, idle, stale epoch. Starts the channel over (offset 0, the fresh epoch, no history)
     * when it is still in the stale epoch, else leaves it; answers where it stands. A second node that saw the
     * same rewind finds the epoch already changed and starts nothing.
     */
    private static final LuaScript START_OVER = new LuaScript("""
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if epoch == ARGV[4] then
              redis.call('DEL', KEYS[2])
              redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'offset', 0, 'used', ARGV[2])
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            local m = redis.call('HMGET', KEYS[1], 'epoch', 'offset')
            return {tonumber(m[2]), m[1]}
            """);

    private final RedisLink link;
    private final Clock clock;
    private final int size;
    private final Duration ttl;
    private final Duration idle;
    private final PublicationCodec codec;
    private final SecureRandom random = new SecureRandom();

    StreamHistory(RedisLink link, Clock clock, int size, Duration ttl, PublicationCodec codec) {
        this.link = link;
        this.clock = clock;
        this.size = size;
        this.ttl = ttl;
        this.idle = ttl.compareTo(FORGET_AFTER) > 0 ? ttl : FORGET_AFTER;
        this.codec = codec;
    }

    /** Events kept per channel. */
    int size() {
        return size;
    }

    /** Sends the scripts ahead of their first use. */
    void load() {
        PUBLISH.load(link);
        POSITION.load(link);
        HISTORY.load(link);
        START_OVER.load(link);
    }

    /**
     * Stamps, keeps and sends an event on every node's pub/sub; answers it as stamped. With a {@code claim} key (in
     * the channel's hash tag) and its expiry, the publish happens only if the key is not set yet, and sets it:
     * answers null when it was set (nothing published).
     */
    Publication publish(Envelope envelope, String claim, long claimExpiresAtSecond) {
        String channel = envelope.channel();
        long now = clock.millis();
        List<String> keys = new ArrayList<>(keys(channel));
        if (claim != null) {
            keys.add(claim);
        }
        List<Object> reply = PUBLISH.run(
                link,
                ScriptOutputType.MULTI,
                keys,
                List.of(
                        newEpoch(),
                        Long.toString(now),
                        Long.toString(idle.toMillis()),
                        Integer.toString(size),
                        Long.toString(ttl.toMillis()),
                        link.channelName(channel),
                        codec.body(envelope),
                        Long.toString(claimExpiresAtSecond)));
        long offset = (Long) reply.get(0);
        if (offset < 0) {
            return null;
        }
        return new Publication(envelope, offset, (String) reply.get(1), Instant.ofEpochMilli(now));
    }

    /** The channel's position (starting it in a new epoch when it is unknown or forgotten). */
    Position position(String channel) {
        List<Object> reply = POSITION.run(
                link,
                ScriptOutputType.MULTI,
                keys(channel),
                List.of(newEpoch(), now(), Long.toString(idle.toMillis())));
        return new Position((Long) reply.get(0), (String) reply.get(1));
    }

    /**
     * Starts {@code channel} over in a new epoch if it is still in {@code staleEpoch}, whose offsets Redis has
     * handed out twice (it lost writes); answers the channel's position either way.
     */
    Position startOver(String channel, String staleEpoch) {
        List<Object> reply = START_OVER.run(
                link,
                ScriptOutputType.MULTI,
                keys(channel),
                List.of(newEpoch(), now(), Long.toString(idle.toMillis()), staleEpoch));
        return new Position((Long) reply.get(0), (String) reply.get(1));
    }

    /** The kept events after {@code after}, at most {@code limit}, with the position and the first kept offset. */
    History history(String channel, long after, int limit) {
        long from = Math.max(0, Math.min(after, 1L << 52)); // Lua numbers are doubles: stay exact
        List<Object> reply = HISTORY.run(
                link,
                ScriptOutputType.MULTI,
                keys(channel),
                List.of(
                        newEpoch(),
                        now(),
                        Long.toString(idle.toMillis()),
                        Long.toString(ttl.toMillis()),
                        Long.toString(from),
                        Integer.toString(Math.max(0, limit))));
        Position position = new Position((Long) reply.get(0), (String) reply.get(1));
        List<Publication> events = new ArrayList<>((reply.size() - 3) / 3);
        for (int i = 3; i + 2 < reply.size(); i += 3) {
            String id = (String) reply.get(i);
            long offset = Long.parseLong(id.substring(0, id.indexOf('-')));
            events.add(codec.fromEntry(
                    channel, offset, position.epoch(), (String) reply.get(i + 1), (String) reply.get(i + 2)));
        }
        return new History(position, events, (Long) reply.get(2));
    }

    private List<String> keys(String channel) {
        return List.of(link.channelKey(channel, "meta"), link.channelKey(channel, "history"));
    }

    private String now() {
        return Long.toString(clock.millis());
    }

    private String newEpoch() {
        return Long.toString(random.nextLong() >>> 1, 36);
    }
}
