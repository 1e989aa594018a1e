package dev.zena.realtime.console.client;

/** The link status with a one-line reason a person can act on. */
public record LinkState(LinkStatus status, String detail) {

    /** The state before anything is known. */
    public static final LinkState INITIAL = new LinkState(LinkStatus.CONNECTING, "Connecting…");
}
