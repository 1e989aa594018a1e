package dev.zena.realtime.console.client;

import java.util.Locale;
import java.util.Optional;

/** The seven channel kinds of SPEC §4.1 as the admin API names them, each with what its id refers to. */
public enum ChannelKind {
    DASHBOARD(Scope.USER),
    ALERTS(Scope.USER),
    NOTIFICATIONS(Scope.USER),
    METRICS(Scope.TENANT),
    SYSTEM(Scope.TENANT),
    PROJECT(Scope.PROJECT),
    TASK(Scope.TASK);

    /** What the id in a channel name refers to. */
    public enum Scope {
        USER,
        TENANT,
        PROJECT,
        TASK
    }

    private final Scope scope;

    ChannelKind(Scope scope) {
        this.scope = scope;
    }

    /** The kind of resource this channel's id names. */
    public Scope scope() {
        return scope;
    }

    /** The kind's name in {@code GET /api/v1/admin/channels} and in the {@code channels.*} settings. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The placeholder a pattern of this kind holds once, without braces: {@code project_id}. */
    public String placeholder() {
        return scope.name().toLowerCase(Locale.ROOT) + "_id";
    }

    /** The SPEC default pattern, {@code project.{project_id}}. */
    public String defaultPattern() {
        return wireName() + ".{" + placeholder() + "}";
    }

    /** The kind of a wire name; empty for a kind this console does not know (a newer server). */
    public static Optional<ChannelKind> fromWire(String wireName) {
        for (ChannelKind kind : values()) {
            if (kind.wireName().equals(wireName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
