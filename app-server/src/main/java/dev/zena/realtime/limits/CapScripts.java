package dev.zena.realtime.limits;

import dev.zena.realtime.broker.LuaScript;

/**
 * The Lua scripts of {@link RedisConnectionCaps}. Each runs atomically on the two keys of one tenant, hash-tagged
 * by it: {@code leases} (hash node → when that node's share lapses, Redis time in millis) and {@code counts} (hash
 * {@code node} → that node's connections of the tenant, {@code node|user} → that node's connections of the user).
 * Only nodes whose lease is live count; a lapsed node's fields are dropped by the first script that sees it. Times
 * come from Redis ({@code TIME}), so the nodes' clocks never need to agree. Every write of a lease sets both keys
 * to expire with it: a tenant that no live node holds leaves nothing behind.
 */
final class CapScripts {

    private CapScripts() {}

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /** Drops every field of node {@code n} (its lease and its counts). */
    private static final String DROP = """
            local function drop(n)
              redis.call('HDEL', KEYS[1], n)
              local mark = n .. '|'
              for _, field in ipairs(redis.call('HKEYS', KEYS[2])) do
                if field == n or string.sub(field, 1, #mark) == mark then redis.call('HDEL', KEYS[2], field) end
              end
            end
            """;

    /** Sets node {@code n}'s lease to {@code ms} from now and both keys to expire with it. */
    private static final String LEASE = """
            local function lease(n, ms)
              redis.call('HSET', KEYS[1], n, now + tonumber(ms))
              redis.call('PEXPIRE', KEYS[1], ms)
              redis.call('PEXPIRE', KEYS[2], ms)
            end
            """;

    /**
     * KEYS leases, counts; ARGV node, user, per user, per tenant, lease millis, this node's count of the tenant.
     * Answers -1 when Redis's share of this node differs from the node's own count (its lease lapsed, Redis lost
     * its data, or a release did not reach it): the node sets its share again ({@link #RESTORE}) and retries.
     * Otherwise 1 when the user is at its cap, 2 when the tenant is, else 0 and the connection is counted.
     */
    static final LuaScript ADMIT = new LuaScript(NOW + DROP + LEASE + """
            local node, user = ARGV[1], ARGV[2]
            local tenant, users, mine, isLive = 0, 0, 0, false
            local leases = redis.call('HGETALL', KEYS[1])
            for i = 1, #leases, 2 do
              local other = leases[i]
              if tonumber(leases[i + 1]) <= now then
                drop(other)
              else
                local n = tonumber(redis.call('HGET', KEYS[2], other) or '0')
                if other == node then mine, isLive = n, true end
                tenant = tenant + n
                users = users + tonumber(redis.call('HGET', KEYS[2], other .. '|' .. user) or '0')
              end
            end
            if mine ~= tonumber(ARGV[6]) then return -1 end
            if users >= tonumber(ARGV[3]) then return 1 end
            if tenant >= tonumber(ARGV[4]) then return 2 end
            if not isLive then drop(node) end
            redis.call('HINCRBY', KEYS[2], node, 1)
            redis.call('HINCRBY', KEYS[2], node .. '|' .. user, 1)
            lease(node, ARGV[5])
            return 0
            """);

    /**
     * KEYS leases, counts; ARGV node, user. One connection fewer of the user on this node; nothing when the node has
     * no lease (its share was dropped: the node sets it again at its next beat). At its last connection of the
     * tenant the node's lease goes too.
     */
    static final LuaScript RELEASE = new LuaScript("""
            local node, user = ARGV[1], ARGV[2]
            if redis.call('HEXISTS', KEYS[1], node) == 0 then return 0 end
            local function down(field)
              local n = tonumber(redis.call('HGET', KEYS[2], field) or '0')
              if n <= 1 then redis.call('HDEL', KEYS[2], field) else redis.call('HINCRBY', KEYS[2], field, -1) end
              return n - 1
            end
            down(node .. '|' .. user)
            if down(node) <= 0 then redis.call('HDEL', KEYS[1], node) end
            return 1
            """);

    /**
     * KEYS leases, counts; ARGV node, lease millis, this node's count of the tenant. Extends the node's lease and
     * answers 1 when its share is live and equals the node's count; answers 0 otherwise (set it again).
     */
    static final LuaScript RENEW = new LuaScript(NOW + LEASE + """
            local until_ = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            local n = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
            if until_ <= now or n ~= tonumber(ARGV[3]) then return 0 end
            lease(ARGV[1], ARGV[2])
            return 1
            """);

    /**
     * KEYS leases, counts; ARGV node, lease millis, this node's count of the tenant, then user/count pairs.
     * Replaces the node's share with these counts (none: the node holds nothing of the tenant).
     */
    static final LuaScript RESTORE = new LuaScript(NOW + DROP + LEASE + """
            local node = ARGV[1]
            drop(node)
            if tonumber(ARGV[3]) <= 0 then return 0 end
            redis.call('HSET', KEYS[2], node, ARGV[3])
            for i = 4, #ARGV, 2 do
              redis.call('HSET', KEYS[2], node .. '|' .. ARGV[i], ARGV[i + 1])
            end
            lease(node, ARGV[2])
            return 1
            """);

    /** KEYS leases, counts; ARGV user. The tenant's and the user's connections over every live node. */
    static final LuaScript COUNT = new LuaScript(NOW + """
            local tenant, users = 0, 0
            local leases = redis.call('HGETALL', KEYS[1])
            for i = 1, #leases, 2 do
              if tonumber(leases[i + 1]) > now then
                tenant = tenant + tonumber(redis.call('HGET', KEYS[2], leases[i]) or '0')
                users = users + tonumber(redis.call('HGET', KEYS[2], leases[i] .. '|' .. ARGV[1]) or '0')
              end
            end
            return {tenant, users}
            """);
}
