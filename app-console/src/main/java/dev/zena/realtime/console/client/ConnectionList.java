package dev.zena.realtime.console.client;

import java.util.List;

/**
 * The connection list of a cluster: every answering node's connections, and the nodes that did not answer in time
 * (SPEC §11 item 4: {@code "partial":true}, {@code "nodes_missing"}) — their connections are missing from the list.
 */
public record ConnectionList(List<ConnectionInfo> connections, List<String> nodesMissing) {

    public ConnectionList {
        connections = List.copyOf(connections);
        nodesMissing = List.copyOf(nodesMissing);
    }

    /** True when some node's connections are missing. */
    public boolean isPartial() {
        return !nodesMissing.isEmpty();
    }
}
