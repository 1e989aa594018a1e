package dev.zena.realtime.console;

import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ChannelHistory;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.ChannelPosition;
import dev.zena.realtime.console.client.ChannelPresence;
import dev.zena.realtime.console.client.ClusterNodes;
import dev.zena.realtime.console.client.ConnectionFilter;
import dev.zena.realtime.console.client.ConnectionInfo;
import dev.zena.realtime.console.client.ConnectionList;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.IssuedToken;
import dev.zena.realtime.console.client.LinkState;
import dev.zena.realtime.console.client.MetricsTotals;
import dev.zena.realtime.console.client.NodeInfo;
import dev.zena.realtime.console.client.PermissionVerdict;
import dev.zena.realtime.console.client.ProjectSummary;
import dev.zena.realtime.console.client.RoleMatrix;
import dev.zena.realtime.console.client.TaskSummary;
import dev.zena.realtime.console.client.TestEvent;
import dev.zena.realtime.console.client.TrafficHistory;
import dev.zena.realtime.console.client.WatchSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-memory admin API: answers from fields the test sets, records what was sent; completes at once. */
public final class FakeAdminClient implements AdminClient {

    public final List<ConnectionInfo> connections = new CopyOnWriteArrayList<>();
    /** The nodes the connection list and the node list name as not answering. */
    public final List<String> nodesMissing = new CopyOnWriteArrayList<>();

    public final List<NodeInfo> nodes = new CopyOnWriteArrayList<>();
    public final List<TestEvent> sent = new CopyOnWriteArrayList<>();
    public final List<String> disconnected = new CopyOnWriteArrayList<>();
    public final Map<String, Set<String>> savedRoles = new LinkedHashMap<>();
    public final List<ProjectSummary> projects = new ArrayList<>();
    public final List<TaskSummary> tasks = new ArrayList<>();
    public TrafficHistory traffic;
    public MetricsTotals metrics;
    public PermissionVerdict verdict;
    public RoleMatrix roles;
    public int delivered = 1;
    public ChannelPatterns patterns = ChannelPatterns.DEFAULTS;
    public AdminApiException failure;
    /** Per channel: the history and presence answers; a channel in {@code channelFailures} fails both instead. */
    public final Map<String, ChannelHistory> histories = new LinkedHashMap<>();

    public final Map<String, ChannelPresence> presences = new LinkedHashMap<>();
    public final Map<String, RuntimeException> channelFailures = new LinkedHashMap<>();
    /** Every history and presence call, as {@code "history channel"} / {@code "presence channel"}. */
    public final List<String> channelReads = new CopyOnWriteArrayList<>();
    /** When true, {@link #openSocket} answers a {@link FakeSocket}; otherwise it fails. */
    public boolean isSocketAvailable;

    public final List<FakeSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<Consumer<FeedEvent>> feed = new CopyOnWriteArrayList<>();
    private final List<Consumer<LinkState>> links = new CopyOnWriteArrayList<>();
    private LinkState link = LinkState.INITIAL;

    /** Pushes a feed event to the listeners, as the feed thread would. */
    public void emit(FeedEvent event) {
        feed.forEach(l -> l.accept(event));
    }

    public void link(LinkState state) {
        link = state;
        links.forEach(l -> l.accept(state));
    }

    public static ConnectionInfo connection(String id, String user, String tenant, String... channels) {
        Instant at = Instant.parse("2026-11-25T10:30:00.123Z");
        return new ConnectionInfo(id, user, tenant, "127.0.0.1", at, List.of(channels), 1, 2, 30, 40, at, true);
    }

    private <T> CompletableFuture<T> answer(T value) {
        return failure != null ? CompletableFuture.failedFuture(failure) : CompletableFuture.completedFuture(value);
    }

    @Override
    public URI server() {
        return URI.create("http://fake:1");
    }

    @Override
    public CompletableFuture<List<ConnectionInfo>> connections(ConnectionFilter filter) {
        return answer(List.copyOf(connections));
    }

    @Override
    public CompletableFuture<ConnectionList> connectionList(ConnectionFilter filter) {
        return answer(new ConnectionList(connections, nodesMissing));
    }

    @Override
    public CompletableFuture<ClusterNodes> nodes() {
        return answer(new ClusterNodes(nodes, nodesMissing));
    }

    /** A connection held by {@code node} of a cluster. */
    public static ConnectionInfo connectionOn(String node, String id, String user, String tenant) {
        Instant at = Instant.parse("2026-11-25T10:30:00.123Z");
        return new ConnectionInfo(
                id, user, tenant, "127.0.0.1", at, List.of(), 1, 2, 30, 40, at, true, node, ConnectionInfo.ZENA);
    }

    @Override
    public CompletableFuture<Void> disconnect(String connectionId) {
        disconnected.add(connectionId);
        connections.removeIf(c -> c.id().equals(connectionId));
        return answer(null);
    }

    @Override
    public CompletableFuture<TrafficHistory> traffic(int seconds, String tenantOrNull) {
        return answer(traffic);
    }

    @Override
    public CompletableFuture<MetricsTotals> metrics() {
        return answer(metrics);
    }

    @Override
    public CompletableFuture<Integer> sendEvent(TestEvent event) {
        sent.add(event);
        return answer(delivered);
    }

    @Override
    public CompletableFuture<PermissionVerdict> checkPermission(String userId, String channel) {
        return answer(verdict);
    }

    @Override
    public CompletableFuture<RoleMatrix> roles() {
        return answer(roles);
    }

    @Override
    public CompletableFuture<Set<String>> saveRole(String role, Set<String> permissions) {
        savedRoles.put(role, new LinkedHashSet<>(permissions));
        return answer(new LinkedHashSet<>(permissions));
    }

    @Override
    public CompletableFuture<IssuedToken> issueToken(String userId, int ttlSeconds) {
        return answer(new IssuedToken("t", userId, "acme", Instant.now().plusSeconds(ttlSeconds)));
    }

    @Override
    public CompletableFuture<List<ProjectSummary>> projects() {
        return answer(List.copyOf(projects));
    }

    @Override
    public CompletableFuture<List<TaskSummary>> tasks() {
        return answer(List.copyOf(tasks));
    }

    @Override
    public CompletableFuture<ChannelPatterns> channelPatterns() {
        return answer(patterns);
    }

    @Override
    public CompletableFuture<ChannelHistory> history(String channel, ChannelPosition sinceOrNull, int limit) {
        channelReads.add("history " + channel);
        RuntimeException refusal = channelFailures.get(channel);
        return refusal != null ? CompletableFuture.failedFuture(refusal) : answer(histories.get(channel));
    }

    @Override
    public CompletableFuture<ChannelPresence> presence(String channel) {
        channelReads.add("presence " + channel);
        RuntimeException refusal = channelFailures.get(channel);
        return refusal != null ? CompletableFuture.failedFuture(refusal) : answer(presences.get(channel));
    }

    @Override
    public CompletableFuture<WatchSocket> openSocket(String token, Consumer<WatchSocket.Message> onMessage) {
        if (!isSocketAvailable) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no sockets in the fake"));
        }
        FakeSocket socket = new FakeSocket(onMessage);
        sockets.add(socket);
        return CompletableFuture.completedFuture(socket.socket);
    }

    /** A test client socket: what the view model sent on it, and a way to play the server's messages to it. */
    public static final class FakeSocket {
        public final FakeWebSocket wire = new FakeWebSocket();
        public final WatchSocket socket = WatchSocket.over(wire);
        private final Consumer<WatchSocket.Message> onMessage;

        FakeSocket(Consumer<WatchSocket.Message> onMessage) {
            this.onMessage = onMessage;
        }

        /** Delivers one server message, as the socket's listener would. */
        public void receive(String json) {
            var node = AdminJson.parse(json);
            onMessage.accept(new WatchSocket.Message(node.path("type").asText("?"), node, json));
        }

        /** The frames sent, parsed. */
        public List<com.fasterxml.jackson.databind.JsonNode> sent() {
            return wire.sent.stream().map(AdminJson::parse).toList();
        }
    }

    @Override
    public void startFeed() {}

    @Override
    public void onFeed(Consumer<FeedEvent> listener) {
        feed.add(listener);
    }

    @Override
    public void onLinkState(Consumer<LinkState> listener) {
        links.add(listener);
        listener.accept(link);
    }

    @Override
    public LinkState linkState() {
        return link;
    }

    @Override
    public void close() {}
}
