package dev.zena.realtime.publish;

import static dev.zena.realtime.publish.SignedRequests.post;
import static dev.zena.realtime.publish.SignedRequests.signed;
import static dev.zena.realtime.publish.SignedRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Without a key and secret the server still starts, and the publish API answers 503 PUBLISH_DISABLED. */
@Timeout(30)
class PublishDisabledTest {

    @Test
    void answers503WhenNoKeyIsConfigured(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("publish.key", "only-a-key"), "fixtures/basic.json")) {
            assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
            for (String path : new String[] {"/api/v1/broadcast", "/api/v1/sync"}) {
                byte[] body = utf8("{}");
                HttpResponse<String> answer = post(server, path, body, signed(body));
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(new ObjectMapper()
                                .readTree(answer.body())
                                .path("error")
                                .path("code")
                                .asText())
                        .isEqualTo("PUBLISH_DISABLED");
            }
        }
    }
}
