package dev.zena.realtime.access;

/** The seven channel kinds of SPEC §4.1, each naming the resource its id refers to. */
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
}
