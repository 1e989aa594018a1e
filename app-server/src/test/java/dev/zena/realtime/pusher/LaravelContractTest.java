package dev.zena.realtime.pusher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.contract.ContractFixture;
import dev.zena.realtime.contract.Twins;
import dev.zena.realtime.contract.Twins.Outcome;
import dev.zena.realtime.testing.Jwts;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC §12's contract: for every token and every Laravel channel name of the default mapping over the contract
 * fixture (three tenants, every project, task, user and tenant id, ids that name nothing, and names stating a
 * tenant that is not the resource's), the status of {@code POST /broadcasting/auth} equals the status of
 * {@code subscribe} on the mapped channel on {@code /ws}, which equals the REST twin's. A name stating the wrong
 * tenant has no twin: it is 401 without a valid token and 404 with one.
 */
@Timeout(300)
class LaravelContractTest {

    private static final Logger LOG = LoggerFactory.getLogger(LaravelContractTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;
    static ContractFixture fixture;

    /** One Laravel name, its mapped channel, and whether it states a tenant other than the resource's. */
    record Name(String laravel, String channel, boolean isContradicting) {}

    record Pair(String token, Name name, int auth, Outcome ws, Outcome rest) {}

    @BeforeAll
    static void start() {
        Map<String, String> settings = new HashMap<>(Twins.GENEROUS_LIMITS);
        settings.putAll(PusherProtocolTest.SETTINGS);
        server = TestServer.start(dir, settings, null);
        fixture = ContractFixture.generate(3).loadInto(server.store());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> authStatusEqualsSubscribeStatusEqualsRestStatus() throws Exception {
        Map<String, String> tokens = tokens();
        List<Name> names = names();
        List<String> channels = names.stream().map(Name::channel).distinct().toList();
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            Map<String, Outcome> ws = subscribe(token.getValue(), channels);
            Map<String, Outcome> rest = new HashMap<>();
            for (Name name : names) {
                Outcome twin = rest.computeIfAbsent(name.channel(), c -> rest(token.getValue(), Twins.restPath(c)));
                int auth = PusherClient.auth(server, token.getValue(), "1234.5678", name.laravel())
                        .statusCode();
                pairs.add(new Pair(token.getKey(), name, auth, ws.get(name.channel()), twin));
            }
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        pairs.forEach(p -> statuses.merge(p.auth(), 1L, Long::sum));
        LOG.info(
                "laravel_contract pairs={} tokens={} names={} statuses={}",
                pairs.size(),
                tokens.size(),
                names.size(),
                statuses);
        DynamicTest coverage = dynamicTest("the sweep covers a thousand pairs and every status", () -> {
            assertThat(pairs).hasSizeGreaterThan(1000);
            assertThat(statuses.keySet()).containsExactly(200, 401, 403, 404);
        });
        return Stream.concat(
                Stream.of(coverage),
                pairs.stream()
                        .map(p -> dynamicTest(
                                "token " + p.token() + " × " + p.name().laravel(), () -> {
                                    if (p.name().isContradicting()) {
                                        assertThat(p.auth()).isEqualTo(p.rest().status() == 401 ? 401 : 404);
                                        return;
                                    }
                                    assertThat(p.auth())
                                            .as("auth vs subscribe %s", p.ws())
                                            .isEqualTo(p.ws().status());
                                    assertThat(p.auth())
                                            .as("auth vs REST %s", p.rest())
                                            .isEqualTo(p.rest().status());
                                })));
    }

    private static Map<String, String> tokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("garbage", "not-a-jwt");
        tokens.put(
                "expired",
                Jwts.hs256(
                        TestServer.SECRET,
                        "ten0-admin",
                        "ten0",
                        b -> b.withIssuedAt(Instant.now().minusSeconds(7200))
                                .withExpiresAt(Instant.now().minusSeconds(3600))));
        tokens.put("disabled", server.token("ten0-gone"));
        fixture.activeUsers().forEach(u -> tokens.put(u.id(), server.token(u.id())));
        return tokens;
    }

    private static List<Name> names() {
        List<Name> names = new ArrayList<>();
        List<String> missing = ContractFixture.MISSING_IDS;
        for (String p : concat(fixture.idsOf(ChannelKind.PROJECT), missing)) {
            names.add(new Name("private-project." + p, "project." + p, false));
            names.add(new Name("presence-project." + p, "project." + p, false));
        }
        for (String t : concat(fixture.idsOf(ChannelKind.TASK), missing)) {
            names.add(new Name("private-task." + t, "task." + t, false));
            names.add(new Name("presence-task." + t, "task." + t, false));
        }
        for (String u : concat(fixture.idsOf(ChannelKind.NOTIFICATIONS), missing)) {
            names.add(new Name("private-user." + u, "notifications." + u, false));
            names.add(new Name("private-App.Models.User." + u, "notifications." + u, false));
        }
        for (var user : fixture.users()) {
            names.add(new Name(
                    "private-tenant." + user.tenantId() + ".user." + user.id() + ".notifications",
                    "notifications." + user.id(),
                    false));
            String other = user.tenantId().equals("ten0") ? "ten1" : "ten0";
            names.add(new Name(
                    "private-tenant." + other + ".user." + user.id() + ".notifications",
                    "notifications." + user.id(),
                    true));
        }
        for (String t : concat(fixture.tenants(), missing)) {
            names.add(new Name("private-tenant." + t, "system." + t, false));
            names.add(new Name("tenant." + t + ".projects", "system." + t, false));
        }
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Map<String, Outcome> subscribe(String token, List<String> channels) {
        try (WsClient client = server.client()) {
            if (token != null) {
                client.request("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}");
            }
            return Twins.subscribe(client, channels);
        }
    }

    private static Outcome rest(String token, String path) {
        HttpResponse<String> response = server.get(path, token);
        if (response.statusCode() == 200) {
            return new Outcome(200, null, null);
        }
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            return new Outcome(
                    response.statusCode(),
                    error.path("code").asText(),
                    error.path("message").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError("GET " + path + " answered non-JSON: " + response.body(), e);
        }
    }
}
