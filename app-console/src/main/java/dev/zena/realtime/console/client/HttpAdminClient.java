package dev.zena.realtime.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AdminClient} over {@code java.net.http}: JSON over HTTP plus the feed WebSocket. */
public final class HttpAdminClient implements AdminClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAdminClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int LIST_PAGES = 10;

    private final URI server;
    private final Supplier<String> token;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final LinkTracker link = new LinkTracker();
    private final AdminFeed feed;
    private final AtomicReference<CompletableFuture<ChannelPatterns>> patterns = new AtomicReference<>();

    /**
     * Called once per attached server that is reached over https or on this machine (the embedded server).
     *
     * @throws InsecureTransportException for plain http to another host; see the three-argument constructor
     */
    public HttpAdminClient(URI server, Supplier<String> token) {
        this(server, token, false);
    }

    /**
     * Called once per attached server.
     *
     * @param server               base address, {@code http://host:port}; userinfo, path, query and fragment are
     *                             dropped ({@link ServerAddress})
     * @param token                supplies the admin token for every request; read on each call so it may be renewed
     * @param isPlainHttpConsented the user agreed to send the token in clear text to this server (the dialog's
     *                             Continue, or {@code --allow-insecure-http}); only matters for
     *                             {@link TokenTransport#PLAIN_REMOTE}
     * @throws InsecureTransportException when the token would go over plain http to another host without consent;
     *                                    thrown before any connection, the token supplier is not called
     */
    public HttpAdminClient(URI server, Supplier<String> token, boolean isPlainHttpConsented) {
        ServerAddress address = ServerAddress.of(server);
        if (TokenTransport.of(address).needsConsent() && !isPlainHttpConsented) {
            throw new InsecureTransportException(address);
        }
        this.server = address.uri();
        this.token = token;
        // HTTP/1.1 only: the server has no h2c, and the JDK's default first request offers an h2c upgrade on a
        // connection it may then abandon ("header parser received no bytes" was seen once in CI).
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "console-feed");
            thread.setDaemon(true);
            return thread;
        });
        this.feed = new AdminFeed(http, webSocketUri("/api/v1/admin/feed"), token, scheduler, link);
    }

    @Override
    public URI server() {
        return server;
    }

    @Override
    public CompletableFuture<List<ConnectionInfo>> connections(ConnectionFilter filter) {
        return get(connectionsPath(filter), AdminJson::connections);
    }

    @Override
    public CompletableFuture<ConnectionList> connectionList(ConnectionFilter filter) {
        return get(connectionsPath(filter), AdminJson::connectionList);
    }

    private static String connectionsPath(ConnectionFilter filter) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        param(query, "tenant", filter.tenant());
        param(query, "user", filter.user());
        param(query, "channel", filter.channel());
        return "/api/v1/admin/connections" + query;
    }

    @Override
    public CompletableFuture<ClusterNodes> nodes() {
        return get("/api/v1/admin/nodes", AdminJson::nodes);
    }

    @Override
    public CompletableFuture<Void> disconnect(String connectionId) {
        return send(request("/api/v1/admin/connections/" + encode(connectionId)).DELETE(), body -> null);
    }

    @Override
    public CompletableFuture<TrafficHistory> traffic(int seconds, String tenantOrNull) {
        StringJoiner query = new StringJoiner("&", "?", "");
        query.add("seconds=" + Math.max(1, Math.min(3600, seconds)));
        param(query, "tenant", tenantOrNull);
        return get("/api/v1/admin/traffic" + query, AdminJson::traffic);
    }

    @Override
    public CompletableFuture<MetricsTotals> metrics() {
        return get("/api/metrics/websocket", AdminJson::metrics);
    }

    @Override
    public CompletableFuture<Integer> sendEvent(TestEvent event) {
        return post(
                "/api/v1/admin/events",
                AdminJson.event(event),
                body -> body.path("delivered").asInt());
    }

    @Override
    public CompletableFuture<PermissionVerdict> checkPermission(String userId, String channel) {
        ObjectNode body = AdminJson.object().put("user_id", userId).put("channel", channel);
        return post("/api/v1/admin/permissions/check", body, AdminJson::verdict);
    }

    @Override
    public CompletableFuture<RoleMatrix> roles() {
        return get("/api/v1/admin/roles", AdminJson::roles);
    }

    @Override
    public CompletableFuture<Set<String>> saveRole(String role, Set<String> permissions) {
        ObjectNode body = AdminJson.object();
        ArrayNode array = body.putArray("permissions");
        permissions.forEach(array::add);
        HttpRequest.Builder put = request("/api/v1/admin/roles/" + encode(role))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(AdminJson.write(body)));
        return send(put, answer -> {
            Set<String> stored = new LinkedHashSet<>();
            answer.path("permissions").forEach(p -> stored.add(p.asText()));
            return stored;
        });
    }

    @Override
    public CompletableFuture<IssuedToken> issueToken(String userId, int ttlSeconds) {
        ObjectNode body = AdminJson.object().put("user_id", userId).put("ttl_seconds", ttlSeconds);
        return post("/api/v1/admin/tokens", body, AdminJson::token);
    }

    @Override
    public CompletableFuture<List<ProjectSummary>> projects() {
        return pages("/api/v1/app/projects", AdminJson::project);
    }

    @Override
    public CompletableFuture<List<TaskSummary>> tasks() {
        return pages("/api/v1/app/tasks", AdminJson::task);
    }

    @Override
    public CompletableFuture<ChannelPatterns> channelPatterns() {
        CompletableFuture<ChannelPatterns> asked = new CompletableFuture<>();
        CompletableFuture<ChannelPatterns> known = patterns.compareAndExchange(null, asked);
        if (known != null) {
            return known;
        }
        get("/api/v1/admin/channels", AdminJson::channelPatterns).whenComplete((answer, error) -> {
            if (error == null) {
                asked.complete(answer);
            } else if (LinkTracker.unwrap(error) instanceof AdminApiException api && api.status() == 404) {
                // a server older than the endpoint names channels by the SPEC defaults
                LOG.debug("console_channel_patterns_default server={} status=404", server);
                asked.complete(ChannelPatterns.DEFAULTS);
            } else {
                patterns.compareAndSet(asked, null);
                asked.completeExceptionally(error);
            }
        });
        return asked;
    }

    @Override
    public CompletableFuture<ChannelHistory> history(String channel, ChannelPosition sinceOrNull, int limit) {
        StringJoiner query = new StringJoiner("&", "?", "");
        query.add("limit=" + Math.max(1, limit));
        if (sinceOrNull != null) {
            query.add("since=" + sinceOrNull.offset()).add("epoch=" + encode(sinceOrNull.epoch()));
        }
        return get(channelPath(channel, "history") + query, AdminJson::history);
    }

    @Override
    public CompletableFuture<ChannelPresence> presence(String channel) {
        return get(channelPath(channel, "presence"), AdminJson::presence);
    }

    @Override
    public CompletableFuture<WatchSocket> openSocket(String userToken, Consumer<WatchSocket.Message> onMessage) {
        return WatchSocket.open(http, webSocketUri("/ws"), userToken, onMessage).handle((socket, error) -> {
            if (error != null) {
                throw WatchSocket.describeFailure(error);
            }
            return socket;
        });
    }

    @Override
    public void startFeed() {
        feed.start();
    }

    @Override
    public void onFeed(Consumer<FeedEvent> listener) {
        feed.listen(listener);
    }

    @Override
    public void onLinkState(Consumer<LinkState> listener) {
        link.listen(listener);
    }

    @Override
    public LinkState linkState() {
        return link.state();
    }

    @Override
    public void close() {
        feed.close();
        scheduler.shutdownNow();
    }

    private <T> CompletableFuture<List<T>> pages(String path, Function<JsonNode, T> item) {
        return page(path, null, item, new ArrayList<>(), 0);
    }

    private <T> CompletableFuture<List<T>> page(
            String path, String cursor, Function<JsonNode, T> item, List<T> sofar, int pageCount) {
        String url = path + "?limit=200" + (cursor == null ? "" : "&cursor=" + encode(cursor));
        return get(url, body -> body).thenCompose(body -> {
            body.path("data").forEach(n -> sofar.add(item.apply(n)));
            String next = AdminJson.text(body, "next_cursor");
            if (next == null || next.isEmpty() || pageCount + 1 >= LIST_PAGES) {
                return CompletableFuture.completedFuture(List.copyOf(sofar));
            }
            return page(path, next, item, sofar, pageCount + 1);
        });
    }

    private <T> CompletableFuture<T> get(String path, Function<JsonNode, T> reader) {
        return send(request(path).GET(), reader);
    }

    private <T> CompletableFuture<T> post(String path, JsonNode body, Function<JsonNode, T> reader) {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(AdminJson.write(body))),
                reader);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.get());
    }

    private <T> CompletableFuture<T> send(HttpRequest.Builder builder, Function<JsonNode, T> reader) {
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw link.failed(error);
                    }
                    if (response.statusCode() >= 400) {
                        throw link.failed(AdminJson.error(response.statusCode(), response.body()));
                    }
                    link.connected();
                    String body = response.body();
                    return reader.apply(body == null || body.isBlank() ? AdminJson.object() : AdminJson.parse(body));
                });
    }

    private URI webSocketUri(String path) {
        String base = server.toString();
        String scheme = base.startsWith("https:")
                ? "wss:" + base.substring("https:".length())
                : "ws:" + base.substring(base.indexOf(':') + 1);
        return URI.create(scheme + path);
    }

    private static String channelPath(String channel, String what) {
        // a path segment: URLEncoder's "+" for a space would be read back as a plus
        return "/api/v1/app/channels/" + encode(channel).replace("+", "%20") + "/" + what;
    }

    private static void param(StringJoiner query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + encode(value.strip()));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
