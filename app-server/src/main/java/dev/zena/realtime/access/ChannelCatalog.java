package dev.zena.realtime.access;

import dev.zena.realtime.config.ChannelsConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns channel names into {@link Channel}s using the configured patterns ({@code project.{project_id}}):
 * a name matches a pattern when it is the pattern's prefix, an id of {@code [A-Za-z0-9_-]{1,64}} and the
 * pattern's suffix. Immutable and thread-safe.
 */
public final class ChannelCatalog {

    /** The id syntax of SPEC §1, shared by channel names and REST paths. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<ChannelKind, String[]> affixes = new EnumMap<>(ChannelKind.class);

    /** Built once at start-up from validated configuration. */
    public ChannelCatalog(ChannelsConfig config) {
        affixes.put(ChannelKind.DASHBOARD, split(config.dashboard()));
        affixes.put(ChannelKind.ALERTS, split(config.alerts()));
        affixes.put(ChannelKind.NOTIFICATIONS, split(config.notifications()));
        affixes.put(ChannelKind.METRICS, split(config.metrics()));
        affixes.put(ChannelKind.SYSTEM, split(config.system()));
        affixes.put(ChannelKind.PROJECT, split(config.project()));
        affixes.put(ChannelKind.TASK, split(config.task()));
    }

    /** The channel a name denotes, or empty when it matches no configured pattern. */
    public Optional<Channel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Map.Entry<ChannelKind, String[]> entry : affixes.entrySet()) {
            String prefix = entry.getValue()[0];
            String suffix = entry.getValue()[1];
            if (name.length() > prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix)) {
                String id = name.substring(prefix.length(), name.length() - suffix.length());
                if (ID.matcher(id).matches()) {
                    return Optional.of(new Channel(entry.getKey(), id, name));
                }
            }
        }
        return Optional.empty();
    }

    /** The channel name of a kind and resource id, e.g. the {@code task.T1} an update is published on. */
    public String nameOf(ChannelKind kind, String resourceId) {
        String[] parts = affixes.get(kind);
        return parts[0] + resourceId + parts[1];
    }

    private static String[] split(String pattern) {
        int open = pattern.indexOf('{');
        int close = pattern.indexOf('}', open);
        return new String[] {pattern.substring(0, open), pattern.substring(close + 1)};
    }
}
