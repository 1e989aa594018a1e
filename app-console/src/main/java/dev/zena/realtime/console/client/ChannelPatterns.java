package dev.zena.realtime.console.client;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a server names channels: one pattern per {@link ChannelKind} ({@code project.{project_id}}), as
 * {@code GET /api/v1/admin/channels} answers them; a kind the answer leaves out keeps its SPEC default.
 * Immutable.
 */
public record ChannelPatterns(Map<ChannelKind, String> byKind) {

    /** The patterns of SPEC §4.1, for a server too old to say which it uses. */
    public static final ChannelPatterns DEFAULTS = new ChannelPatterns(Map.of());

    /** Called with what a server answered; fills the kinds it left out with their defaults. */
    public ChannelPatterns {
        Map<ChannelKind, String> all = new EnumMap<>(ChannelKind.class);
        for (ChannelKind kind : ChannelKind.values()) {
            all.put(kind, kind.defaultPattern());
        }
        all.putAll(byKind);
        byKind = Collections.unmodifiableMap(all);
    }

    /** The pattern of a kind. */
    public String pattern(ChannelKind kind) {
        return byKind.get(kind);
    }

    /** The channel name of a kind and an id: the pattern with its placeholder replaced. */
    public String nameOf(ChannelKind kind, String id) {
        return byKind.get(kind).replace("{" + kind.placeholder() + "}", id);
    }
}
