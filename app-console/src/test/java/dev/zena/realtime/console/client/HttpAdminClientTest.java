package dev.zena.realtime.console.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a stand-in server speaking the shapes of docs/admin-api.md (a real HTTP and WS server). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpAdminClientTest {

    private static final String TOKEN = "good-token";
    private static final String PATTERNS = """
            {"data":[{"kind":"project","pattern":"proj-{project_id}.live","placeholder":"project_id"},
            {"kind":"dashboard","pattern":"home.{user_id}","placeholder":"user_id"},
            {"kind":"hologram","pattern":"holo.{thing_id}","placeholder":"thing_id"},
            {"kind":"task","pattern":"tasks-without-placeholder","placeholder":"task_id"}]}""";
    private final List<String> seenAuth = new CopyOnWriteArrayList<>();
    private final AtomicInteger patternsAsked = new AtomicInteger();
    private final List<String> channelRequests = new CopyOnWriteArrayList<>();
    private String patternsBody;
    private Javalin server;
    private HttpAdminClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void readsTheDocumentedShapes() {
        start(0);
        List<ConnectionInfo> list =
                client.connections(new ConnectionFilter("acme", null, null)).join();
        assertThat(list).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("01JD");
            assertThat(c.userId()).isEqualTo("acme-admin");
            assertThat(c.channels()).containsExactly("project.acme-tower");
            assertThat(c.messagesOut()).isEqualTo(5);
            assertThat(c.protocol()).isEqualTo("pusher");
            assertThat(c.connectedAt()).hasToString("2026-11-25T10:30:00.123Z");
        });
        MetricsTotals metrics = client.metrics().join();
        assertThat(metrics.connections()).isEqualTo(150);
        assertThat(metrics.connectionsPerTenant()).containsEntry("tenant_2", 100L);
        assertThat(metrics.messages().perSecond()).isEqualTo(25.5);
        TrafficHistory traffic = client.traffic(3, null).join();
        assertThat(traffic.tenants().get(0).sample(1)).isEqualTo(new TrafficSample(3, 5, 0, 0, 2));
        PermissionVerdict verdict =
                client.checkPermission("acme-client", "project.acme-tower").join();
        assertThat(verdict.isGranted()).isFalse();
        assertThat(verdict.code()).isEqualTo("FORBIDDEN");
        assertThat(verdict.checks())
                .extracting(PermissionVerdict.Step::hasPassed)
                .containsExactly(true, false);
        assertThat(client.roles().join().roles().get("client")).containsExactly("dashboard.view");
        assertThat(client.saveRole("client", Set.of("dashboard.view")).join()).containsExactly("dashboard.view");
        assertThat(client.sendEvent(TestEvent.toChannel("project.acme-tower", "test.ping", AdminJson.parse("{}")))
                        .join())
                .isEqualTo(3);
        assertThat(client.issueToken("acme-member", 300).join().toString()).doesNotContain("eyJ");
        assertThat(seenAuth).allMatch(("Bearer " + TOKEN)::equals);
        assertThat(client.linkState().status()).isEqualTo(LinkStatus.CONNECTED);
    }

    @Test
    void readsTheClusterShapes() {
        start(0);
        ConnectionList list = client.connectionList(ConnectionFilter.NONE).join();
        assertThat(list.connections())
                .singleElement()
                .satisfies(c -> assertThat(c.node()).isEqualTo("node-a"));
        assertThat(list.isPartial()).isTrue();
        assertThat(list.nodesMissing()).containsExactly("node-b");
        ClusterNodes cluster = client.nodes().join();
        assertThat(cluster.nodes()).extracting(NodeInfo::id).containsExactly("node-a", "node-b");
        assertThat(cluster.nodes().get(0).connections()).isEqualTo(120L);
        assertThat(cluster.nodes().get(0).isSelf()).isTrue();
        assertThat(cluster.nodes().get(1).connections())
                .as("a silent node's count the caller may not see")
                .isNull();
        assertThat(cluster.nodes().get(1).lastSeen()).hasToString("2026-11-25T10:29:58Z");
        assertThat(cluster.nodesMissing()).containsExactly("node-b");
    }

    @Test
    void anErrorBodyBecomesAnAdminApiException() {
        start(0);
        assertThatThrownBy(() -> client.disconnect("missing").join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("NOT_FOUND");
                });
    }

    @Test
    void aRefusedTokenAndAnUnreachableServerAreTheLinkStatus() {
        start(0);
        HttpAdminClient wrong = new HttpAdminClient(URI.create("http://127.0.0.1:" + server.port()), () -> "bad");
        assertThatThrownBy(() -> wrong.metrics().join()).hasCauseInstanceOf(AdminApiException.class);
        assertThat(wrong.linkState().status()).isEqualTo(LinkStatus.TOKEN_REFUSED);
        wrong.close();

        int port = server.port();
        server.stop();
        assertThatThrownBy(() -> client.metrics().join()).hasCauseInstanceOf(ServerUnreachableException.class);
        assertThat(client.linkState().status()).isEqualTo(LinkStatus.UNREACHABLE);
        assertThat(port).isPositive();
    }

    @Test
    void theFeedDeliversEventsAndReconnectsAfterTheServerComesBack() {
        start(0);
        int port = server.port();
        List<FeedEvent> events = new CopyOnWriteArrayList<>();
        client.onFeed(events::add);
        client.startFeed();
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> events.stream().anyMatch(e -> e instanceof FeedEvent.TrafficTick));
        assertThat(events.get(0)).isEqualTo(new FeedEvent.Hello("*"));
        assertThat(client.linkState().status()).isEqualTo(LinkStatus.CONNECTED);

        server.stop();
        await().atMost(10, TimeUnit.SECONDS).until(() -> client.linkState().status() == LinkStatus.UNREACHABLE);
        events.clear();

        start(port);
        await().atMost(15, TimeUnit.SECONDS).until(() -> events.contains(new FeedEvent.Hello("*")));
        assertThat(client.linkState().status()).isEqualTo(LinkStatus.CONNECTED);
    }

    @Test
    void aFeedHandshakeWithARefusedTokenSaysSo() {
        start(0);
        HttpAdminClient wrong = new HttpAdminClient(URI.create("http://127.0.0.1:" + server.port()), () -> "bad");
        wrong.startFeed();
        await().atMost(10, TimeUnit.SECONDS).until(() -> wrong.linkState().status() == LinkStatus.TOKEN_REFUSED);
        wrong.close();
    }

    @Test
    void refusesToSendTheTokenOverPlainHttpToAnotherHostBeforeAnyConnection() {
        // 192.0.2.1 is TEST-NET-1: nothing answers there, so only a refusal can end this quickly
        AtomicInteger tokenReads = new AtomicInteger();
        assertThatThrownBy(() -> new HttpAdminClient(URI.create("http://192.0.2.1:9/"), () -> {
                    tokenReads.incrementAndGet();
                    return TOKEN;
                }))
                .hasMessageContaining("unencrypted")
                .hasMessageContaining("192.0.2.1");
        assertThat(tokenReads).hasValue(0);
    }

    @Test
    void withTheUsersConsentThePlainHttpClientExistsAndAsksForNothingYet() {
        AtomicInteger tokenReads = new AtomicInteger();
        HttpAdminClient consented = new HttpAdminClient(
                URI.create("http://192.0.2.1:9/"),
                () -> {
                    tokenReads.incrementAndGet();
                    return TOKEN;
                },
                true);
        assertThat(consented.server()).isEqualTo(URI.create("http://192.0.2.1:9"));
        assertThat(tokenReads).hasValue(0);
        consented.close();
        assertThatThrownBy(() -> new HttpAdminClient(URI.create("http://192.0.2.1:9/"), () -> TOKEN, false))
                .isInstanceOf(InsecureTransportException.class);
    }

    @Test
    void theAddressNeverKeepsUserInfo() {
        start(0);
        HttpAdminClient withUserInfo =
                new HttpAdminClient(URI.create("http://admin:hunter2@127.0.0.1:" + server.port() + "/"), () -> TOKEN);
        assertThat(withUserInfo.server()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
        assertThat(withUserInfo.metrics().join().connections()).isEqualTo(150);
        withUserInfo.close();
    }

    @Test
    void theChannelPatternsAreAskedOnceAndNameChannels() {
        patternsBody = PATTERNS;
        start(0);
        ChannelPatterns patterns = client.channelPatterns().join();
        assertThat(patterns.nameOf(ChannelKind.PROJECT, "acme-tower")).isEqualTo("proj-acme-tower.live");
        assertThat(patterns.nameOf(ChannelKind.DASHBOARD, "acme-pm")).isEqualTo("home.acme-pm");
        assertThat(patterns.nameOf(ChannelKind.TASK, "acme-t1"))
                .as("a pattern without its placeholder is skipped")
                .isEqualTo("task.acme-t1");
        assertThat(patterns.nameOf(ChannelKind.METRICS, "acme"))
                .as("a kind left out keeps its default")
                .isEqualTo("metrics.acme");
        assertThat(client.channelPatterns().join()).isSameAs(patterns);
        assertThat(patternsAsked).hasValue(1);
    }

    @Test
    void anOlderServerWithoutTheEndpointMeansTheDefaultsAskedForOnce() {
        start(0);
        assertThat(client.channelPatterns().join()).isEqualTo(ChannelPatterns.DEFAULTS);
        assertThat(client.channelPatterns().join()).isEqualTo(ChannelPatterns.DEFAULTS);
        assertThat(patternsAsked).hasValue(1);
        assertThat(client.linkState().status()).isEqualTo(LinkStatus.CONNECTED);
    }

    @Test
    void patternsAnUnreachableServerCouldNotGiveAreAskedForAgain() {
        patternsBody = PATTERNS;
        start(0);
        int port = server.port();
        server.stop();
        assertThatThrownBy(() -> client.channelPatterns().join()).hasCauseInstanceOf(ServerUnreachableException.class);

        start(port);
        assertThat(client.channelPatterns().join().nameOf(ChannelKind.PROJECT, "x"))
                .isEqualTo("proj-x.live");
        assertThat(patternsAsked).hasValue(1);
    }

    @Test
    void readsAChannelsHistoryAndPresenceThroughTheRestTwins() {
        start(0);
        ChannelHistory latest = client.history("project.acme tower", null, 1).join();
        assertThat(latest.position()).isEqualTo(new ChannelPosition(58, "k3Jx"));
        assertThat(latest.events()).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("task.updated");
            assertThat(e.position()).isEqualTo(new ChannelPosition(58, "k3Jx"));
            assertThat(e.isTest()).isTrue();
            assertThat(e.data().path("id").asText()).isEqualTo("acme-t1");
        });
        assertThat(channelRequests).containsExactly("/api/v1/app/channels/project.acme%20tower/history?limit=1");

        ChannelHistory since = client.history("project.acme-tower", new ChannelPosition(41, "k3/Jx"), 50)
                .join();
        assertThat(since.isRecovered()).isFalse();
        assertThat(since.reason()).isEqualTo("epoch_changed");
        assertThat(since.events()).isEmpty();
        assertThat(channelRequests)
                .last()
                .isEqualTo("/api/v1/app/channels/project.acme-tower/history?limit=50&since=41&epoch=k3%2FJx");

        ChannelPresence presence = client.presence("project.acme-tower").join();
        assertThat(presence.count()).isEqualTo(3);
        assertThat(presence.isTruncated()).isTrue();
        assertThat(presence.users())
                .containsExactly(
                        new ChannelPresence.Member("acme-pm", "Paul Park", 2),
                        new ChannelPresence.Member("acme-member", "Mia Moreau", 1));
        assertThat(seenAuth).allMatch(("Bearer " + TOKEN)::equals);
    }

    @Test
    void aChannelTheTokenMayNotReadIsTheSubscribeDenialAndTheLinkStaysUp() {
        start(0);
        assertThatThrownBy(() -> client.presence("project.globex-plant").join())
                .cause()
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("FORBIDDEN");
                });
        assertThat(client.linkState().status()).isEqualTo(LinkStatus.CONNECTED);
    }

    private void start(int port) {
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before(this::authorize);
            cfg.routes.before("/api/v1/admin/channels", ctx -> patternsAsked.incrementAndGet());
            if (patternsBody != null) {
                cfg.routes.get(
                        "/api/v1/admin/channels",
                        ctx -> ctx.contentType("application/json").result(patternsBody));
            }
            cfg.routes.get(
                    "/api/v1/admin/connections",
                    ctx -> ctx.contentType("application/json").result("""
                    {"data":[{"id":"01JD","user_id":"acme-admin","tenant_id":"acme","remote_address":"127.0.0.1",
                    "protocol":"pusher","connected_at":"2026-11-25T10:30:00.123Z","channels":["project.acme-tower"],"messages_in":3,
                    "messages_out":5,"bytes_in":120,"bytes_out":800,"last_activity":"2026-11-25T10:31:00.000Z",
                    "authenticated":true,"node":"node-a"}],"partial":true,"nodes_missing":["node-b"]}"""));
            cfg.routes.get(
                    "/api/v1/admin/nodes",
                    ctx -> ctx.contentType("application/json").result("""
                    {"data":[{"id":"node-a","address":"0.0.0.0:8080","started_at":"2026-11-25T10:00:00.000Z",
                    "connections":120,"last_seen":"2026-11-25T10:30:00.000Z","self":true},
                    {"id":"node-b","address":"0.0.0.0:8081","started_at":"2026-11-25T10:00:00.000Z",
                    "connections":null,"last_seen":"2026-11-25T10:29:58.000Z","self":false}],
                    "partial":true,"nodes_missing":["node-b"]}"""));
            cfg.routes.delete(
                    "/api/v1/admin/connections/{id}",
                    ctx -> ctx.status(404)
                            .result(
                                    "{\"error\":{\"code\":\"NOT_FOUND\",\"status\":404,\"message\":\"No such connection\"}}"));
            cfg.routes.get("/api/metrics/websocket", ctx -> ctx.result("""
                    {"connections":{"total":150,"per_tenant":{"tenant_1":50,"tenant_2":100}},
                    "messages":{"per_second":25.5,"total_today":125000},"errors":{"per_second":0.1,"total_today":500},
                    "dropped":{"per_second":0,"total_today":0},"timestamp":"2026-11-25T10:30:00.000Z"}"""));
            cfg.routes.get("/api/v1/admin/traffic", ctx -> ctx.result("""
                    {"start":"2026-11-25T10:25:00.000Z","interval_seconds":1,"seconds":3,
                    "tenants":[{"tenant_id":"acme","messages_in":[0,3,1],"messages_out":[0,5,1],"errors":[0,0,0],
                    "dropped":[0,0,0],"connections":[1,2,2]}],"timestamp":"2026-11-25T10:25:03.000Z"}"""));
            cfg.routes.post("/api/v1/admin/permissions/check", ctx -> ctx.result("""
                    {"user_id":"acme-client","channel":"project.acme-tower","status":403,"code":"FORBIDDEN",
                    "granted":false,"checks":[{"check":"authentication","passed":true,"detail":"ok"},
                    {"check":"membership","passed":false,"detail":"not a member"}]}"""));
            cfg.routes.get("/api/v1/admin/roles", ctx -> ctx.result("""
                    {"data":{"client":["dashboard.view"]},"permissions":["dashboard.view","admin.global"]}"""));
            cfg.routes.put(
                    "/api/v1/admin/roles/{role}",
                    ctx -> ctx.result("{\"role\":\"client\",\"permissions\":[\"dashboard.view\"]}"));
            cfg.routes.get("/api/v1/app/channels/{channel}/history", ctx -> {
                channelRequests.add(ctx.path() + "?" + ctx.queryString());
                ctx.result(ctx.queryParam("since") == null ? """
                        {"data":[{"type":"event","channel":"project.acme tower","event":"task.updated",
                        "data":{"id":"acme-t1"},"offset":58,"epoch":"k3Jx","test":true,
                        "timestamp":"2026-11-25T10:30:00.000Z"}],"offset":58,"epoch":"k3Jx","recovered":true,
                        "reason":null}""" : """
                        {"data":[],"offset":58,"epoch":"k3Jx","recovered":false,"reason":"epoch_changed"}""");
            });
            cfg.routes.get("/api/v1/app/channels/{channel}/presence", ctx -> {
                if (ctx.pathParam("channel").startsWith("project.globex")) {
                    ctx.status(403)
                            .result("{\"error\":{\"code\":\"FORBIDDEN\",\"status\":403,"
                                    + "\"message\":\"No permission for this channel (tenant or role)\"}}");
                    return;
                }
                ctx.result("""
                        {"channel":"project.acme-tower","count":3,"users":[
                        {"user_id":"acme-pm","user_name":"Paul Park","connections":2},
                        {"user_id":"acme-member","user_name":"Mia Moreau","connections":1}],"truncated":true}""");
            });
            cfg.routes.post("/api/v1/admin/events", ctx -> ctx.result("{\"delivered\":3}"));
            cfg.routes.post("/api/v1/admin/tokens", ctx -> ctx.status(201).result("""
                    {"token":"eyJsecret","user_id":"acme-member","tenant_id":"acme","expires_at":"2026-11-25T10:35:00.000Z"}"""));
            cfg.routes.wsBeforeUpgrade("/api/v1/admin/feed", this::authorize);
            cfg.routes.ws(
                    "/api/v1/admin/feed",
                    ws -> ws.onConnect(ctx -> {
                        ctx.send("{\"type\":\"hello\",\"scope\":\"*\",\"timestamp\":\"2026-11-25T10:30:00.000Z\"}");
                        ctx.send("{\"type\":\"traffic\",\"second\":\"2026-11-25T10:30:00.000Z\",\"tenants\":{\"acme\":"
                                + "{\"messages_in\":3,\"messages_out\":5,\"errors\":0,\"dropped\":0,\"connections\":2}},"
                                + "\"timestamp\":\"2026-11-25T10:30:01.000Z\"}");
                    }));
        });
        server.start("127.0.0.1", port);
        if (client == null) {
            client = new HttpAdminClient(URI.create("http://127.0.0.1:" + server.port() + "/"), () -> TOKEN);
        }
    }

    private void authorize(Context ctx) {
        String auth = ctx.header("Authorization");
        seenAuth.add(String.valueOf(auth));
        if (!("Bearer " + TOKEN).equals(auth)) {
            seenAuth.remove(seenAuth.size() - 1);
            throw new io.javalin.http.UnauthorizedResponse("no");
        }
    }
}
