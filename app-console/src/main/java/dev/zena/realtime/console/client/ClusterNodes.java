package dev.zena.realtime.console.client;

import java.util.List;

/** The live nodes of the server's cluster (one for a single process) and the ones that did not answer in time. */
public record ClusterNodes(List<NodeInfo> nodes, List<String> nodesMissing) {

    public ClusterNodes {
        nodes = List.copyOf(nodes);
        nodesMissing = List.copyOf(nodesMissing);
    }
}
