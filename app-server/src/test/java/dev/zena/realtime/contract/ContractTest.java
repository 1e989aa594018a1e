package dev.zena.realtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.contract.ContractFixture.FixtureUser;
import dev.zena.realtime.contract.Twins.Outcome;
import dev.zena.realtime.store.RevokedToken;
import dev.zena.realtime.testing.Jwts;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC §4.2, the permission contract: for every token (none, invalid, or any user's) and every channel, the status
 * of {@code subscribe} equals the HTTP status of GET on the channel's REST twin with the same token. Channels are
 * all seven kinds crossed with every id of every kind of every tenant, plus ids that name nothing. A hand-written
 * table pins the expected statuses of representative pairs, so both sides cannot pass by being equally wrong.
 */
@Timeout(120)
class ContractTest {

    private static final Logger LOG = LoggerFactory.getLogger(ContractTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;
    static ContractFixture fixture;

    /** One token of the sweep: what it is, and the text sent (null = no token at all). */
    record TokenCase(String label, String token, boolean isValid) {}

    /** One token × channel: what subscribe answered, and the REST twin, history twin and presence twin (SPEC §9, §10). */
    record Pair(String token, String channel, Outcome ws, Outcome rest, Outcome history, Outcome presence) {
        String name() {
            return "token " + token + " × " + channel;
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Twins.GENEROUS_LIMITS, null);
        fixture = ContractFixture.generate(3).loadInto(server.store());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> subscribeStatusEqualsRestStatusForEveryTokenAndChannel() throws Exception {
        List<TokenCase> tokens = tokens();
        List<String> channels = channels();
        long started = System.nanoTime();
        List<Pair> pairs = sweep(tokens, channels);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info(
                "contract_sweep pairs={} tokens={} channels={} millis={} statuses={}",
                pairs.size(),
                tokens.size(),
                channels.size(),
                millis,
                histogram(pairs));
        DynamicTest coverage = dynamicTest("the sweep covers thousands of pairs and every status", () -> {
            assertThat(pairs).hasSize(tokens.size() * channels.size()).hasSizeGreaterThan(2000);
            assertThat(histogram(pairs).keySet()).containsExactly(200, 401, 403, 404);
        });
        DynamicTest messages = dynamicTest(
                "every 403, on either side, names tenant and permission",
                () -> assertThat(pairs.stream()
                                .flatMap(p -> Stream.of(p.ws(), p.rest(), p.history(), p.presence()))
                                .filter(o -> o.status() == 403))
                        .isNotEmpty()
                        .allSatisfy(o -> assertThat(o.message())
                                .containsIgnoringCase("tenant")
                                .containsIgnoringCase("permission")));
        return Stream.concat(
                Stream.of(coverage, messages),
                pairs.stream()
                        .map(pair -> dynamicTest(pair.name(), () -> {
                            assertThat(comparable(pair.rest()))
                                    .as(
                                            "%s: subscribe answered %s but GET %s answered %s",
                                            pair.name(), pair.ws(), Twins.restPath(pair.channel()), pair.rest())
                                    .isEqualTo(comparable(pair.ws()));
                            assertThat(comparable(pair.history()))
                                    .as(
                                            "%s: subscribe answered %s but its history twin %s",
                                            pair.name(), pair.ws(), pair.history())
                                    .isEqualTo(comparable(pair.ws()));
                            assertThat(comparable(pair.presence()))
                                    .as(
                                            "%s: subscribe answered %s but its presence twin %s",
                                            pair.name(), pair.ws(), pair.presence())
                                    .isEqualTo(comparable(pair.ws()));
                        })));
    }

    /** Status, plus the code where both sides must agree on it (a 401's code depends on how the token came). */
    private static String comparable(Outcome outcome) {
        return outcome.status() == 401 || outcome.status() == 200
                ? String.valueOf(outcome.status())
                : outcome.status() + " " + outcome.code();
    }

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @CsvSource({
        "ten0-client,  project.ten0-p2,        403", // client, not a member of the project
        "ten0-client,  project.ten0-p1,        200", // client, member
        "ten0-client,  task.ten0-t1,           200", // client, member of the task's project
        "ten0-client,  task.ten0-t3,           200", // client, assignee of a task of another project
        "ten0-client,  task.ten0-t4,           403", // client, neither member nor assignee
        "ten0-client2, project.ten0-p1,        403",
        "ten0-client2, dashboard.ten0-client2, 200",
        "ten0-client,  metrics.ten0,           403", // clients lack analytics.view
        "ten0-member,  metrics.ten0,           200",
        "ten0-member,  project.ten1-p1,        403", // another tenant's project
        "ten0-member,  task.ten1-t1,           403", // another tenant's task
        "ten0-member,  task.missing,           404",
        "ten0-member,  project.missing,        404",
        "ten0-member,  dashboard.ten0-pm,      403", // another user of the same tenant
        "ten0-member,  notifications.ten0-member, 200",
        "ten0-admin,   system.ten0,            200",
        "ten0-admin,   system.ten1,            403",
        "ten0-admin,   alerts.ten0-gone,       403",
        "ten0-admin,   dashboard.missing,      404",
        "ten0-admin,   task.ten0-p1,           404", // a project's id on a task channel names no task
        "ten0-pm,      system.ten0,            403", // project managers lack tenants.view
        "ten0-pm,      project.ten0-p2,        200", // membership binds clients only
        "ten0-super,   project.ten1-p1,        403", // isolation holds for super_admin too
        "ten0-super,   system.ten1,            403",
        "ten0-super,   alerts.ten1-super,      403",
        "ten1-super,   system.ten1,            200",
        "none,         task.ten0-t1,           401",
        "garbage,      dashboard.ten0-member,  401",
        "expired,      dashboard.ten0-admin,   401",
        "revoked,      dashboard.ten1-admin,   401",
        "disabled,     dashboard.ten0-gone,    401",
        "wrong-tenant, project.ten1-p1,        401", // tenant_id claim of another tenant: the token is invalid
    })
    void representativePairsHaveTheExpectedStatusOnBothSides(String who, String channel, int expected) {
        TokenCase token =
                tokens().stream().filter(t -> t.label().equals(who)).findFirst().orElseThrow();
        Outcome ws = webSocket(token, List.of(channel)).get(channel);
        Outcome rest = rest(token, Twins.restPath(channel));
        assertThat(ws.status()).as("subscribe %s as %s: %s", channel, who, ws).isEqualTo(expected);
        assertThat(rest.status())
                .as("GET %s as %s: %s", Twins.restPath(channel), who, rest)
                .isEqualTo(expected);
        if (expected == 403) {
            assertThat(List.of(ws.message(), rest.message()))
                    .allSatisfy(
                            m -> assertThat(m).containsIgnoringCase("tenant").containsIgnoringCase("permission"));
        }
    }

    private static List<TokenCase> tokens() {
        List<TokenCase> tokens = new ArrayList<>();
        tokens.add(new TokenCase("none", null, false));
        tokens.add(new TokenCase("garbage", "not-a-jwt", false));
        tokens.add(new TokenCase(
                "alg-none",
                Jwts.none("{\"sub\":\"ten0-admin\",\"tenant_id\":\"ten0\",\"exp\":"
                        + (Instant.now().getEpochSecond() + 3600) + "}"),
                false));
        tokens.add(new TokenCase(
                "expired",
                Jwts.hs256(
                        TestServer.SECRET,
                        "ten0-admin",
                        "ten0",
                        b -> b.withIssuedAt(Instant.now().minusSeconds(7200))
                                .withExpiresAt(Instant.now().minusSeconds(3600))),
                false));
        tokens.add(new TokenCase("wrong-tenant", Jwts.hs256(TestServer.SECRET, "ten0-admin", "ten1", b -> b), false));
        tokens.add(new TokenCase("revoked", revokedToken("ten1-admin"), false));
        tokens.add(new TokenCase("disabled", server.token("ten0-gone"), false));
        for (FixtureUser user : fixture.activeUsers()) {
            tokens.add(new TokenCase(user.id(), server.token(user.id()), true));
        }
        return tokens;
    }

    /** A valid token of the user whose jti is then revoked in the store (the same token each call). */
    private static synchronized String revokedToken(String userId) {
        if (revoked == null) {
            revoked = server.token(userId);
            DecodedJWT decoded = JWT.decode(revoked);
            server.store().revoke(new RevokedToken(decoded.getId(), decoded.getExpiresAtAsInstant()));
        }
        return revoked;
    }

    private static String revoked;

    private static List<String> channels() {
        List<String> channels = new ArrayList<>();
        for (ChannelKind kind : ChannelKind.values()) {
            fixture.allIds().forEach(id -> channels.add(Twins.channel(kind, id)));
        }
        return channels;
    }

    private static List<Pair> sweep(List<TokenCase> tokens, List<String> channels) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Pair>>> futures = new ArrayList<>();
            for (TokenCase token : tokens) {
                futures.add(pool.submit(() -> sweepOne(token, channels)));
            }
            List<Pair> pairs = new ArrayList<>();
            for (Future<List<Pair>> future : futures) {
                pairs.addAll(future.get());
            }
            return pairs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Pair> sweepOne(TokenCase token, List<String> channels) {
        Map<String, Outcome> ws = webSocket(token, channels);
        List<Pair> pairs = new ArrayList<>();
        for (String channel : channels) {
            pairs.add(new Pair(
                    token.label(),
                    channel,
                    ws.get(channel),
                    rest(token, Twins.restPath(channel)),
                    rest(token, "/api/v1/app/channels/" + channel + "/history"),
                    rest(token, "/api/v1/app/channels/" + channel + "/presence")));
        }
        return pairs;
    }

    /** The outcomes of subscribing with one connection that authenticated (or tried to) with the token. */
    private static Map<String, Outcome> webSocket(TokenCase token, List<String> channels) {
        try (WsClient client = server.client()) {
            if (token.token() != null) {
                JsonNode reply = client.request("{\"type\":\"authenticate\",\"token\":\"" + token.token() + "\"}");
                String expected = token.isValid() ? "authentication" : "error";
                if (!expected.equals(reply.path("type").asText())) {
                    throw new AssertionError("authenticate with token " + token.label() + " answered " + reply);
                }
            }
            return Twins.subscribe(client, channels);
        }
    }

    private static Outcome rest(TokenCase token, String path) {
        HttpResponse<String> response = server.get(path, token.token());
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() == 200) {
                if (!body.path("data").isObject() && !body.path("data").isArray() && !body.has("count")) {
                    throw new AssertionError("GET " + path + " answered 200 without data: " + body);
                }
                return Outcome.GRANTED;
            }
            JsonNode error = body.path("error");
            if (error.path("status").asInt() != response.statusCode()) {
                throw new AssertionError("error body status differs from HTTP status: " + response.body());
            }
            return new Outcome(
                    response.statusCode(),
                    error.path("code").asText(),
                    error.path("message").asText());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " answered non-JSON: " + response.body(), e);
        }
    }

    private static Map<Integer, Long> histogram(List<Pair> pairs) {
        Map<Integer, Long> counts = new TreeMap<>();
        pairs.forEach(p -> counts.merge(p.ws().status(), 1L, Long::sum));
        return counts;
    }
}
