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

    private BenchData() {
    }

    public static String user(int i) {
        return "bench-u" + i;
    }

    public static String task(int k) {
        return "bench-t" + k;
    }

    public static String channel(int k) {
        return "task." + task(k);
    }

    /** The import document for {@code users} users and {@code tasks} tasks. */
    public static String importDocument(int users, int tasks) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putArray("tenants").addObject().put("id", TENANT).put("name", "Bench");
        ArrayNode userList = root.putArray("users");
        for (int i = -1; i < users; i++) {
            String id = i < 0 ? PUBLISHER : user(i);
            userList.addObject().put("id", id).put("tenant_id", TENANT).put("name", id)
                    .put("email", id + "@bench.test").put("role", "member").put("is_active", true);
        }
        root.putArray("projects").addObject().put("id", PROJECT).put("tenant_id", TENANT).put("name", "Bench")
                .putArray("members");
        ArrayNode taskList = root.putArray("tasks");
        for (int k = 1; k <= tasks; k++) {
            taskList.addObject().put("id", task(k)).put("tenant_id", TENANT).put("project_id", PROJECT)
                    .put("title", "t=0").put("status", "open");
        }
        return root.toString();
    }

    /** A token for {@code userId} valid for two hours, signed like the server's {@code token} command. */
    public static String token(Algorithm hs256, String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return JWT.create().withSubject(userId).withClaim("tenant_id", TENANT).withIssuedAt(now)
                .withExpiresAt(now.plus(2, ChronoUnit.HOURS)).sign(hs256);
    }
}
