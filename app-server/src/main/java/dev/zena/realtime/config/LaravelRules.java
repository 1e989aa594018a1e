package dev.zena.realtime.config;

import static dev.zena.realtime.config.Settings.LARAVEL_CHANNELS;
import static dev.zena.realtime.config.Settings.LARAVEL_REDIS_PREFIX;
import static dev.zena.realtime.config.Settings.LARAVEL_REDIS_URL;
import static dev.zena.realtime.config.Settings.PUSHER_APP_ID;
import static dev.zena.realtime.config.Settings.PUSHER_KEY;
import static dev.zena.realtime.config.Settings.PUSHER_SECRET;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the Laravel settings of SPEC §12: each {@code laravel.channels} rule is {@code laravel=channel}, its
 * channel side holds exactly one placeholder, and every placeholder of the channel side appears on the Laravel
 * side (so a Laravel name always fills the channel name).
 */
final class LaravelRules {

    /** The placeholders a rule may use. */
    static final Set<String> PLACEHOLDERS = Set.of("{tenant_id}", "{user_id}", "{project_id}", "{task_id}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

    private LaravelRules() {}

    /** Called by the binder. */
    static LaravelConfig bind(Values v) throws ConfigException {
        String url = v.optional(LARAVEL_REDIS_URL);
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw ConfigException.of(LARAVEL_REDIS_URL, "must start with redis:// or rediss://");
        }
        String prefix = v.optional(LARAVEL_REDIS_PREFIX);
        if (prefix == null || !prefix.matches("[^*?\\[\\]\\s]{0,128}")) {
            throw ConfigException.of(
                    LARAVEL_REDIS_PREFIX,
                    "must be at most 128 characters without spaces or the pattern characters * ? [ ]");
        }
        String appId = v.optional(PUSHER_APP_ID);
        if (appId != null && !appId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw ConfigException.of(PUSHER_APP_ID, "must be 1..64 of A-Z a-z 0-9 _ -");
        }
        String key = v.optional(PUSHER_KEY);
        if (key != null && !key.matches("[A-Za-z0-9_-]{1,128}")) {
            throw ConfigException.of(PUSHER_KEY, "must be 1..128 of A-Z a-z 0-9 _ -");
        }
        return new LaravelConfig(appId, key, v.optional(PUSHER_SECRET), url, prefix, rules(v));
    }

    private static List<LaravelConfig.Rule> rules(Values v) throws ConfigException {
        List<LaravelConfig.Rule> rules = new ArrayList<>();
        for (String item : v.list(LARAVEL_CHANNELS)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw ConfigException.of(
                        LARAVEL_CHANNELS,
                        "rule '" + item
                                + "' must be laravel-pattern=channel-pattern, e.g. "
                                + "private-project.{project_id}=project.{project_id}");
            }
            String laravel = item.substring(0, eq).strip();
            String channel = item.substring(eq + 1).strip();
            Set<String> from = placeholders(laravel, item);
            Set<String> to = placeholders(channel, item);
            if (to.size() != 1) {
                throw ConfigException.of(
                        LARAVEL_CHANNELS, "rule '" + item + "': the channel side must hold exactly one placeholder");
            }
            if (!from.containsAll(to)) {
                throw ConfigException.of(
                        LARAVEL_CHANNELS,
                        "rule '" + item + "': " + to.iterator().next()
                                + " of the channel side is missing on the Laravel side");
            }
            rules.add(new LaravelConfig.Rule(laravel, channel));
        }
        return rules;
    }

    private static Set<String> placeholders(String pattern, String item) throws ConfigException {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group())) {
                throw ConfigException.of(
                        LARAVEL_CHANNELS,
                        "rule '" + item + "': unknown placeholder " + m.group()
                                + " (use {tenant_id}, {user_id}, {project_id} or {task_id})");
            }
            if (!found.add(m.group())) {
                throw ConfigException.of(LARAVEL_CHANNELS, "rule '" + item + "': " + m.group() + " appears twice");
            }
        }
        return found;
    }
}
