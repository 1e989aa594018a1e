package dev.zena.realtime.node;

import java.util.List;
import java.util.Map;

/**
 * What the live nodes answered to one question: each answer by node id (this node first), and the nodes that did
 * not answer in time, which make the admin API's answer {@code "partial":true} (SPEC §11 item 4).
 */
public record Answers(Map<String, String> byNode, List<String> missing) {

    public Answers {
        byNode = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byNode));
        missing = List.copyOf(missing);
    }

    /** True when at least one live node did not answer: the gathered figures undercount. */
    public boolean isPartial() {
        return !missing.isEmpty();
    }
}
