package dev.zena.realtime.console.client;

/** One tenant's figures for one second: frames in, events out, errors, drops, and connections at its end. */
public record TrafficSample(long messagesIn, long messagesOut, long errors, long dropped, long connections) {

    /** A second without traffic. */
    public static final TrafficSample EMPTY = new TrafficSample(0, 0, 0, 0, 0);
}
