package dev.zena.realtime.admin;

import java.util.List;

/**
 * One tenant's traffic, one entry per second, oldest first (see {@link TrafficSource}): messages received from
 * its clients, events delivered to them, error replies, dropped frames, and authenticated connections at the end
 * of each second. Every list has the same length.
 */
public record TenantSeries(
        String tenantId,
        List<Long> messagesIn,
        List<Long> messagesOut,
        List<Long> errors,
        List<Long> dropped,
        List<Long> connections) {

    public TenantSeries {
        messagesIn = List.copyOf(messagesIn);
        messagesOut = List.copyOf(messagesOut);
        errors = List.copyOf(errors);
        dropped = List.copyOf(dropped);
        connections = List.copyOf(connections);
        int length = messagesIn.size();
        if (messagesOut.size() != length
                || errors.size() != length
                || dropped.size() != length
                || connections.size() != length) {
            throw new IllegalArgumentException("every series of " + tenantId + " must have " + length + " entries");
        }
    }

    /** Number of seconds covered. */
    public int length() {
        return messagesIn.size();
    }
}
