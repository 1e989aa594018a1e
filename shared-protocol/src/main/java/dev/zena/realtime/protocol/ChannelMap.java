package dev.zena.realtime.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Copies a map keyed by channel name ({@code since}, {@code positions}, {@code recovery}) when a record is built: the
 * copy is unmodifiable, keeps the source's iteration order (which is the order written on the wire) and holds no null.
 */
final class ChannelMap {

    private ChannelMap() {}

    static <V> Map<String, V> copyOf(Map<String, V> source, String field) {
        Objects.requireNonNull(source, field);
        if (source.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>(source.size() * 2);
        source.forEach((channel, value) -> copy.put(
                Objects.requireNonNull(channel, field + " key"), Objects.requireNonNull(value, field + " value")));
        return Collections.unmodifiableMap(copy);
    }
}
