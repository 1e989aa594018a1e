package dev.zena.realtime.bench.load;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The data every run uses: tenant {@code bench}, users {@code bench-u0..}, a publisher {@code bench-pub}, project
 * {@code bench-p1} and tasks {@code bench-t1..} (one channel {@code task.bench-tK} each), written as an import
 * document (SPEC §8) for the server's {@code import} command, and HS256 tokens for those users.
 */
public final class BenchData {

    public static final String TENANT = "bench";
    public static final String PROJECT = "bench-p1";
    public static final String PUBLISHER = "bench-pub";
    /** A super-admin of tenant {@code bench}, for reading {@code /api/metrics/websocket} (global view). */
    public static final String ADMIN = "bench-admin";
    /** The quiet tenant of the noisy-neighbour scenario: users {@code quiet-u0..}, tasks {@code quiet-t1..}. */
    public static final String QUIET_TENANT = "quiet";

    public static final String QUIET_PROJECT = "quiet-p1";

    private BenchData() {}

    public static String user(int i) {
        return "bench-u" + i;
    }

    public static String task(int k) {
        return "bench-t" + k;
    }

    public static String channel(int k) {
        return "task." + task(k);
    }

    public static String quietUser(int i) {
        return "quiet-u" + i;
    }

    public static String quietTask(int k) {
        return "quiet-t" + k;
    }

    public static String quietChannel(int k) {
        return "task." + quietTask(k);
    }

    /** The import document for {@code users} users and {@code tasks} tasks. */
    public static String importDocument(int users, int tasks) {
        return importDocument(users, tasks, 0, 0);
    }

    /**
     * The import document for {@code users} users and {@code tasks} tasks of tenant {@code bench} (plus its
     * publisher and admin) and, when {@code quietUsers > 0}, a second tenant {@code quiet} with its own users and
     * tasks.
     */
    public static String importDocument(int users, int tasks, int quietUsers, int quietTasks) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode tenants = root.putArray("tenants");
        tenants.addObject().put("id", TENANT).put("name", "Bench");
        ArrayNode userList = root.putArray("users");
        for (int i = -2; i < users; i++) {
            String id = i == -2 ? ADMIN : i < 0 ? PUBLISHER : user(i);
            userList.addObject()
                    .put("id", id)
                    .put("tenant_id", TENANT)
                    .put("name", id)
                    .put("email", id + "@bench.test")
                    .put("role", i == -2 ? "super_admin" : "member")
                    .put("is_active", true);
        }
        ArrayNode projects = root.putArray("projects");
        projects.addObject()
                .put("id", PROJECT)
                .put("tenant_id", TENANT)
                .put("name", "Bench")
                .putArray("members");
        ArrayNode taskList = root.putArray("tasks");
        for (int k = 1; k <= tasks; k++) {
            taskList.addObject()
                    .put("id", task(k))
                    .put("tenant_id", TENANT)
                    .put("project_id", PROJECT)
                    .put("title", "t=0")
                    .put("status", "open");
        }
        if (quietUsers > 0) {
            tenants.addObject().put("id", QUIET_TENANT).put("name", "Quiet");
            for (int i = 0; i < quietUsers; i++) {
                userList.addObject()
                        .put("id", quietUser(i))
                        .put("tenant_id", QUIET_TENANT)
                        .put("name", quietUser(i))
                        .put("email", quietUser(i) + "@quiet.test")
                        .put("role", "member")
                        .put("is_active", true);
            }
            projects.addObject()
                    .put("id", QUIET_PROJECT)
                    .put("tenant_id", QUIET_TENANT)
                    .put("name", "Quiet")
                    .putArray("members");
            for (int k = 1; k <= Math.max(1, quietTasks); k++) {
                taskList.addObject()
                        .put("id", quietTask(k))
                        .put("tenant_id", QUIET_TENANT)
                        .put("project_id", QUIET_PROJECT)
                        .put("title", "t=0")
                        .put("status", "open");
            }
        }
        return root.toString();
    }

    /** A token for {@code userId} valid for two hours, signed like the server's {@code token} command. */
    public static String token(Algorithm hs256, String userId) {
        return token(hs256, userId, TENANT);
    }

    /** A token for {@code userId} of {@code tenant}, valid for two hours. */
    public static String token(Algorithm hs256, String userId, String tenant) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create()
                .withSubject(userId)
                .withClaim("tenant_id", tenant)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(2, ChronoUnit.HOURS))
                .sign(hs256);
    }
}
