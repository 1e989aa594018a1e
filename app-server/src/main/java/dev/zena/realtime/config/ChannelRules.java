package dev.zena.realtime.config;

import static dev.zena.realtime.config.Settings.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the channel patterns: each holds its own placeholder (the one of its default) exactly once and no
 * other, and no two patterns have the same shape, so a channel name always maps to one kind of resource.
 */
final class ChannelRules {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");
    private static final List<Setting> PATTERNS = List.of(
            CHANNEL_DASHBOARD,
            CHANNEL_ALERTS,
            CHANNEL_NOTIFICATIONS,
            CHANNEL_METRICS,
            CHANNEL_SYSTEM,
            CHANNEL_PROJECT,
            CHANNEL_TASK);

    private ChannelRules() {}

    /** Called by the binder; the validated patterns. */
    static ChannelsConfig bind(Values v) throws ConfigException {
        Map<String, Setting> shapes = new HashMap<>();
        for (Setting s : PATTERNS) {
            String pattern = v.required(s);
            requireOwnPlaceholder(s, pattern);
            Setting clash = shapes.putIfAbsent(PLACEHOLDER.matcher(pattern).replaceAll("{}"), s);
            if (clash != null) {
                throw ConfigException.of(
                        s,
                        "pattern '" + pattern + "' is not distinct from " + clash.key() + " ('" + v.required(clash)
                                + "'): a channel name must name one kind of resource");
            }
        }
        return new ChannelsConfig(
                v.required(CHANNEL_DASHBOARD),
                v.required(CHANNEL_ALERTS),
                v.required(CHANNEL_NOTIFICATIONS),
                v.required(CHANNEL_METRICS),
                v.required(CHANNEL_SYSTEM),
                v.required(CHANNEL_PROJECT),
                v.required(CHANNEL_TASK));
    }

    private static void requireOwnPlaceholder(Setting s, String pattern) throws ConfigException {
        String expected = placeholderOf(s.defaultValue());
        Matcher m = PLACEHOLDER.matcher(pattern);
        int count = 0;
        while (m.find()) {
            if (!m.group().equals(expected)) {
                throw ConfigException.of(
                        s, "pattern '" + pattern + "' may hold only " + expected + ", found " + m.group());
            }
            count++;
        }
        if (count != 1) {
            throw ConfigException.of(s, "pattern '" + pattern + "' must contain " + expected + " exactly once");
        }
    }

    private static String placeholderOf(String defaultPattern) {
        Matcher m = PLACEHOLDER.matcher(defaultPattern);
        if (!m.find()) {
            throw new IllegalStateException("default channel pattern without placeholder: " + defaultPattern);
        }
        return m.group();
    }
}
