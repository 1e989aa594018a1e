/**
 * The nodes of a cluster as the admin API sees them (SPEC §11 item 4): which nodes are live (their cards: id,
 * address, start, connections, last beat) and a way to ask every live node a question and gather the answers
 * within {@link dev.zena.realtime.node.Nodes#ANSWER_WITHIN}, naming the nodes that did not answer. {@code SoloNode}
 * is one process; {@code RedisNodes} a cluster, over the broker's {@code RedisLink}. Questions and answers are
 * opaque text: what is asked (connections, traffic, a disconnect) belongs to whoever registers the topic. Imports
 * the broker's Redis link, the Redis client and Jackson; never a web framework, the hub or the store.
 */
package dev.zena.realtime.node;
