package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchDataTest {

    @Test
    void quietTenantHasItsOwnUsersProjectAndTasks() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(BenchData.importDocument(3, 2, 4, 5));
        assertThat(doc.get("tenants")).hasSize(2);
        assertThat(doc.get("users")).hasSize(3 + 2 + 4); // bench users, publisher, admin, quiet users
        assertThat(doc.get("tasks")).hasSize(2 + 5);
        assertThat(doc.get("users").get(0).get("role").asText()).isEqualTo("super_admin");
        JsonNode lastTask = doc.get("tasks").get(6);
        assertThat(lastTask.get("id").asText()).isEqualTo("quiet-t5");
        assertThat(lastTask.get("tenant_id").asText()).isEqualTo(BenchData.QUIET_TENANT);
        assertThat(BenchData.quietChannel(5)).isEqualTo("task.quiet-t5");
    }

    @Test
    void withoutQuietUsersOnlyTheBenchTenant() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(BenchData.importDocument(1, 1));
        assertThat(doc.get("tenants")).hasSize(1);
        assertThat(doc.get("tasks")).hasSize(1);
    }
}
