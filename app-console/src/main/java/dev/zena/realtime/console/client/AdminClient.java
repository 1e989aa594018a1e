package dev.zena.realtime.console.client;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The console's view of one server through its admin API (docs/admin-api.md). Every call returns at once and
 * completes on a client thread — never the FX thread — failing with {@link AdminApiException} when the server
 * answers an error and {@link ServerUnreachableException} when it cannot be reached. Listeners are called on
 * client threads too; callers hop to their UI thread themselves.
 */
public interface AdminClient extends AutoCloseable {

    /** The server's base address ({@code http://host:port}). */
    URI server();

    /** Called on refresh: the connections the token may see. */
    CompletableFuture<List<ConnectionInfo>> connections(ConnectionFilter filter);

    /**
     * Called on refresh by the Connections view: the connections the token may see on every node of the cluster,
     * with the nodes that did not answer in time.
     */
    CompletableFuture<ConnectionList> connectionList(ConnectionFilter filter);

    /** Called by the Server view: the live nodes of the cluster. */
    CompletableFuture<ClusterNodes> nodes();

    /** Called after the user confirmed: closes the connection with 4010. */
    CompletableFuture<Void> disconnect(String connectionId);

    /** Called when the traffic view opens or changes tenant: the last {@code seconds} seconds (1..3600). */
    CompletableFuture<TrafficHistory> traffic(int seconds, String tenantOrNull);

    /** Called periodically: the totals of {@code /api/metrics/websocket}. */
    CompletableFuture<MetricsTotals> metrics();

    /** Called by Send: publishes a test event and answers how many connections it was delivered to. */
    CompletableFuture<Integer> sendEvent(TestEvent event);

    /** Called by Permissions: the decision and its ordered checks for a user and a channel. */
    CompletableFuture<PermissionVerdict> checkPermission(String userId, String channel);

    /** Called by the matrix editor (admin.global only). */
    CompletableFuture<RoleMatrix> roles();

    /** Called by the matrix editor on save: replaces a role's permissions, answers the stored set. */
    CompletableFuture<Set<String>> saveRole(String role, Set<String> permissions);

    /** Called by the test client: a short-lived token for {@code userId}. */
    CompletableFuture<IssuedToken> issueToken(String userId, int ttlSeconds);

    /** Called to suggest channel names: the projects of the token's tenant visible to it. */
    CompletableFuture<List<ProjectSummary>> projects();

    /** Called to suggest channel names: the tasks of the token's tenant visible to it. */
    CompletableFuture<List<TaskSummary>> tasks();

    /**
     * Called whenever channel names are built: how this server names channels. Asked of the server once per client;
     * a server without {@code GET /api/v1/admin/channels} (404) is answered with {@link ChannelPatterns#DEFAULTS}.
     * Any other failure is not kept: the next call asks again.
     */
    CompletableFuture<ChannelPatterns> channelPatterns();

    /**
     * Called by the channel panel: {@code GET /api/v1/app/channels/{channel}/history} with the admin token — the
     * channel's position and its latest {@code limit} kept events, or with {@code sinceOrNull} the events after that
     * position (all or none). Fails with the status {@code subscribe} would get (400, 403, 404) when the token's user
     * may not read the channel.
     */
    CompletableFuture<ChannelHistory> history(String channel, ChannelPosition sinceOrNull, int limit);

    /**
     * Called by the channel panel: {@code GET /api/v1/app/channels/{channel}/presence} with the admin token — who is
     * in the channel now. Fails as {@link #history} does.
     */
    CompletableFuture<ChannelPresence> presence(String channel);

    /** Called by the test client: a real WebSocket to {@code /ws} with {@code token} at the handshake. */
    CompletableFuture<WatchSocket> openSocket(String token, Consumer<WatchSocket.Message> onMessage);

    /** Starts the feed and its reconnection loop; idempotent. */
    void startFeed();

    /** Registers a feed listener; events arrive in order on one client thread. */
    void onFeed(Consumer<FeedEvent> listener);

    /** Registers a link listener, called with the current state at once and on every change. */
    void onLinkState(Consumer<LinkState> listener);

    /** The link's current state. */
    LinkState linkState();

    /** Stops the feed and releases threads; pending calls may fail. */
    @Override
    void close();
}
