package dev.zena.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule: the message starts with the bad key and its environment name. */
class ConfigValidationTest {

    @ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "port | 65536 | must be between 0 and 65535",
                "port | -1 | must be between 0 and 65535",
                "port | 80a | must be a whole number",
                "port | 8080.0 | must be a whole number",
                "port | '' | must not be empty",
                "workers | 0 | must be greater than 0",
                "workers | two | must be a whole number",
                "host | ' ' | must not be empty",
                "db | '' | must not be empty",
                "jwt.algorithm | none | must be HS256 or RS256",
                "jwt.algorithm | HS512 | must be HS256 or RS256",
                "jwt.leeway | 5x | not a duration",
                "auth.deadline | 0 | must be greater than 0",
                "auth.deadline | ten | not a duration",
                "heartbeat.interval | 0 | must be greater than 0",
                "heartbeat.interval | -5 | must be greater than 0",
                "heartbeat.timeout | 30 | must be greater than heartbeat.interval",
                "heartbeat.timeout | 29.9 | must be greater than heartbeat.interval",
                "drain.timeout | 10 sec | not a duration",
                "limits.send_queue_bytes | 0 | must be greater than 0",
                "limits.message_size | 99999999999 | must be at most 2147483647",
                "channels.dashboard | dashboard | must contain {user_id} exactly once",
                "channels.dashboard | d.{user_id}.{user_id} | must contain {user_id} exactly once",
                "channels.metrics | metrics.{user_id} | may hold only {tenant_id}",
                "channels.project | project.{project_id}.{task_id} | may hold only {project_id}",
                "channels.task | task.{id} | may hold only {task_id}",
                "channels.alerts | dashboard.{user_id} | not distinct from channels.dashboard",
                "channels.task | project.{task_id} | not distinct from channels.project",
                "trusted_proxies | proxy.example.com | not an IP address or CIDR",
                "trusted_proxies | 300.1.1.1 | not an IP address or CIDR",
                "trusted_proxies | 10.0.0.0/33 | not an IP address or CIDR",
                "trusted_proxies | fd00::/129 | not an IP address or CIDR",
                "allowed_origins | https://app.example.com/ | not an origin",
                "allowed_origins | app.example.com | not an origin"
            })
    void badValueIsRefusedNamingKeyAndEnvironmentVariable(String key, String value, String problem) {
        String envName = Settings.find(key).orElseThrow().envName();

        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(envName, value), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith(key + " (" + envName + "): ")
                .hasMessageContaining(problem);
    }

    static Stream<Arguments> limits() {
        return Settings.ALL.stream().filter(s -> s.key().startsWith("limits.")).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("limits")
    void everyLimitMustBePositive(Setting limit) {
        for (String bad : new String[] {"0", "-3"}) {
            assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(limit.key(), bad)))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo(limit.key()))
                    .hasMessageStartingWith(limit.label() + ": must be greater than 0");
        }
    }

    @ParameterizedTest(name = "{0} = ''{1}'' is accepted")
    @CsvSource(
            delimiter = '|',
            value = {
                "port | 0",
                "port | 65535",
                "workers | 1",
                "heartbeat.timeout | 30.5",
                "channels.project | projects/{project_id}/live",
                "channels.dashboard | {user_id}.dashboard",
                "trusted_proxies | 10.0.0.0/8,127.0.0.1,::1/128",
                "allowed_origins | http://localhost:3000",
                "jwt.leeway | 0",
                "drain.timeout | 0",
                "limits.send_queue_bytes | 4294967296"
            })
    void edgeValuesAreAccepted(String key, String value) {
        assertThatNoException().isThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(key, value)));
    }
}
