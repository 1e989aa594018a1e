package dev.zena.realtime.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.cli.ZenaCommand;
import dev.zena.realtime.contract.ContractFixture;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --user ID --channel NAME [--json]} (SPEC §7): the decision and its ordered checks as text or JSON,
 * exit 0 when granted and 1 when denied, read from the store {@code WEBSOCKET_DB} names.
 */
@Timeout(60)
class CheckCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Map<String, String> env;

    /** What one run printed and returned. */
    record Run(int exitCode, String out) {}

    @BeforeAll
    static void store() {
        String db = dir.resolve("zena.db").toString();
        try (Store store = Stores.open(db)) {
            ContractFixture.generate(3).loadInto(store);
        }
        env = Map.of("WEBSOCKET_DB", db);
    }

    @Test
    void grantedExitsZeroAndListsEveryCheckInOrder() {
        Run run = check("--user", "ten0-client", "--channel", "task.ten0-t3");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("GRANTED").contains("200");
        assertThat(checkLines(run.out())).hasSize(5).allMatch(line -> line.contains("[pass]"));
        assertInOrder(run.out(), "authentication", "exists", "tenant", "permission", "membership");
    }

    @Test
    void deniedExitsOneAndShowsTheFailedCheckLast() {
        Run run = check("--user", "ten0-super", "--channel", "project.ten1-p1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("DENIED").contains("403").contains("FORBIDDEN");
        List<String> lines = checkLines(run.out());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2))
                .contains("[FAIL]")
                .contains("tenant")
                .contains("ten1")
                .contains("ten0");
        assertInOrder(run.out(), "authentication", "exists", "tenant");
    }

    @Test
    void aLaravelChannelNameIsDecidedOnTheChannelItMapsTo() {
        Run granted = check("--user", "ten0-client", "--channel", "private-task.ten0-t3");
        assertThat(granted.exitCode()).isZero();
        assertThat(granted.out()).contains("GRANTED").contains("private-task.ten0-t3 maps to task.ten0-t3");
        assertInOrder(granted.out(), "laravel", "authentication", "exists", "tenant", "permission", "membership");

        Run otherTenant = check("--user", "ten0-pm", "--channel", "private-tenant.ten1.user.ten0-pm.notifications");
        assertThat(otherTenant.exitCode()).isEqualTo(1);
        assertThat(otherTenant.out()).contains("DENIED 404").contains("[FAIL] laravel_tenant");

        Run unmapped = check("--user", "ten0-pm", "--channel", "private-invoice.7");
        assertThat(unmapped.exitCode()).isEqualTo(1);
        assertThat(unmapped.out()).contains("DENIED 400");
    }

    @Test
    void jsonCarriesStatusCodeAndChecks() throws Exception {
        Run run = check("--user", "ten0-pm", "--channel", "system.ten0", "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = jsonOf(run);
        assertThat(json.path("status").asInt()).isEqualTo(403);
        assertThat(json.path("code").asText()).isEqualTo("FORBIDDEN");
        List<String> names = new ArrayList<>();
        json.path("checks").forEach(c -> {
            names.add(c.path("check").asText());
            assertThat(c.path("passed").isBoolean()).isTrue();
            assertThat(c.path("detail").asText()).isNotBlank();
        });
        assertThat(names).containsExactly("authentication", "exists", "tenant", "permission");
        assertThat(json.path("checks").get(3).path("passed").asBoolean()).isFalse();
        assertThat(json.path("checks").get(3).path("detail").asText()).contains("tenants.view");

        JsonNode granted = jsonOf(check("--user", "ten0-admin", "--channel", "system.ten0", "--json"));
        assertThat(granted.path("status").asInt()).isEqualTo(200);
        assertThat(granted.path("code").isNull()).isTrue();
    }

    @Test
    void unknownUserMissingResourceAndUnknownPatternAreDenied() throws Exception {
        Run nobody = check("--user", "nobody", "--channel", "task.ten0-t1", "--json");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(jsonOf(nobody).path("status").asInt()).isEqualTo(401);
        Run missing = check("--user", "ten0-admin", "--channel", "task.missing", "--json");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(jsonOf(missing).path("status").asInt()).isEqualTo(404);
        Run pattern = check("--user", "ten0-admin", "--channel", "weather.ten0", "--json");
        assertThat(pattern.exitCode()).isEqualTo(1);
        assertThat(jsonOf(pattern).path("status").asInt()).isEqualTo(400);
    }

    private static Run check(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "check";
        System.arraycopy(args, 0, argv, 1, args.length);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = ZenaCommand.commandLine(env).execute(argv);
            return new Run(code, captured.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setOut(original);
        }
    }

    /**
     * The JSON line of a {@code --json} run. Log lines (store_open, store_close) also reach stdout under the
     * default logging configuration, so the JSON is found as its own line rather than as the whole output.
     */
    private static JsonNode jsonOf(Run run) throws java.io.IOException {
        List<String> json = run.out().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(json).as("one JSON line in%n%s", run.out()).hasSize(1);
        return JSON.readTree(json.get(0));
    }

    private static List<String> checkLines(String out) {
        return out.lines()
                .filter(l -> l.contains("[pass]") || l.contains("[FAIL]"))
                .toList();
    }

    /** The check names of the text output, in the order printed ({@code [pass] tenant   detail…}). */
    private static void assertInOrder(String out, String... checks) {
        List<String> names = checkLines(out).stream()
                .map(line -> line.substring(line.indexOf(']') + 1).strip().split("\\s+")[0])
                .toList();
        assertThat(names).as(out).containsExactly(checks);
    }
}
