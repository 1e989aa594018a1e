package dev.zena.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheSpecification() throws ConfigException {
        ServerConfig c = ConfigLoader.load(null, Map.of(), Map.of());

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.db()).isEqualTo("zena.db");
        assertThat(c.jwt()).isEqualTo(new JwtConfig("HS256", null, null, null, null, null, Duration.ofSeconds(5)));
        assertThat(c.authDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.heartbeat()).isEqualTo(new HeartbeatConfig(Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(c.limits())
                .isEqualTo(new LimitsConfig(
                        10, 500, 50, 5, 100, 20, 200, 65_536, 1_048_576, 60, 1000, Duration.ofSeconds(10), 3));
        assertThat(c.channels())
                .isEqualTo(new ChannelsConfig(
                        "dashboard.{user_id}",
                        "alerts.{user_id}",
                        "notifications.{user_id}",
                        "metrics.{tenant_id}",
                        "system.{tenant_id}",
                        "project.{project_id}",
                        "task.{task_id}"));
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.allowedOrigins()).isEmpty();
        assertThat(c.publish().isEnabled()).isFalse();
        assertThat(c.metricsToken()).isNull();
        assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ServerConfig.defaults()).isEqualTo(c);
    }

    @ParameterizedTest(name = "{0}: file={1} env={2} flag={3} -> {4} ({5})")
    @CsvSource(
            nullValues = "-",
            value = {
                "port, 1001, 1002, 1003, 1003, flag",
                "port, 1001, 1002, -, 1002, env",
                "port, 1001, -, -, 1001, file",
                "port, -, -, 1003, 1003, flag",
                "port, -, -, -, 8080, default",
                "host, 10.0.0.1, 10.0.0.2, -, 10.0.0.2, env",
                "heartbeat.interval, 5, -, 7s, 7s, flag",
                "jwt.issuer, file-iss, env-iss, -, env-iss, env",
                "db, from-file.db, -, -, from-file.db, file"
            })
    void laterSourcesWin(String key, String file, String env, String flag, String value, String origin)
            throws Exception {
        Setting s = Settings.find(key).orElseThrow();
        Path yml = write(file == null ? "" : key + ": \"" + file + "\"\n");
        Map<String, String> envs = env == null ? Map.of() : Map.of(s.envName(), env);
        Map<String, String> flags = flag == null ? Map.of() : Map.of(key, flag);

        EffectiveValue v = ConfigLoader.effective(yml, envs, flags).get(s);

        assertThat(v.value()).isEqualTo(value);
        assertThat(v.origin().label()).isEqualTo(origin);
        assertThat(ConfigLoader.load(yml, envs, flags)).isNotNull();
    }

    @Test
    void typedValuesFollowPrecedence() throws Exception {
        Path yml = write("port: 9000\nworkers: 3\nheartbeat.timeout: 90\n");
        ServerConfig c = ConfigLoader.load(yml, Map.of("WEBSOCKET_WORKERS", "4"), Map.of("port", "9100"));

        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.workers()).isEqualTo(4);
        assertThat(c.heartbeat().timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void nestedMapsAndListsAreFlattened() throws Exception {
        Path yml = write("""
                heartbeat:
                  interval: 0.5
                  timeout: 2s
                jwt:
                  issuer: zena
                limits.message_size: 1024
                trusted_proxies: [10.0.0.1, "10.1.0.0/16"]
                allowed_origins: https://a.example, https://b.example:8443
                """);
        ServerConfig c = ConfigLoader.load(yml, Map.of(), Map.of());

        assertThat(c.heartbeat()).isEqualTo(new HeartbeatConfig(Duration.ofMillis(500), Duration.ofSeconds(2)));
        assertThat(c.jwt().issuer()).isEqualTo("zena");
        assertThat(c.limits().messageSize()).isEqualTo(1024);
        assertThat(c.trustedProxies()).containsExactly("10.0.0.1", "10.1.0.0/16");
        assertThat(c.allowedOrigins()).containsExactly("https://a.example", "https://b.example:8443");
    }

    @Test
    void emptyFileAndNullValuesLeaveDefaults() throws Exception {
        assertThat(ConfigLoader.load(write(""), Map.of(), Map.of())).isEqualTo(ConfigLoader.defaults());
        assertThat(ConfigLoader.load(write("jwt.issuer:\nport: ~\n"), Map.of(), Map.of()))
                .isEqualTo(ConfigLoader.defaults());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "heartbeat.intreval: 30 | heartbeat.intreval | did you mean heartbeat.interval?",
                "heartbeat: {intervall: 30} | heartbeat.intervall | did you mean heartbeat.interval?",
                "jwt_secret: x | jwt_secret | did you mean jwt.secret?",
                "nats.url: x | nats.url | unknown setting"
            })
    void unknownFileKeyIsNamed(String yaml, String key, String hint) throws IOException {
        Path yml = write(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(yml, Map.of(), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith(key + ": unknown setting in config file")
                .hasMessageContaining(hint);
    }

    @Test
    void keySetBothDottedAndNestedIsRefused() throws IOException {
        Path yml = write("heartbeat.interval: 30\nheartbeat:\n  interval: 40\n");
        assertThatThrownBy(() -> ConfigLoader.load(yml, Map.of(), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("heartbeat.interval"))
                .hasMessageContaining("set twice");
    }

    @Test
    void unknownEnvironmentVariablesAreIgnored() throws ConfigException {
        Map<String, String> env = Map.of("WEBSOCKET_SOMETHING_ELSE", "x", "WEBSOCKET_PORT", "9001", "PATH", "/bin");
        assertThat(ConfigLoader.load(null, env, Map.of()).port()).isEqualTo(9001);
    }

    @Test
    void unknownFlagIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("prot", "1")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("prot"))
                .hasMessageContaining("did you mean port?");
    }

    @Test
    void nullFlagValuesMeanNotGiven() throws ConfigException {
        Map<String, String> flags = new HashMap<>();
        flags.put("port", null);
        assertThat(ConfigLoader.load(null, Map.of("WEBSOCKET_PORT", "9002"), flags)
                        .port())
                .isEqualTo(9002);
    }

    @Test
    void unreadableOrMalformedFileIsReportedWithItsPath() throws IOException {
        Path missing = dir.resolve("missing.yml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
        Path broken = write("port: [1, 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
        Path scalar = write("just text\n");
        assertThatThrownBy(() -> ConfigLoader.load(scalar, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mapping");
    }

    @Test
    void keysMayBeGivenInlineOrAsPemFiles() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
        Path file = dir.resolve("public.pem");
        Files.writeString(file, pem);

        assertThat(ConfigLoader.load(null, Map.of("WEBSOCKET_JWT_PUBLIC_KEY", file.toString()), Map.of())
                        .jwt()
                        .publicKey())
                .isEqualTo(pem.strip());
        assertThat(ConfigLoader.load(null, Map.of("WEBSOCKET_JWT_PUBLIC_KEY", pem), Map.of())
                        .jwt()
                        .publicKey())
                .isEqualTo(pem.strip());
        assertThatThrownBy(() ->
                        ConfigLoader.load(null, Map.of("WEBSOCKET_JWT_PRIVATE_KEY", "not-a-key-and-secret"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jwt.private_key (WEBSOCKET_JWT_PRIVATE_KEY): neither PEM")
                .hasMessageNotContaining("not-a-key-and-secret");
    }

    @Test
    void algorithmIsCaseInsensitiveAndListsAreTrimmed() throws ConfigException {
        ServerConfig c = ConfigLoader.load(
                null,
                Map.of("WEBSOCKET_JWT_ALGORITHM", "rs256", "WEBSOCKET_TRUSTED_PROXIES", " 10.0.0.1 , ,::1, fd00::/8 "),
                Map.of());
        assertThat(c.jwt().algorithm()).isEqualTo(JwtConfig.RS256);
        assertThat(c.trustedProxies()).isEqualTo(List.of("10.0.0.1", "::1", "fd00::/8"));
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "zena", ".yml");
        return Files.writeString(file, yaml);
    }
}
