package dev.zena.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingTest {

    @ParameterizedTest
    @CsvSource({
        "heartbeat.interval, WEBSOCKET_HEARTBEAT_INTERVAL",
        "jwt.secret, WEBSOCKET_JWT_SECRET",
        "host, WEBSOCKET_HOST",
        "db, WEBSOCKET_DB",
        "limits.messages_per_connection, WEBSOCKET_LIMITS_MESSAGES_PER_CONNECTION",
        "trusted_proxies, WEBSOCKET_TRUSTED_PROXIES"
    })
    void envNameIsPrefixPlusUpperCasedKeyWithUnderscores(String key, String envName) {
        assertThat(Settings.find(key))
                .hasValueSatisfying(s -> assertThat(s.envName()).isEqualTo(envName));
    }

    @Test
    void keysAndEnvNamesAreUnique() {
        Set<String> keys = Settings.ALL.stream().map(Setting::key).collect(Collectors.toSet());
        Set<String> envNames = Settings.ALL.stream().map(Setting::envName).collect(Collectors.toSet());
        assertThat(keys).hasSize(Settings.ALL.size());
        assertThat(envNames).hasSize(Settings.ALL.size());
    }

    @Test
    void secretsAreTheSixCredentialsAndHaveNoDefault() {
        assertThat(Settings.ALL)
                .filteredOn(Setting::isSecret)
                .extracting(Setting::key)
                .containsExactly(
                        "db.password",
                        "jwt.secret",
                        "jwt.private_key",
                        "publish.secret",
                        "metrics.token",
                        "pusher.secret");
        assertThat(Settings.ALL)
                .filteredOn(Setting::isSecret)
                .extracting(Setting::defaultValue)
                .containsOnlyNulls();
    }

    @Test
    void catalogueCannotBeModified() {
        assertThat(Settings.ALL).isUnmodifiable();
    }

    @Test
    void unknownKeyIsNotFound() {
        assertThat(Settings.find("heartbeat.intreval")).isEmpty();
    }
}
