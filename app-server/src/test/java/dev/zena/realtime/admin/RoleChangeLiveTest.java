package dev.zena.realtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §4.2 through the admin API: a role PUT ends live subscriptions that lose access, within a second. */
@Timeout(30)
class RoleChangeLiveTest {

    @Test
    void removingAPermissionUnsubscribesALiveSubscriber(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir);
                WsClient member = server.clientAs("acme-member")) {
            JsonNode granted = member.request(
                    "{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\"," + "\"dashboard.acme-member\"]}");
            assertThat(granted.path("granted")).hasSize(2);
            HttpResponse<String> put = server.send(
                    "PUT",
                    "/api/v1/admin/roles/member",
                    server.token("acme-super"),
                    "{\"permissions\":[\"dashboard.view\",\"notifications.view\",\"tasks.view\"]}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.body()).contains("\"role\":\"member\"").doesNotContain("projects.view");
            JsonNode lost = member.next(Duration.ofSeconds(2));
            assertThat(lost.path("type").asText()).isEqualTo("unsubscription");
            assertThat(lost.path("channels").toString()).isEqualTo("[\"project.acme-tower\"]");
            assertThat(lost.path("remaining_channels").toString()).isEqualTo("[\"dashboard.acme-member\"]");
            assertThat(lost.path("reason").path("status").asInt()).isEqualTo(403);
            assertThat(member.request("{\"type\":\"subscribe\",\"channel\":\"project.acme-tower\"}")
                            .path("denied")
                            .get(0)
                            .path("status")
                            .asInt())
                    .isEqualTo(403);
        }
    }
}
