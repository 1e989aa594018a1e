package dev.zena.realtime.presence;

import dev.zena.realtime.broker.LuaScript;

/**
 * The Lua scripts of {@link RedisMembers}. Each runs atomically on the keys of one channel, all hash-tagged by
 * it: {@code present} (hash user → connections over the cluster), {@code who} (hash user → tenant and name),
 * {@code departing} (sorted set user → when the leave grace ends, millis) and {@code node:<id>} (hash user →
 * that node's connections, so that a vanished node's share can be taken back).
 */
final class PresenceScripts {

    private PresenceScripts() {}

    /**
     * KEYS present, who, departing, node; ARGV user, info. One more connection of the user on this node; answers 1
     * when the user was absent cluster-wide and no departure of theirs was pending ({@code joined} is due), else 0
     * (a pending departure is cancelled).
     */
    static final LuaScript JOIN = new LuaScript("""
            local n = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            redis.call('HINCRBY', KEYS[4], ARGV[1], 1)
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            if n > 1 then return 0 end
            if redis.call('ZREM', KEYS[3], ARGV[1]) == 1 then return 0 end
            return 1
            """);

    /**
     * KEYS present, departing, node; ARGV user, due. One connection fewer of the user on this node (none when the
     * node holds none of theirs, e.g. after it was swept); at the user's last connection cluster-wide the user is
     * absent and departing until {@code due}, which is answered (else 0).
     */
    static final LuaScript LEAVE = new LuaScript("""
            local mine = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
            if mine < 1 then return 0 end
            if mine == 1 then
              redis.call('HDEL', KEYS[3], ARGV[1])
            else
              redis.call('HINCRBY', KEYS[3], ARGV[1], -1)
            end
            local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
            if n > 0 then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            return tonumber(ARGV[2])
            """);

    /**
     * KEYS departing, who, present; ARGV now, max. Takes the departures due at {@code now} (each from exactly one
     * caller) and answers the next due time (-1 when none is pending) followed by user/info pairs.
     */
    static final LuaScript POP = new LuaScript("""
            local out = {-1}
            for _, user in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])) do
              redis.call('ZREM', KEYS[1], user)
              if redis.call('HEXISTS', KEYS[3], user) == 0 then
                out[#out + 1] = user
                out[#out + 1] = redis.call('HGET', KEYS[2], user) or ''
                redis.call('HDEL', KEYS[2], user)
              end
            end
            local nxt = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            if #nxt > 0 then out[1] = tonumber(nxt[2]) end
            return out
            """);

    /** KEYS present, who. Answers user/connections/info triples of every present user. */
    static final LuaScript ROLL = new LuaScript("""
            local all = redis.call('HGETALL', KEYS[1])
            local out = {}
            for i = 1, #all, 2 do
              out[#out + 1] = all[i]
              out[#out + 1] = tonumber(all[i + 1])
              out[#out + 1] = redis.call('HGET', KEYS[2], all[i]) or ''
            end
            return out
            """);

    /**
     * KEYS present, who, departing, node; ARGV due, then user/connections/info triples. Sets one node's share of
     * the channel to exactly the given connections (none given: the node holds nothing, as for a vanished node),
     * moving the cluster-wide counts by the difference: a user whose last connections go becomes departing until
     * {@code due}; a user who comes back within a pending departure cancels it. Answers the earliest pending
     * departure (-1 when none), for the index of channels with departures.
     */
    static final LuaScript RECONCILE = new LuaScript("""
            local want, info, users = {}, {}, {}
            for i = 2, #ARGV, 3 do
              want[ARGV[i]] = tonumber(ARGV[i + 1])
              info[ARGV[i]] = ARGV[i + 2]
              users[ARGV[i]] = true
            end
            local have = {}
            local flat = redis.call('HGETALL', KEYS[4])
            for i = 1, #flat, 2 do
              have[flat[i]] = tonumber(flat[i + 1])
              users[flat[i]] = true
            end
            for user in pairs(users) do
              local wanted, had = want[user] or 0, have[user] or 0
              if wanted > 0 then
                redis.call('HSET', KEYS[4], user, wanted)
                redis.call('HSET', KEYS[2], user, info[user])
              else
                redis.call('HDEL', KEYS[4], user)
              end
              local delta = wanted - had
              if delta ~= 0 then
                local n = redis.call('HINCRBY', KEYS[1], user, delta)
                if n <= 0 then
                  redis.call('HDEL', KEYS[1], user)
                  if n - delta > 0 then redis.call('ZADD', KEYS[3], ARGV[1], user) end
                elseif n - delta <= 0 then
                  redis.call('ZREM', KEYS[3], user)
                end
              end
            end
            local nxt = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
            if #nxt > 0 then return tonumber(nxt[2]) end
            return -1
            """);

    /**
     * A user's tenant and name as the {@code who} hash keeps them: {@code <tenant length>:<tenant>=name}, with
     * {@code -} in place of {@code =name} for a user without a name.
     */
    static String info(String tenantId, String userName) {
        return tenantId.length() + ":" + tenantId + (userName == null ? "-" : "=" + userName);
    }

    /** The tenant and the name (or null) of a {@link #info} text; an empty text gives an empty tenant. */
    static String[] fromInfo(String info) {
        if (info.isEmpty()) {
            return new String[] {"", null};
        }
        int colon = info.indexOf(':');
        int end = colon + 1 + Integer.parseInt(info.substring(0, colon));
        String tenant = info.substring(colon + 1, end);
        return new String[] {tenant, info.charAt(end) == '=' ? info.substring(end + 1) : null};
    }
}
