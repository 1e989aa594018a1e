package dev.zena.realtime.broker;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically by Redis: sent once, then called by its SHA-1 with {@code EVALSHA}, and sent again
 * when Redis answers {@code NOSCRIPT} (a restarted or flushed Redis forgot it). Every key a script touches is
 * passed in {@code KEYS} and, except where its Javadoc says otherwise, all of them share one hash tag, so that the
 * script would run unchanged on Redis Cluster. Immutable.
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    /** A script with this source; nothing is sent before its first run. */
    public LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * Runs the script and answers its reply as Lettuce decodes {@code type} (a {@code List<Object>} of
     * {@code String}s and {@code Long}s for {@link ScriptOutputType#MULTI}, a {@code Long} for
     * {@link ScriptOutputType#INTEGER}).
     *
     * @throws BrokerUnavailableException when Redis cannot be reached or did not answer in time
     */
    public <T> T run(RedisLink link, ScriptOutputType type, List<String> keys, List<String> args) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        return link.call(redis -> {
            try {
                return redis.evalsha(sha, type, keyArray, argArray);
            } catch (RedisNoScriptException e) {
                redis.scriptLoad(source);
                return redis.evalsha(sha, type, keyArray, argArray);
            }
        });
    }

    /** Sends the script to Redis ahead of its first run (at start-up, so that a broken script fails early). */
    public void load(RedisLink link) {
        link.call(redis -> redis.scriptLoad(source));
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
