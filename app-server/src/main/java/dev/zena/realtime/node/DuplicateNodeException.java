package dev.zena.realtime.node;

/** A node tried to join a cluster where a live node already has its id ({@code node.id}). */
public final class DuplicateNodeException extends RuntimeException {

    /** Thrown at start, before anything listens. */
    public DuplicateNodeException(String nodeId) {
        super("a live node of this cluster already has node.id " + nodeId + ": every node needs its own id");
    }
}
